"""The sandbox image: planning and rendering without an engine, then a real build and real
containers from it.

The real build happens once per session, and not at all when an image built from the same
inputs is already there (CI builds it before the tests run).
"""

import io
import itertools
import json
import shutil
import tarfile
from collections.abc import Iterator
from pathlib import Path

import docker
import jinja2
import pytest

from grader import __version__
from grader.catalog import Catalog
from grader.errors import UsageError
from grader.image import (
    DEFAULT_BASE,
    LABEL_BASE,
    LABEL_INPUTS,
    LABEL_SANDBOX,
    LABEL_VERSION,
    WHEEL_SOURCES,
    BasePython,
    BuildPlan,
    build_image,
    default_image_ref,
    dockerfile_template,
    download_command,
    grader_source,
    inputs_hash,
    kata_requirements,
    plan_build,
    probe_base,
    render_dockerfile,
    wheel_command,
)
from grader.sandbox.available import connect_docker, docker_available
from tests.conftest import require, run_kata

REPO = Path(__file__).resolve().parent.parent
BOOKWORM = BasePython((3, 11), "x86_64", (2, 36))


def make_plan() -> BuildPlan:
    return BuildPlan(
        base="kata-base:bookworm",
        base_id="sha256:" + "ab" * 32,
        python=BOOKWORM,
        tag=default_image_ref(),
        source=REPO,
        requirements=("tzdata>=2024",),
        inputs="0" * 64,
    )


def probe_output(python: list[int], libc: list[str]) -> str:
    return json.dumps({"python": python, "machine": "x86_64", "libc": libc}) + "\n"


# Planning and rendering: no engine needed.


def test_default_image_ref_names_the_grader_version() -> None:
    assert default_image_ref() == f"kata-sandbox:{__version__}"


def test_base_python_is_read_from_the_probe() -> None:
    python = BasePython.parse("base", probe_output([3, 11], ["glibc", "2.36"]))
    assert python == BOOKWORM
    assert python.describe() == "Python 3.11 on x86_64, glibc 2.36"


@pytest.mark.parametrize(
    ("output", "words"),
    [
        (probe_output([3, 10], ["glibc", "2.31"]), "has Python 3.10; the sandbox needs 3.11"),
        (probe_output([3, 12], ["", ""]), "does not use glibc"),
        ("Traceback (most recent call last):\n", "did not run as expected"),
        ("", "did not run as expected"),
    ],
)
def test_an_unusable_base_is_refused_in_one_line(output: str, words: str) -> None:
    with pytest.raises(UsageError, match=words) as caught:
        BasePython.parse("old:1", output)
    assert "\n" not in str(caught.value)


def test_platforms_cover_every_manylinux_the_glibc_runs() -> None:
    platforms = BOOKWORM.platforms()
    assert platforms[0] == "manylinux_2_36_x86_64"
    assert "manylinux_2_37_x86_64" not in platforms
    for tag in ("manylinux_2_17_x86_64", "manylinux_2_5_x86_64", "manylinux2014_x86_64"):
        assert tag in platforms
    old = BasePython((3, 11), "aarch64", (2, 12)).platforms()
    assert "manylinux2014_aarch64" not in old
    assert old[-2:] == ["manylinux2010_aarch64", "manylinux1_aarch64"]


def test_wheels_are_downloaded_for_the_base_not_the_host(tmp_path: Path) -> None:
    grader_wheel = tmp_path / f"kata-{__version__}-py3-none-any.whl"
    command = download_command(make_plan(), tmp_path, grader_wheel)
    assert command[0] == "download"
    assert "--only-binary=:all:" in command
    pairs = list(itertools.pairwise(command))
    assert ("--python-version", "3.11") in pairs
    assert ("--abi", "cp311") in pairs
    assert ("--implementation", "cp") in pairs
    assert ("--platform", "manylinux_2_17_x86_64") in pairs
    assert ("--dest", str(tmp_path)) in pairs
    assert command[-3:] == [str(grader_wheel), "pip", "tzdata>=2024"]


def test_the_grader_wheel_is_built_without_its_dependencies(tmp_path: Path) -> None:
    command = wheel_command(REPO, tmp_path, isolated=False)
    assert command[0] == "wheel"
    assert {"--no-deps", "--no-build-isolation"} <= set(command)
    assert command[-1] == str(REPO)
    assert "--no-build-isolation" not in wheel_command(REPO, tmp_path, isolated=True)


def test_dockerfile_installs_from_the_wheelhouse_only() -> None:
    plan = make_plan()
    text = render_dockerfile(plan, "pip-25.0-py3-none-any.whl")
    assert text.count(f"FROM {plan.base_id}") == 2
    assert "--no-index --find-links /wheelhouse" in text
    assert "/wheelhouse/pip-25.0-py3-none-any.whl/pip install" in text
    assert "python3 -m venv --without-pip /opt/kata" in text
    assert "COPY --from=install /opt/kata /opt/kata" in text
    steps = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    for needs_network in ("apt-get", "curl", "wget", "pip download", "ensurepip"):
        assert needs_network not in steps


def test_dockerfile_sets_user_home_workdir_and_labels() -> None:
    plan = make_plan()
    text = render_dockerfile(plan, "pip-25.0-py3-none-any.whl")
    assert "USER 10001:10001" in text
    assert "kata:x:10001:10001:kata sandbox:/tmp:" in text
    assert "WORKDIR /work" in text
    for setting in ("PATH=/opt/kata/bin:$PATH", "HOME=/tmp", "PYTHONDONTWRITEBYTECODE=1"):
        assert setting in text
    for key, value in plan.labels().items():
        assert f'{key}="{value}"' in text
    assert plan.labels()[LABEL_SANDBOX] == "1"
    assert plan.labels()[LABEL_VERSION] == __version__
    assert plan.labels()[LABEL_BASE] == "kata-base:bookworm"


def test_dockerfile_template_refuses_a_missing_value() -> None:
    with pytest.raises(jinja2.UndefinedError):
        dockerfile_template().render(base="debian")


def test_inputs_hash_follows_every_input(tmp_path: Path) -> None:
    source = tmp_path / "checkout"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if name.endswith(".toml"):
            (source / name).write_text("[project]\n", encoding="utf-8")
        else:
            (source / name).mkdir()
            (source / name / "a.py").write_text("x = 1\n", encoding="utf-8")
    base_id, requirements = "sha256:" + "ab" * 32, ["tzdata>=2024"]
    first = inputs_hash(base_id, BOOKWORM, source, requirements)
    assert first == inputs_hash(base_id, BOOKWORM, source, requirements)
    assert first != inputs_hash("sha256:" + "cd" * 32, BOOKWORM, source, requirements)
    assert first != inputs_hash(base_id, BasePython((3, 12), "x86_64", (2, 36)), source, [])
    assert first != inputs_hash(base_id, BOOKWORM, source, [])
    (source / "grader" / "a.py").write_text("x = 2\n", encoding="utf-8")
    assert first != inputs_hash(base_id, BOOKWORM, source, requirements)
    (source / "grader" / "a.py").write_text("x = 1\n", encoding="utf-8")
    (source / "grader" / "__pycache__").mkdir()
    (source / "grader" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"cache")
    assert first == inputs_hash(base_id, BOOKWORM, source, requirements)


def _set_requirements(catalog: Path, line: str) -> None:
    toml = catalog / "greeter" / "kata.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("requirements = []", line),
        encoding="utf-8",
    )


def test_kata_requirements_are_gathered_once_each(catalog_copy: Path) -> None:
    _set_requirements(catalog_copy, 'requirements = ["tzdata>=2024", "tzdata>=2024"]')
    assert kata_requirements(Catalog([catalog_copy]), warn=print) == ("tzdata>=2024",)


def test_a_requirement_pip_would_read_as_an_option_is_refused(catalog_copy: Path) -> None:
    _set_requirements(catalog_copy, 'requirements = ["--index-url=http://127.0.0.1/"]')
    with pytest.raises(UsageError, match="kata 'greeter': requirements: '--index-url"):
        kata_requirements(Catalog([catalog_copy]), warn=print)


def test_a_broken_kata_is_named_and_left_out(catalog_copy: Path) -> None:
    shutil.copytree(catalog_copy / "greeter", catalog_copy / "broken")
    (catalog_copy / "broken" / "README.md").unlink()
    warnings: list[str] = []
    assert kata_requirements(Catalog([catalog_copy]), warn=warnings.append) == ()
    assert len(warnings) == 1
    assert "broken" in warnings[0]


def test_the_wheel_is_built_from_this_checkout() -> None:
    assert grader_source() == REPO


def test_no_engine_is_an_infrastructure_error_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    done = run_kata("image", "build")
    assert done.returncode == 3, done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: cannot reach a Docker engine: no engine is listening at /nonexistent/docker.sock"
    ]


# A real engine, a real build, real containers.


@pytest.fixture(scope="session")
def client() -> Iterator[docker.DockerClient]:
    require(docker_available(), "no Docker engine answers (`kata doctor` says how to start one)")
    engine = connect_docker()
    yield engine
    engine.close()


def _base_for_tests(client: docker.DockerClient) -> str:
    """Rebuild on the base the current image was built on (CI's debootstrapped one), else on
    the default base."""
    try:
        base = client.images.get(default_image_ref()).labels.get(LABEL_BASE, DEFAULT_BASE)
    except docker.errors.ImageNotFound:
        base = DEFAULT_BASE
    try:
        client.images.get(base)
    except docker.errors.ImageNotFound:
        require(False, f"no base image {base}: run `kata image build --base IMAGE` once")
    return base


@pytest.fixture(scope="session")
def plan(client: docker.DockerClient) -> BuildPlan:
    return plan_build(client, Catalog.discover(), _base_for_tests(client), None, warn=print)


@pytest.fixture(scope="session")
def sandbox_image(client: docker.DockerClient, plan: BuildPlan) -> str:
    return build_image(client, plan, progress=print).id


def run_in(client: docker.DockerClient, image: str, *argv: str) -> tuple[int, str]:
    """Run a command in a container locked down as the docker sandbox locks it down."""
    container = client.containers.create(
        image,
        list(argv),
        network_mode="none",
        read_only=True,
        tmpfs={"/tmp": "rw,nosuid,nodev,size=16m"},
        cap_drop=["ALL"],
        security_opt=["no-new-privileges"],
    )
    try:
        container.start()
        status = container.wait(timeout=120)["StatusCode"]
        return status, container.logs().decode("utf-8", errors="replace")
    finally:
        container.remove(force=True)


def test_image_is_labelled_with_version_and_inputs(
    client: docker.DockerClient, plan: BuildPlan, sandbox_image: str
) -> None:
    labels = client.images.get(sandbox_image).labels
    assert labels[LABEL_SANDBOX] == "1"
    assert labels[LABEL_VERSION] == __version__
    assert labels[LABEL_INPUTS] == plan.inputs
    assert client.images.get(default_image_ref()).id == sandbox_image


def test_image_runs_as_the_sandbox_user(client: docker.DockerClient, sandbox_image: str) -> None:
    status, output = run_in(
        client,
        sandbox_image,
        "python",
        "-c",
        "import os, sys; print(os.getuid(), os.getgid(), os.environ['HOME'], os.getcwd(), "
        "sys.executable, sys.dont_write_bytecode)",
    )
    assert status == 0, output
    assert output.split() == ["10001", "10001", "/tmp", "/work", "/opt/kata/bin/python", "True"]


def test_image_holds_the_runtime_stack(client: docker.DockerClient, sandbox_image: str) -> None:
    modules = (
        "grader grader.plugin fastapi uvicorn websockets pydantic_settings httpx jwt pwdlib "
        "argon2 sqlalchemy aiosqlite multipart pytest"
    )
    status, output = run_in(
        client,
        sandbox_image,
        "python",
        "-c",
        f"import importlib; [importlib.import_module(m) for m in {modules.split()!r}]; "
        "import grader, pathlib; "
        "print(grader.__version__, (pathlib.Path(grader.__file__).parent / 'katas').exists())",
    )
    assert status == 0, output
    # The katas (hidden specs, solutions) never enter the image that runs submissions.
    assert output.split() == [__version__, "False"]
    status, output = run_in(client, sandbox_image, "kata", "--version")
    assert (status, output.strip()) == (0, f"kata, version {__version__}")


def test_image_has_no_network_inside(client: docker.DockerClient, sandbox_image: str) -> None:
    status, output = run_in(
        client, sandbox_image, "python", "-c", "import socket; print(socket.if_nameindex())"
    )
    assert (status, output.strip()) == (0, "[(1, 'lo')]")


def test_an_image_built_from_the_same_inputs_is_reused(
    client: docker.DockerClient, plan: BuildPlan, sandbox_image: str
) -> None:
    lines: list[str] = []
    again = build_image(client, plan, progress=lines.append)
    assert again.reused
    assert again.id == sandbox_image
    assert lines == []


def test_doctor_finds_the_image_and_picks_docker(sandbox_image: str) -> None:
    done = run_kata("doctor", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["image"] == {"ref": default_image_ref(), "id": sandbox_image}
    assert found["auto"] == "docker"


def test_an_unknown_base_is_bad_input(client: docker.DockerClient) -> None:
    with pytest.raises(UsageError, match="base image kata-no-such-base:0 is not on this"):
        probe_base(client, "kata-no-such-base:0")
    done = run_kata("image", "build", "--base", "kata-no-such-base:0")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: base image kata-no-such-base")


@pytest.fixture
def image_without_python(client: docker.DockerClient) -> Iterator[str]:
    """An image holding one text file and no python3, imported from a tar made here."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        data = b"no python here\n"
        member = tarfile.TarInfo("README")
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
    ref = "kata-test-no-python:0"
    client.api.import_image_from_data(buffer.getvalue(), repository="kata-test-no-python", tag="0")
    yield ref
    client.images.remove(ref, force=True)


def test_a_base_without_python3_is_bad_input(
    client: docker.DockerClient, image_without_python: str
) -> None:
    with pytest.raises(UsageError, match="cannot run python3: it has no python3"):
        probe_base(client, image_without_python)
