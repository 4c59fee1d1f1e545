"""The grader's exceptions, and the exit code each one ends the CLI with.

KataError               anything the CLI reports as one line and an exit code
├── UsageError          bad usage or bad input: exit 2, nothing written
│   ├── KataConfigError a kata on disk is malformed (kata.toml, specs, layout)
│   └── IntakeError     a submission cannot be taken in safely
└── InfrastructureError the grader could not run the specs: exit 3
    └── SandboxError    a sandbox backend failed or is unavailable
"""


class KataError(Exception):
    """An expected failure with a message for the user; never shown as a traceback."""

    exit_code = 2


class UsageError(KataError):
    """The user asked for something that cannot be done as asked."""

    exit_code = 2


class KataConfigError(UsageError):
    """A kata's files are malformed; the message names the file and the field."""


class IntakeError(UsageError):
    """A submission breaks a rule of the safe intake (size, links, file types)."""


class InfrastructureError(KataError):
    """The specs could not be run at all, through no fault of the submission."""

    exit_code = 3


class SandboxError(InfrastructureError):
    """A sandbox backend failed to start or to report back."""
