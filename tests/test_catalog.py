"""Loading katas: the built-in catalog, extra folders, and every way a kata.toml can be wrong."""

import shutil
from pathlib import Path

import pytest

from grader.catalog import Catalog, catalog_dirs, load_kata
from grader.errors import KataConfigError, UsageError
from grader.models import Difficulty
from grader.resources import builtin_catalog_dir, templates_dir

from .conftest import TEST_CATALOG


def _set_toml(kata_dir: Path, text: str) -> Path:
    path = kata_dir / "kata.toml"
    path.write_text(text)
    return path


VALID = """
id = "greeter"
title = "Greeter"
summary = "Greet"
difficulty = "junior"
topics = ["self-test"]
minutes = 5
"""


def test_loads_a_kata_with_defaults(catalog_copy: Path) -> None:
    _set_toml(catalog_copy / "greeter", VALID)
    kata = load_kata(catalog_copy / "greeter")
    assert kata.config.difficulty is Difficulty.junior
    assert kata.config.app == "app.main:app"
    assert kata.config.timeout == 60
    assert kata.config.requirements == []
    assert kata.harness == catalog_copy / "greeter" / "harness.py"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ('minutes = 5\ncolour = "red"', "colour: Extra inputs are not permitted"),
        ('difficulty = "easy"', "difficulty: Input should be 'junior', 'mid' or 'senior'"),
        ("minutes = 0", "minutes: Input should be greater than 0"),
        ("topics = []", "topics: List should have at least 1 item"),
        ('app = "app.main"', "app: String should match pattern"),
        ("minutes = ", "not valid TOML"),
    ],
)
def test_a_bad_kata_toml_names_file_and_field(catalog_copy: Path, change: str, named: str) -> None:
    key = change.split("=")[0].strip()
    lines = [line for line in VALID.splitlines() if not line.startswith(key)]
    path = _set_toml(catalog_copy / "greeter", "\n".join([*lines, change]))
    with pytest.raises(KataConfigError) as caught:
        load_kata(catalog_copy / "greeter")
    assert str(caught.value).startswith(f"{path}: ")
    assert named in str(caught.value)


def test_a_missing_field_is_named(catalog_copy: Path) -> None:
    _set_toml(catalog_copy / "greeter", VALID.replace('summary = "Greet"\n', ""))
    with pytest.raises(KataConfigError, match="summary: Field required"):
        load_kata(catalog_copy / "greeter")


def test_id_must_match_the_folder(catalog_copy: Path) -> None:
    _set_toml(catalog_copy / "greeter", VALID.replace('"greeter"', '"welcomer"'))
    with pytest.raises(KataConfigError, match="does not match its folder name 'greeter'"):
        load_kata(catalog_copy / "greeter")


def test_a_kata_without_its_parts_is_refused(catalog_copy: Path) -> None:
    shutil.rmtree(catalog_copy / "greeter" / "solution")
    with pytest.raises(KataConfigError, match="missing solution"):
        load_kata(catalog_copy / "greeter")


def test_a_kata_id_found_twice_names_both_places(tmp_path: Path) -> None:
    for name in ("one", "two"):
        shutil.copytree(TEST_CATALOG, tmp_path / name)
    with pytest.raises(KataConfigError, match="defined twice") as caught:
        Catalog([tmp_path / "one", tmp_path / "two"])
    assert str(tmp_path / "one") in str(caught.value)
    assert str(tmp_path / "two") in str(caught.value)


def test_kata_path_and_catalog_option_come_before_the_builtin(tmp_path: Path) -> None:
    folders = catalog_dirs([TEST_CATALOG], environ={"KATA_PATH": str(tmp_path)})
    assert folders == [TEST_CATALOG, tmp_path, builtin_catalog_dir()]


def test_kata_path_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="KATA_PATH"):
        catalog_dirs([], environ={"KATA_PATH": str(tmp_path / "missing")})


def test_unknown_id_suggests_close_ones() -> None:
    catalog = Catalog([TEST_CATALOG])
    with pytest.raises(UsageError, match="did you mean greeter"):
        catalog.get("greeting")
    with pytest.raises(UsageError) as caught:
        catalog.get("zzzzzz")
    assert "did you mean" not in str(caught.value)


def test_one_broken_kata_does_not_break_the_others(catalog_copy: Path) -> None:
    shutil.copytree(catalog_copy / "greeter", catalog_copy / "broken")
    _set_toml(catalog_copy / "broken", "id = ")
    catalog = Catalog([catalog_copy])
    assert catalog.get("greeter").id == "greeter"
    with pytest.raises(KataConfigError):
        catalog.get("broken")


def test_version_changes_with_the_content(catalog_copy: Path) -> None:
    before = load_kata(catalog_copy / "greeter").version
    (catalog_copy / "greeter" / "README.md").write_text("changed")
    assert load_kata(catalog_copy / "greeter").version != before


def test_builtin_catalog_and_templates_are_found_from_a_checkout() -> None:
    builtin = Catalog([builtin_catalog_dir()])
    assert {"jwt-auth", "rate-limiter", "override-get-db"} <= set(builtin.ids())
    assert (templates_dir() / "pytest.ini").is_file()
    assert all(kata.builtin for kata in builtin)
