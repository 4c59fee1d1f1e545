"""`kata create`: the scaffold, where it may go, and the kata's life from creation to handout."""

import textwrap
import zipfile
from pathlib import Path

import pytest

from grader.errors import UsageError
from grader.resources import builtin_catalog_dir
from grader.scaffold import choose_catalog, create_kata

from .conftest import run_kata


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("kata_id", ["My_Kata", "-lead", "two--hyphens", "trail-", "x" * 65, ""])
def test_an_invalid_id_is_refused(catalog: Path, kata_id: str) -> None:
    with pytest.raises(UsageError, match="is not a valid kata id"):
        create_kata(kata_id, catalog)
    assert not any(catalog.iterdir())


def test_where_a_kata_may_not_go(catalog: Path) -> None:
    with pytest.raises(UsageError, match="is not a folder; create it first"):
        create_kata("fresh", catalog / "missing")
    with pytest.raises(UsageError, match="is the built-in catalog"):
        create_kata("fresh", builtin_catalog_dir())
    (catalog / "taken").mkdir()
    with pytest.raises(UsageError, match="already exists; choose another id"):
        create_kata("taken", catalog)
    with pytest.raises(UsageError, match="a kata named 'rate-limiter' already exists"):
        create_kata("rate-limiter", catalog)
    assert [path.name for path in catalog.iterdir()] == ["taken"]


def test_kata_path_names_the_catalog_only_when_it_names_one_folder(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    assert choose_catalog(None, {"KATA_PATH": str(one)}) == one
    assert choose_catalog(two, {"KATA_PATH": str(one)}) == two
    with pytest.raises(UsageError, match="pass --catalog DIR"):
        choose_catalog(None, {})
    with pytest.raises(UsageError, match="KATA_PATH names 2 folders"):
        choose_catalog(None, {"KATA_PATH": f"{one}:{two}"})


def test_a_failure_half_way_leaves_nothing_behind(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates" / "new-kata"
    templates.mkdir(parents=True)
    (templates / "README.md").write_text("# copied first\n")
    (templates / "kata.toml.j2").write_text('id = "{{ a_name_nobody_passes }}"\n')
    monkeypatch.setattr("grader.scaffold.templates_dir", lambda: tmp_path / "templates")
    with pytest.raises(Exception, match="a_name_nobody_passes"):
        create_kata("half-made", catalog)
    assert not any(catalog.iterdir())


def test_the_cli_refuses_bad_input_in_one_line(catalog: Path) -> None:
    result = run_kata("create", "Bad_Id", "--catalog", str(catalog))
    assert result.returncode == 2
    assert result.stderr.startswith("error: 'Bad_Id' is not a valid kata id")
    result = run_kata("create", "fine-id")  # no --catalog, and the tests unset KATA_PATH
    assert result.returncode == 2
    assert "pass --catalog DIR" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_fresh_kata_passes_verify_in_both_modes(catalog: Path) -> None:
    created = run_kata("create", "fresh-kata", "--catalog", str(catalog))
    assert created.returncode == 0, created.stderr
    assert sorted(
        p.relative_to(catalog / "fresh-kata").as_posix() for p in catalog.rglob("*.*")
    ) == [
        "README.md",
        "harness.py",
        "kata.toml",
        "near-misses/wrong-key/app/main.py",
        "near-misses/wrong-key/near-miss.toml",
        "solution/app/__init__.py",
        "solution/app/main.py",
        "specs/test_hello.py",
        "stub/app/__init__.py",
        "stub/app/main.py",
    ]
    result = run_kata("verify", "fresh-kata", "--catalog", str(catalog), "--sandbox", "process")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "11 of 11 checks hold" in result.stdout  # 5 lint checks, then 3 projects in 2 modes
    assert "blackbox/process" in result.stdout


@pytest.mark.slow
def test_an_edited_kata_goes_through_verify_mutants_and_pack(catalog: Path) -> None:
    """The author's loop: add a spec, grow the solution, verify, score the specs, hand it out."""
    root = create_kata("greeting", catalog)
    with (root / "specs" / "test_hello.py").open("a") as specs:
        specs.write(
            textwrap.dedent(
                '''

                @pytest.mark.hint("Take the name from the path: GET /hello/{name}.")
                def test_hello_greets_by_name(client):
                    """GET /hello/{name} greets by name"""
                    r = client.get("/hello/Ada")
                    assert r.status_code == 200, f"expected 200, got {r.status_code}"
                    assert r.json() == {"message": "Hello, Ada!"}, r.text
                '''
            )
        )
    with (root / "solution" / "app" / "main.py").open("a") as solution:
        solution.write(
            textwrap.dedent(
                '''

                @app.get("/hello/{name}")
                async def hello_name(name: str) -> dict[str, str]:
                    """Greet by name."""
                    return {"message": f"Hello, {name}!"}
                '''
            )
        )
    verified = run_kata(
        "verify", "greeting", "--catalog", str(catalog), "--mode", "inprocess", "--mutants"
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "8 of 8 checks hold" in verified.stdout
    assert "Spec strength of greeting: 100%  ·  4 of 4 mutants caught" in verified.stdout

    handout = catalog.parent / "greeting.zip"
    packed = run_kata("pack", "greeting", "--catalog", str(catalog), "--out", str(handout))
    assert packed.returncode == 0, packed.stderr
    with zipfile.ZipFile(handout) as archive:
        names = archive.namelist()
    assert "greeting/app/main.py" in names
    assert not [name for name in names if "spec" in name or "solution" in name]
