"""Every built-in kata discriminates: solution passes, stub fails, near-misses are caught."""

import pytest

from grader.catalog import Catalog
from grader.collect import spec_index
from grader.resources import builtin_catalog_dir

from .conftest import run_kata

BUILTIN = Catalog([builtin_catalog_dir()])

pytestmark = pytest.mark.slow


def test_verify_all_holds_for_the_builtin_catalog() -> None:
    result = run_kata("verify", "--all")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize("kata_id", BUILTIN.ids())
def test_each_kata_meets_the_catalog_rules(kata_id: str) -> None:
    kata = BUILTIN.get(kata_id)
    specs = spec_index(kata)
    assert len(specs) >= 8, "flagship katas have at least 8 specs"
    assert all(spec.hints for spec in specs), "every spec has a hint"
    assert len({spec.title for spec in specs}) == len(specs), "spec titles are unique"
    assert len(kata.near_misses()) >= 2, "at least two near-misses"
    assert kata.readme.read_text().count("\n## ") >= 3, "the README has its sections"
