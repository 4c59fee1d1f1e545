"""The ``bwrap`` sandbox: bubblewrap namespaces around the black-box launcher.

The launcher runs with no network, its own pid, ipc and uts namespaces, a user namespace (as
``nobody`` inside), a read-only view of the system and of the Python it runs on, an empty /tmp,
and write access to its copy of the submission and to the sockets folder only. The specs, the
results, the user's home and the kata catalogs are not in its view. The process backend's
rlimits and wall-clock kill still apply (bubblewrap has no resource limits of its own), and the
pid namespace takes every process the submission started down with it.

Started by root, the sandbox's user maps to root outside, which can read root-owned files in
what is bound in; run the grader as an ordinary user to grade untrusted code with this backend.
"""

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import grader
from grader.errors import SandboxError, UsageError
from grader.resources import builtin_catalog_dir
from grader.sandbox.base import LaunchRequest
from grader.sandbox.process import ProcessSandbox

SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
NOBODY = "65534"
SANDBOX_TMP = "/tmp"  # noqa: S108 - the sandbox's own, new and empty, size-capped tmpfs
TMP_SIZE = 64 * 1024 * 1024


def _python_dirs() -> list[Path]:
    """The interpreter, its standard library and site-packages, and the grader's own code."""
    dirs = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    package = Path(grader.__file__).resolve().parent
    if not any(package.is_relative_to(folder) for folder in dirs):
        dirs.add(package)  # an editable install: the package lives in a checkout
    return sorted(dirs)


def _catalog_copies() -> set[Path]:
    """Every copy of the built-in katas the interpreter could see: the one in use, and any an
    earlier install left in a site folder (an editable install over a wheel leaves one)."""
    copies = {builtin_catalog_dir().resolve()}
    for entry in sys.path:
        candidate = Path(entry or ".") / "grader" / "katas"
        if candidate.is_dir():
            copies.add(candidate.resolve())
    return copies


def isolation_args(request: LaunchRequest) -> list[str]:
    args = [
        "--unshare-all", "--die-with-parent", "--new-session",
        "--uid", NOBODY, "--gid", NOBODY,
        "--proc", "/proc", "--dev", "/dev",
        "--size", str(TMP_SIZE), "--tmpfs", SANDBOX_TMP,
        "--clearenv",
    ]  # fmt: skip
    for folder in SYSTEM_DIRS:
        args += ["--ro-bind-try", folder, folder]
    bound = _python_dirs()
    for folder in bound:
        args += ["--ro-bind", str(folder), str(folder)]
    for hidden in _catalog_copies():
        if any(hidden.is_relative_to(folder) for folder in bound):
            args += ["--tmpfs", str(hidden)]  # katas' specs and solutions ship beside the code
    args += ["--bind", str(request.submission), str(request.submission)]
    args += ["--bind", str(request.sockets), str(request.sockets)]
    if request.harness is not None:
        args += ["--ro-bind", str(request.harness), str(request.harness)]
    environment = {**request.env, "HOME": SANDBOX_TMP, "TMPDIR": SANDBOX_TMP}
    for name, value in environment.items():
        args += ["--setenv", name, value]
    return [*args, "--chdir", str(request.submission)]


class BwrapSandbox(ProcessSandbox):
    name = "bwrap"

    def wrap(self, argv: Sequence[str], request: LaunchRequest | None) -> list[str]:
        if request is None:
            raise UsageError(
                "the bwrap sandbox runs submissions black-box only; use --mode blackbox"
            )
        binary = shutil.which("bwrap")
        if binary is None:
            raise SandboxError("bwrap is not installed; install bubblewrap or pick another sandbox")
        return [binary, *isolation_args(request), "--", *argv]
