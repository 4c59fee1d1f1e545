"""Which sandboxes work on this machine, why the others do not, and which one ``auto`` picks.

Each probe tries the real thing (a trial bwrap run, a ping of the engine) instead of looking for
a binary, because a present but unusable tool is the common case: bwrap where user namespaces
are off, a docker CLI with no engine behind it.
"""

import shutil
import subprocess
from dataclasses import asdict, dataclass

import docker
import requests
from docker.errors import DockerException, ImageNotFound

from grader.errors import SandboxError
from grader.image import DEFAULT_BASE, LABEL_BASE, default_image_ref

BWRAP_TRIAL = ("--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/", "/", "true")
PROBE_SECONDS = 10
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
    if "No such file or directory" in text or "FileNotFoundError" in text:
        return "no engine is listening (no Docker socket)"
    if "Permission denied" in text or "PermissionError" in text:
        return "permission denied on the Docker socket"
    if "Connection refused" in text:
        return "the engine refused the connection"
    return text.splitlines()[0] if text else type(exc).__name__


def connect_docker(timeout: float = 60) -> docker.DockerClient:
    """A client for the engine the SDK finds (DOCKER_HOST or the local socket), pinged once."""
    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
    except (DockerException, requests.RequestException) as exc:
        raise SandboxError(f"cannot reach a Docker engine: {_engine_problem(exc)}") from None
    return client


def probe_process() -> Probe:
    return Probe("process", True, "a plain subprocess under rlimits; not a security boundary", None)


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
        return Probe("bwrap", False, f"{path} could not run: {exc}", None)
    if trial.returncode != 0:
        said = (trial.stderr.strip().splitlines() or [f"exit code {trial.returncode}"])[-1]
        return Probe(
            "bwrap",
            False,
            f"{path} cannot create its namespaces: {said}",
            "allow unprivileged user namespaces (sudo sysctl -w kernel.unprivileged_userns_clone=1;"
            " on Ubuntu 24.04 and later also kernel.apparmor_restrict_unprivileged_userns=0)",
        )
    return Probe("bwrap", True, f"{path}: a trial run with every namespace works", None)


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
    with client:
        version = client.version().get("Version", "unknown version")
    return Probe("docker", True, f"engine {version} answers", None)


def probe_image(ref: str | None = None) -> Probe:
    """The docker sandbox needs the image built for this very grader version."""
    ref = ref or default_image_ref()
    build = f"kata image build (or kata image build --base IMAGE if {DEFAULT_BASE} is not here)"
    try:
        client = connect_docker(timeout=PROBE_SECONDS)
    except SandboxError:
        return Probe("image", False, f"{ref}: cannot look, no Docker engine", build)
    with client:
        try:
            image = client.images.get(ref)
        except ImageNotFound:
            return Probe("image", False, f"{ref} is not built", build)
    size = image.attrs.get("Size", 0) / 1e6
    base = image.labels.get(LABEL_BASE, "unknown base")
    return Probe("image", True, f"{ref} is {image.id} ({size:.0f} MB, from {base})", None)


def docker_available() -> bool:
    return probe_docker().ok


def bwrap_available() -> bool:
    return probe_bwrap().ok


def image_present(ref: str | None = None) -> str | None:
    """The id of the sandbox image for this grader version, or None when it (or docker) is
    missing."""
    ref = ref or default_image_ref()
    try:
        client = connect_docker(timeout=PROBE_SECONDS)
    except SandboxError:
        return None
    with client:
        try:
            return client.images.get(ref).id
        except ImageNotFound:
            return None


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

    def as_dict(self) -> dict[str, object]:
        return {"checks": [probe.as_dict() for probe in self.probes], "auto": self.auto}


def survey() -> Survey:
    probes = (probe_process(), probe_bwrap(), probe_docker(), probe_image())
    ok = {probe.name: probe.ok for probe in probes}
    return Survey(probes, choose(ok["docker"] and ok["image"], ok["bwrap"]))
