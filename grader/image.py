"""``kata image build``: the docker image that sandboxed runs serve a learner's app in.

The image holds, in a venv at ``/opt/kata`` that is first on PATH, the grader (a wheel built from
its checkout), its runtime stack and every kata's ``requirements``, for a non-root user. The
build itself has no network: the host downloads a wheelhouse for the base image's Python and
platform first, and the build installs from it alone. So the image holds exactly what the host
chose, and it builds on machines whose containers never get a network.
"""

import contextlib
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

import docker
import jinja2
import requests
from docker.errors import APIError, DockerException, ImageNotFound
from packaging.requirements import InvalidRequirement, Requirement

import grader
from grader import __version__
from grader.catalog import Catalog
from grader.errors import InfrastructureError, KataConfigError, UsageError
from grader.hashing import tree_hash
from grader.resources import templates_dir

DEFAULT_BASE = "python:3.11-slim"
IMAGE_NAME = "kata-sandbox"
PREFIX = "/opt/kata"  # the venv; its bin/ is first on PATH
WORKDIR = "/work"
SANDBOX_UID = 10001  # user and group; HOME is /tmp
MIN_PYTHON = (3, 11)

LABEL_SANDBOX = "org.kata.sandbox"
LABEL_VERSION = "org.kata.grader-version"
LABEL_INPUTS = "org.kata.inputs"
LABEL_BASE = "org.kata.base"
LABEL_STAGE = "org.kata.stage"  # on the install stage only

TEMPLATE = "sandbox.Dockerfile"
WHEELHOUSE = "/wheelhouse"  # in the build's first stage only
REQUIREMENTS_FILE = "requirements.txt"
# What the grader's wheel is made of (pyproject.toml's wheel target). A change to any of it
# makes an image stale.
WHEEL_SOURCES = ("pyproject.toml", "grader", "katas", "templates")

PROBE_SECONDS = 60
PIP_SECONDS = 1800
BUILD_READ_SECONDS = 900
PROBE_CODE = (
    "import json, platform, sys; print(json.dumps({'python': sys.version_info[:2], "
    "'machine': platform.machine(), 'libc': platform.libc_ver()}))"
)
# Platform tags that predate PEP 600, and the glibc minor version each one stands for.
LEGACY_MANYLINUX = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}

Progress = Callable[[str], None]


def default_image_ref() -> str:
    """The image the docker sandbox runs: one per grader version, so a grader never runs a
    launcher of another version."""
    return f"{IMAGE_NAME}:{__version__}"


@dataclass(frozen=True)
class BasePython:
    """The base image's python3: it decides which wheels the image can use."""

    version: tuple[int, int]
    machine: str
    glibc: tuple[int, int]

    @classmethod
    def parse(cls, base: str, output: str) -> "BasePython":
        """Read what PROBE_CODE printed in the base image; refuse a base the sandbox cannot use."""
        try:
            facts = json.loads(output.strip().splitlines()[-1])
            major, minor = (int(part) for part in facts["python"])
            machine = str(facts["machine"])
            libc, libc_version = facts["libc"]
            glibc = tuple(int(part) for part in libc_version.split(".")[:2]) if libc else ()
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise UsageError(f"base image {base}: python3 did not run as expected") from None
        if (major, minor) < MIN_PYTHON:
            raise UsageError(
                f"base image {base} has Python {major}.{minor}; the sandbox needs "
                f"{'.'.join(map(str, MIN_PYTHON))} or newer"
            )
        if libc != "glibc" or len(glibc) != 2 or glibc[0] != 2:
            raise UsageError(
                f"base image {base} does not use glibc 2; use a Debian-like base such as "
                f"{DEFAULT_BASE}"
            )
        return cls((major, minor), machine, (glibc[0], glibc[1]))

    @property
    def python_tag(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"

    def platforms(self) -> list[str]:
        """Every manylinux tag this glibc runs, newest first: given ``--platform``, pip takes
        the tags it is told and does not add the older ones itself."""
        newest = self.glibc[1]
        tags = [f"manylinux_2_{minor}_{self.machine}" for minor in range(newest, 4, -1)]
        legacy = [name for minor, name in LEGACY_MANYLINUX.items() if minor <= newest]
        return tags + [f"{name}_{self.machine}" for name in legacy]

    def describe(self) -> str:
        return f"Python {self.python_tag} on {self.machine}, glibc {self.glibc[0]}.{self.glibc[1]}"


def _content_hash(path: Path) -> str:
    return tree_hash(path) if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()


def inputs_hash(base_id: str, python: BasePython, source: Path, requirements: Sequence[str]) -> str:
    """One hash of everything an image is built from, so a stale image is told from a current
    one. Pinned-by-range requirements are hashed as written: ``--force`` picks up new releases."""
    facts = {
        "grader": __version__,
        "base": base_id,
        "python": python.describe(),
        "requirements": list(requirements),
    }
    digest = hashlib.sha256(json.dumps(facts, sort_keys=True).encode())
    for name in WHEEL_SOURCES:
        digest.update(f"{name}\0{_content_hash(source / name)}\0".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class BuildPlan:
    """Everything an image is built from, and the hash of it taken when the plan was made."""

    base: str
    base_id: str
    python: BasePython
    tag: str
    source: Path
    requirements: tuple[str, ...]
    inputs: str

    def labels(self) -> dict[str, str]:
        return {
            LABEL_SANDBOX: "1",
            LABEL_VERSION: __version__,
            LABEL_INPUTS: self.inputs,
            LABEL_BASE: self.base,
        }


@dataclass(frozen=True)
class BuiltImage:
    """The image ``kata image build`` left tagged, and whether it was already there."""

    ref: str
    id: str
    size: int
    seconds: float
    reused: bool


def kata_requirements(catalog: Catalog, warn: Progress) -> tuple[str, ...]:
    """Every kata's extra requirements, once each. A kata that does not load cannot be graded
    anyway, so it is named and left out, as ``kata list`` does; a requirement that pip would
    read as an option, or not as a requirement at all, is refused."""
    found: set[str] = set()
    for kata_id in catalog.ids():
        try:
            requirements = catalog.get(kata_id).config.requirements
        except KataConfigError as exc:
            warn(f"skipped: {exc}")
            continue
        for text in requirements:
            try:
                Requirement(text)
            except InvalidRequirement:
                raise UsageError(
                    f"kata {kata_id!r}: requirements: {text!r} is not a requirement pip can install"
                ) from None
            found.add(text)
    return tuple(sorted(found))


def _is_checkout(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "grader" / "__init__.py").is_file()


def grader_source() -> Path:
    """The checkout to build the grader's wheel from: next to the package in a clone or an
    editable install, or the folder pip recorded when the grader was installed from one."""
    candidates = [Path(grader.__file__).resolve().parent.parent]
    with contextlib.suppress(metadata.PackageNotFoundError):
        recorded = metadata.distribution("kata").read_text("direct_url.json")
        url = json.loads(recorded).get("url", "") if recorded else ""
        if url.startswith("file://"):
            candidates.append(Path(unquote(urlparse(url).path)))
    for folder in candidates:
        if _is_checkout(folder):
            return folder
    raise UsageError(
        "kata image build builds the grader's wheel from its source, and no kata checkout "
        "was found; run it from a clone of kata (pip install -e .)"
    )


def probe_base(client: docker.DockerClient, base: str) -> tuple[str, BasePython]:
    """The base image's id and its python3, asked in a container with no network."""
    try:
        image = client.images.get(base)
    except ImageNotFound:
        raise UsageError(
            f"base image {base} is not on this Docker engine; pull or build it, "
            "or pass --base IMAGE"
        ) from None
    except APIError as exc:
        raise UsageError(f"base image {base}: {exc.explanation}") from None
    try:
        container = client.containers.create(
            image.id, entrypoint=["python3", "-c", PROBE_CODE], network_mode="none"
        )
    except APIError as exc:
        raise InfrastructureError(
            f"cannot create a container from {base}: {exc.explanation}"
        ) from None
    try:
        container.start()
        status = container.wait(timeout=PROBE_SECONDS)["StatusCode"]
        output = container.logs().decode("utf-8", errors="replace")
    except APIError as exc:
        reason = "it has no python3" if "not found" in str(exc.explanation) else exc.explanation
        raise UsageError(f"base image {base} cannot run python3: {reason}") from None
    except requests.RequestException:
        raise InfrastructureError(
            f"base image {base}: python3 did not answer in {PROBE_SECONDS} s"
        ) from None
    finally:
        with contextlib.suppress(DockerException):
            container.remove(force=True)
    if status != 0:
        said = (output.strip().splitlines() or [f"exit code {status}"])[-1]
        raise UsageError(f"base image {base}: python3 failed: {said}")
    return image.id, BasePython.parse(base, output)


def plan_build(
    client: docker.DockerClient,
    catalog: Catalog,
    base: str | None,
    tag: str | None,
    warn: Progress,
) -> BuildPlan:
    """Check every input before anything is downloaded or built."""
    base = base or DEFAULT_BASE
    requirements = kata_requirements(catalog, warn)
    source = grader_source()
    base_id, python = probe_base(client, base)
    inputs = inputs_hash(base_id, python, source, requirements)
    return BuildPlan(
        base, base_id, python, tag or default_image_ref(), source, requirements, inputs
    )


def _pip(args: Sequence[str], what: str) -> None:
    """Run the host's pip; a failure becomes one line: pip's own last error."""
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PIP_SECONDS)
    except subprocess.TimeoutExpired:
        raise InfrastructureError(f"{what} took longer than {PIP_SECONDS} s") from None
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("ERROR")]
        said = (errors or lines or [f"pip exited with {done.returncode}"])[-1]
        raise InfrastructureError(f"{what} failed: {said}")


def wheel_command(source: Path, wheelhouse: Path, isolated: bool) -> list[str]:
    """Build the grader's own wheel; without build isolation when hatchling is at hand, so
    that needs no download."""
    isolation = [] if isolated else ["--no-build-isolation"]
    return [
        "wheel",
        "--quiet",
        "--no-deps",
        *isolation,
        "--wheel-dir",
        str(wheelhouse),
        str(source),
    ]


def download_command(plan: BuildPlan, wheelhouse: Path, grader_wheel: Path) -> list[str]:
    """Download, for the base's Python and platform rather than the host's, every wheel the
    image installs: the grader's dependencies, the katas' requirements, and pip itself."""
    version = plan.python.version
    platforms = [arg for tag in plan.python.platforms() for arg in ("--platform", tag)]
    return [
        "download",
        "--quiet",
        "--only-binary=:all:",
        "--python-version",
        plan.python.python_tag,
        "--implementation",
        "cp",
        "--abi",
        f"cp{version[0]}{version[1]}",
        *platforms,
        "--dest",
        str(wheelhouse),
        str(grader_wheel),
        "pip",
        *plan.requirements,
    ]


def dockerfile_template() -> jinja2.Template:
    """The Dockerfile template; a name it uses that the renderer does not pass is an error,
    never an empty string in a build step."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(default=False),
        keep_trailing_newline=True,
    )
    return environment.get_template(TEMPLATE)


def render_dockerfile(plan: BuildPlan, pip_wheel: str) -> str:
    return dockerfile_template().render(
        base=plan.base_id,
        prefix=PREFIX,
        wheelhouse=WHEELHOUSE,
        pip_wheel=pip_wheel,
        requirements_file=REQUIREMENTS_FILE,
        uid=SANDBOX_UID,
        workdir=WORKDIR,
        labels=plan.labels(),
        stage_label=LABEL_STAGE,
    )


def _hatchling_present() -> bool:
    try:
        metadata.distribution("hatchling")
    except metadata.PackageNotFoundError:
        return False
    return True


def write_context(plan: BuildPlan, context: Path, progress: Progress) -> None:
    """Fill the build context: the wheelhouse, the list of what to install, the Dockerfile."""
    wheelhouse = context / "wheelhouse"
    wheelhouse.mkdir()
    progress(f"building the grader's wheel from {plan.source}")
    _pip(wheel_command(plan.source, wheelhouse, not _hatchling_present()), "building the wheel")
    built = sorted(wheelhouse.glob("kata-*.whl"))
    if [wheel.name.split("-")[1] for wheel in built] != [__version__]:
        raise UsageError(
            f"the checkout at {plan.source} is not kata {__version__}; "
            "run kata image build from that checkout's own install"
        )
    progress(f"downloading wheels for {plan.python.describe()}")
    _pip(download_command(plan, wheelhouse, built[0]), "downloading the image's wheels")
    pip_wheels = sorted(wheelhouse.glob("pip-*.whl"))
    requirements = [f"{WHEELHOUSE}/{built[0].name}", *plan.requirements]
    (wheelhouse / REQUIREMENTS_FILE).write_text("\n".join(requirements) + "\n", encoding="utf-8")
    (context / "Dockerfile").write_text(render_dockerfile(plan, pip_wheels[-1].name), "utf-8")


def _docker_build(client: docker.DockerClient, context: Path, tag: str, progress: Progress) -> None:
    """Build with networking off for every RUN step; a failure names the step and what the
    step said last (pip's error line when pip failed)."""
    said: deque[str] = deque(maxlen=40)
    step = "the start"
    try:
        for chunk in client.api.build(
            path=str(context),
            tag=tag,
            network_mode="none",
            rm=True,
            forcerm=True,
            pull=False,
            decode=True,
            timeout=BUILD_READ_SECONDS,
        ):
            for line in chunk.get("stream", "").splitlines():
                if line.startswith("Step "):
                    step = line.split(" : ")[0]
                    progress(line)
                    said.clear()
                elif line.strip() and not line.lstrip().startswith("--->"):
                    said.append(line.strip())
            if "error" in chunk:
                errors = [line for line in said if line.startswith("ERROR")]
                last = (errors or list(said) or [chunk["error"].strip()])[-1]
                raise InfrastructureError(f"the image build failed at {step}: {last}")
    except (DockerException, requests.RequestException) as exc:
        raise InfrastructureError(f"the image build failed at {step}: {exc}") from None


def current_image(client: docker.DockerClient, plan: BuildPlan) -> str | None:
    """The id of an image tagged as planned and built from the same inputs, if there is one."""
    try:
        image = client.images.get(plan.tag)
    except ImageNotFound:
        return None
    return image.id if image.labels.get(LABEL_INPUTS) == plan.inputs else None


def _build_fresh(client: docker.DockerClient, plan: BuildPlan, progress: Progress) -> None:
    """Build in a temporary context, then drop what the build leaves behind: the install
    stage's image always, and the image the tag moved away from. Each is a few hundred MB; an
    image that a container still uses stays."""
    try:
        previous = client.images.get(plan.tag).id
    except ImageNotFound:
        previous = None
    try:
        with tempfile.TemporaryDirectory(prefix="kata-image-") as context:
            write_context(plan, Path(context), progress)
            progress(f"building {plan.tag} from {plan.base}, with no network")
            _docker_build(client, Path(context), plan.tag, progress)
    finally:
        with contextlib.suppress(APIError):
            client.images.prune(filters={"dangling": True, "label": LABEL_STAGE})
    if previous is not None and client.images.get(plan.tag).id != previous:
        with contextlib.suppress(APIError):
            client.images.remove(previous)


def build_image(
    client: docker.DockerClient, plan: BuildPlan, *, force: bool = False, progress: Progress
) -> BuiltImage:
    """Build and tag the image, or keep the one already built from the same inputs.

    The tag moves only when the build succeeds, so a failed build leaves the previous image
    as it was.
    """
    started = time.monotonic()
    reused = not force and current_image(client, plan) is not None
    if not reused:
        _build_fresh(client, plan, progress)
    image = client.images.get(plan.tag)
    seconds = time.monotonic() - started
    return BuiltImage(plan.tag, image.id, image.attrs["Size"], seconds, reused)
