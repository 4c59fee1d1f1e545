"""The spec index: which specs a kata has, known before any submission runs.

pytest itself collects the kata's specs, in a run with no submission at all, and the plugin
records each spec's id, title, points and hints. The index is cached per kata version (a content
hash), so listing the catalog and checking a workspace pay for collection once.
"""

import functools
import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from grader import __version__
from grader.catalog import Kata
from grader.errors import KataConfigError
from grader.job import prepare, pytest_argv, run_environment
from grader.models import Limits, SpecInfo
from grader.records import read_stream
from grader.sandbox import ProcessSandbox, SandboxRequest
from grader.userdirs import cache_dir

_INDEX = TypeAdapter(list[SpecInfo])
COLLECT_LIMITS = Limits(wall_seconds=60, cpu_seconds=60)


def _collect(kata: Kata) -> list[SpecInfo]:
    with tempfile.TemporaryDirectory(prefix="kata-collect-") as tmp:
        workdir = prepare(kata, Path(tmp))
        workdir.submission.mkdir()
        outcome = ProcessSandbox().run(
            SandboxRequest(
                argv=pytest_argv(workdir, kata, collect_only=True),
                cwd=workdir.submission,
                env=run_environment(workdir, kata),
                limits=COLLECT_LIMITS,
            )
        )
        collected = read_stream(workdir.results).collected
    if collected is None or outcome.returncode not in (0, 5):
        tail = "\n".join(outcome.output.strip().splitlines()[-15:])
        raise KataConfigError(f"{kata.specs_dir}: the specs could not be collected:\n{tail}")
    if not collected.specs:
        raise KataConfigError(f"{kata.specs_dir}: no specs found (test_*.py with test_ functions)")
    return collected.specs


@functools.cache
def _collector_fingerprint() -> str:
    """Changes whenever the code that decides titles, points and hints changes."""
    digest = hashlib.sha256(__version__.encode())
    for name in ("plugin.py", "models.py"):  # read, not imported: the CLI stays light
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()[:12]


def spec_index(kata: Kata) -> list[SpecInfo]:
    """The kata's specs in collection order, from the cache when this version was seen."""
    if kata.config.grading == "tests":  # one spec per app version, read from the kata's files
        from grader.suitekata import suite_index

        return suite_index(kata)
    cached = cache_dir() / "specs" / f"{kata.id}-{kata.version}-{_collector_fingerprint()}.json"
    try:
        return _INDEX.validate_json(cached.read_bytes())
    except (OSError, ValidationError):
        pass
    specs = _collect(kata)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(_INDEX.dump_json(specs))
        partial.replace(cached)
    except OSError:
        pass  # an unwritable cache only costs time
    return specs
