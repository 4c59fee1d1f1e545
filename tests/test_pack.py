"""`kata pack`: the candidate's handout, and the candidate's work coming back as a zip."""

import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest

from grader.catalog import Kata, load_kata
from grader.errors import UsageError
from grader.models import ReportStatus
from grader.pack import pack
from grader.runner import grade
from grader.sandbox import ProcessSandbox
from grader.scaffold import create_kata

from .conftest import run_kata

HANDOUT = [
    "handout-demo/.kata.toml",
    "handout-demo/README.md",
    "handout-demo/SUBMITTING.md",
    "handout-demo/app/__init__.py",
    "handout-demo/app/main.py",
]


@pytest.fixture
def kata(tmp_path: Path) -> Kata:
    (tmp_path / "catalog").mkdir()
    root = create_kata("handout-demo", tmp_path / "catalog")
    (root / "stub" / "app" / "__pycache__").mkdir()
    (root / "stub" / "app" / "__pycache__" / "main.cpython-311.pyc").write_bytes(b"\0")
    return load_kata(root)


def _zip(folder: Path, out: Path, *, top: str | None) -> Path:
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                relative = path.relative_to(folder).as_posix()
                archive.write(path, f"{top}/{relative}" if top else relative)
    return out


def test_the_handout_holds_the_stub_readme_submitting_and_marker_only(
    kata: Kata, tmp_path: Path
) -> None:
    out = tmp_path / "handout.zip"
    assert pack(kata, out) == HANDOUT
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == HANDOUT
        marker = tomllib.loads(archive.read("handout-demo/.kata.toml").decode())
        submitting = archive.read("handout-demo/SUBMITTING.md").decode()
        stub = archive.read("handout-demo/app/main.py")
    assert marker["kata"] == "handout-demo"
    assert "catalog" not in marker  # the author's folders mean nothing to a candidate
    assert "zip -r handout-demo.zip handout-demo" in submitting
    assert "The whole run has 60 seconds" in submitting
    assert stub == (kata.stub_dir / "app" / "main.py").read_bytes()
    first = out.read_bytes()
    pack(kata, out, force=True)
    assert out.read_bytes() == first, "the same kata packs to the same bytes"


def test_bad_out_paths_are_refused_and_nothing_is_written(kata: Kata, tmp_path: Path) -> None:
    (tmp_path / "taken.zip").write_text("keep me")
    (tmp_path / "folder.zip").mkdir()
    refused = {
        "handout.tar.gz": "name a .zip file",
        "taken.zip": "already exists; choose another name or pass --force",
        "folder.zip": "is a folder",
        "missing/handout.zip": "does not exist; create it first",
    }
    for name, message in refused.items():
        with pytest.raises(UsageError, match=message):
            pack(kata, tmp_path / name)
    assert (tmp_path / "taken.zip").read_text() == "keep me"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "catalog",
        "folder.zip",
        "taken.zip",
    ]
    result = run_kata("pack", "handout-demo", "--catalog", str(kata.root.parent), "--out", "x.tar")
    assert result.returncode == 2
    assert result.stderr.startswith("error: --out x.tar: name a .zip file")


def test_the_work_comes_back_as_a_zip_and_is_graded(kata: Kata, tmp_path: Path) -> None:
    pack(kata, tmp_path / "handout.zip")
    with zipfile.ZipFile(tmp_path / "handout.zip") as archive:
        archive.extractall(tmp_path / "candidate")
    project = tmp_path / "candidate" / "handout-demo"
    shutil.copytree(kata.solution_dir / "app", project / "app", dirs_exist_ok=True)
    for top in ("handout-demo", None):
        returned = _zip(project, tmp_path / f"returned-{top}.zip", top=top)
        report = grade(kata, returned, ProcessSandbox())
        assert report.status is ReportStatus.passed, report.model_dump_json(indent=2)
        assert report.submission.files == len(HANDOUT)


def test_a_candidate_with_the_grader_can_check_the_handout(
    kata: Kata, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack(kata, tmp_path / "handout.zip")
    with zipfile.ZipFile(tmp_path / "handout.zip") as archive:
        archive.extractall(tmp_path / "candidate")
    monkeypatch.setenv("KATA_PATH", str(kata.root.parent))  # the candidate has the kata
    result = run_kata("check", cwd=tmp_path / "candidate" / "handout-demo")
    assert result.returncode == 1, result.stdout + result.stderr  # the untouched stub fails
    assert 'GET /hello answers 200 with {"message": "Hello, world!"}' in result.stdout
