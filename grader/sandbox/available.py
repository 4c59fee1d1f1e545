"""Which sandboxes work on this machine, why the others do not, and which one ``auto`` picks.

Each probe tries the real thing (a trial bwrap run, a ping of the engine) instead of looking for
a binary, because a present but unusable tool is the common case: bwrap where user namespaces
are off, a docker CLI with no engine behind it.
"""

import contextlib
import os
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

import docker
import requests
from docker.errors import DockerException, ImageNotFound
from docker.models.images import Image

from grader.errors import SandboxError
from grader.image import DEFAULT_BASE, LABEL_BASE, default_image_ref

BWRAP_TRIAL = ("--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/", "/", "true")
PROBE_SECONDS = 10
DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock"  # where the SDK looks without DOCKER_HOST
AUTO_ORDER = ("docker", "bwrap", "process")


@dataclass(frozen=True)
class Probe:
    """One thing the doctor checked: whether it works, what was found, and how to fix it."""

    name: str
    ok: bool
    detail: str
    fix: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _engine_problem(exc: Exception) -> str:
    """The docker SDK wraps the socket error in layers; say the one thing a user can act on."""
    text = str(exc)
    if "Permission denied" in text or "PermissionError" in text:
        return "permission denied on the Docker socket"
    if "Connection refused" in text:
        return "the engine refused the connection"
    return text.splitlines()[0] if text else type(exc).__name__


def _missing_socket() -> str | None:
    """The engine's Unix socket when it does not exist: said up front, because the SDK leaks
    the socket object of a failed connection."""
    host = os.environ.get("DOCKER_HOST") or DEFAULT_DOCKER_HOST
    if host.startswith("unix://") and not Path(host.removeprefix("unix://")).exists():
        return host.removeprefix("unix://")
    return None


def connect_docker(timeout: float = 60) -> docker.DockerClient:
    """A client for the engine the SDK finds (DOCKER_HOST or the local socket), pinged once."""
    socket = _missing_socket()
    if socket is not None:
        raise SandboxError(f"cannot reach a Docker engine: no engine is listening at {socket}")
    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
    except (DockerException, requests.RequestException) as exc:
        raise SandboxError(f"cannot reach a Docker engine: {_engine_problem(exc)}") from None
    return client


def probe_process() -> Probe:
    return Probe("process", True, "a plain subprocess under rlimits; not a security boundary")


def probe_bwrap(binary: str = "bwrap") -> Probe:
    """bwrap is usable only if a trial run can create every namespace the backend asks for."""
    path = shutil.which(binary)
    if path is None:
        return Probe(
            "bwrap",
            False,
            "bubblewrap is not installed",
            "install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap)",
        )
    try:
        trial = subprocess.run(
            [path, *BWRAP_TRIAL],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=PROBE_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Probe("bwrap", False, f"{path} could not run: {exc}")
    if trial.returncode != 0:
        said = (trial.stderr.strip().splitlines() or [f"exit code {trial.returncode}"])[-1]
        return Probe(
            "bwrap",
            False,
            f"{path} cannot create its namespaces: {said}",
            "allow unprivileged user namespaces (sudo sysctl -w kernel.unprivileged_userns_clone=1;"
            " on Ubuntu 24.04 and later also kernel.apparmor_restrict_unprivileged_userns=0)",
        )
    return Probe("bwrap", True, f"{path}: a trial run with every namespace works")


def probe_docker() -> Probe:
    try:
        client = connect_docker(timeout=PROBE_SECONDS)
    except SandboxError as exc:
        fix = (
            "add your user to the docker group, or point DOCKER_HOST at a rootless engine"
            if "permission denied" in str(exc)
            else "install and start Docker (Debian/Ubuntu: sudo apt-get install docker.io && "
            "sudo systemctl start docker), or set DOCKER_HOST"
        )
        return Probe("docker", False, str(exc), fix)
    with contextlib.closing(client):
        version = client.version().get("Version", "unknown version")
    return Probe("docker", True, f"engine {version} answers")


def find_image(ref: str) -> Image | None:
    """The image tagged ``ref``, or None when it is not built or no engine answers."""
    try:
        client = connect_docker(timeout=PROBE_SECONDS)
    except SandboxError:
        return None
    with contextlib.closing(client):
        try:
            return client.images.get(ref)
        except ImageNotFound:
            return None


def probe_image(ref: str, image: Image | None, engine_ok: bool) -> Probe:
    """The docker sandbox needs the image built for this very grader version."""
    build = f"kata image build (or kata image build --base IMAGE if {DEFAULT_BASE} is not here)"
    if not engine_ok:
        return Probe("image", False, f"{ref}: cannot look, no Docker engine", build)
    if image is None:
        return Probe("image", False, f"{ref} is not built", build)
    size = image.attrs.get("Size", 0) / 1e6
    base = image.labels.get(LABEL_BASE, "an unknown base")
    return Probe("image", True, f"{ref} is {image.id[:19]} ({size:.0f} MB, from {base})")


def docker_available() -> bool:
    return probe_docker().ok


def bwrap_available() -> bool:
    return probe_bwrap().ok


def image_present(ref: str | None = None) -> str | None:
    """The id of the sandbox image (this grader version's by default), or None when it or the
    engine is missing."""
    image = find_image(ref or default_image_ref())
    return image.id if image else None


def choose(docker_ready: bool, bwrap_ready: bool) -> str:
    """The strongest backend that works; docker counts only with its image built."""
    ready = {"docker": docker_ready, "bwrap": bwrap_ready, "process": True}
    return next(name for name in AUTO_ORDER if ready[name])


def pick_auto() -> str:
    """What ``--sandbox auto`` runs with on this machine: docker, then bwrap, then process."""
    return choose(image_present() is not None, bwrap_available())


@dataclass(frozen=True)
class Survey:
    """Everything ``kata doctor`` reports."""

    probes: tuple[Probe, ...]
    auto: str
    image_ref: str
    image_id: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "checks": [probe.as_dict() for probe in self.probes],
            "auto": self.auto,
            "image": {"ref": self.image_ref, "id": self.image_id},
        }


def survey() -> Survey:
    ref = default_image_ref()
    bwrap, docker_engine = probe_bwrap(), probe_docker()
    image = find_image(ref) if docker_engine.ok else None
    probes = (probe_process(), bwrap, docker_engine, probe_image(ref, image, docker_engine.ok))
    auto = choose(image is not None, bwrap.ok)
    return Survey(probes, auto, ref, image.id if image else None)
