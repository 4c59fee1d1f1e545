"""The built-in catalog and templates ship inside the wheel, and work from a fresh install."""

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(dist), str(ROOT)],
        check=True,
    )  # fmt: skip
    (built,) = dist.glob("kata-*.whl")
    return built


def test_the_wheel_carries_the_catalog_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "grader/templates/pytest.ini" in names
    for kata_id in ("jwt-auth", "rate-limiter", "override-get-db"):
        assert f"grader/katas/{kata_id}/kata.toml" in names
        assert any(name.startswith(f"grader/katas/{kata_id}/specs/") for name in names)
    assert not any("__pycache__" in name for name in names)
    assert any(name.endswith("entry_points.txt") for name in names)


def test_a_fresh_install_of_the_wheel_lists_and_checks_katas(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    # The dependencies come from this environment (no index is needed); the grader itself comes
    # only from the wheel, since the new environment's own site-packages is searched first.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True
    )
    kata = venv / "bin" / "kata"
    located = subprocess.check_output(
        [python, "-c", "import grader; print(grader.__file__)"], cwd=tmp_path
    )
    assert str(site) in located.decode()

    listing = json.loads(subprocess.check_output([kata, "list", "--json"], cwd=tmp_path))
    assert {"jwt-auth", "rate-limiter", "override-get-db"} <= {entry["id"] for entry in listing}

    subprocess.run([kata, "new", "rate-limiter", "ws"], cwd=tmp_path, check=True)
    checked = subprocess.run([kata, "check", "--json"], cwd=tmp_path / "ws", capture_output=True)
    assert checked.returncode == 1, checked.stderr
    report = json.loads(checked.stdout)
    assert report["status"] == "failed"
    assert report["errors"] == []
    assert len(report["specs"]) >= 8
