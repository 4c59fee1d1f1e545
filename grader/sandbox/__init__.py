"""Sandboxes: one interface (``base.Sandbox``), one module per backend, and the choice of one."""

from grader.errors import UsageError
from grader.sandbox.base import LaunchRequest, Outcome, Sandbox, SandboxRequest
from grader.sandbox.bwrap import BwrapSandbox
from grader.sandbox.docker import DockerSandbox
from grader.sandbox.process import ProcessSandbox

BACKENDS: dict[str, type[Sandbox]] = {
    backend.name: backend for backend in (ProcessSandbox, BwrapSandbox, DockerSandbox)
}
CHOICES = ("auto", *BACKENDS)
MODES = ("inprocess", "blackbox")


def open_sandbox(name: str) -> Sandbox:
    """The backend called ``name``; ``auto`` is the strongest this machine has."""
    if name == "auto":
        from grader.sandbox.available import pick_auto

        name = pick_auto()
    return BACKENDS[name]()


def mode_for(sandbox: Sandbox, asked: str | None) -> str:
    """In-process only where the submission may share the specs' process: the process backend."""
    if asked is None:
        return "inprocess" if sandbox.name == "process" else "blackbox"
    if asked == "inprocess" and sandbox.name != "process":
        raise UsageError(
            f"the {sandbox.name} sandbox keeps the specs out of it, so it runs black-box only; "
            f"drop --mode inprocess or use --sandbox process"
        )
    return asked


__all__ = [
    "BACKENDS",
    "CHOICES",
    "MODES",
    "BwrapSandbox",
    "DockerSandbox",
    "LaunchRequest",
    "Outcome",
    "ProcessSandbox",
    "Sandbox",
    "SandboxRequest",
    "mode_for",
    "open_sandbox",
]
