"""Every built-in kata discriminates, in every mode and every sandbox: the solution passes, the
stub fails, the near-misses are caught."""

import pytest

from grader.catalog import Catalog
from grader.collect import spec_index
from grader.resources import builtin_catalog_dir
from grader.sandbox.available import bwrap_available, image_present

from .conftest import require, run_kata

BUILTIN = Catalog([builtin_catalog_dir()])

pytestmark = pytest.mark.slow


def test_verify_all_holds_in_process() -> None:
    result = run_kata("verify", "--all", "--mode", "inprocess")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize("sandbox", ["process", "bwrap", "docker"])
def test_verify_all_holds_black_box(sandbox: str) -> None:
    if sandbox == "bwrap":
        require(bwrap_available(), "bubblewrap cannot run here")
    if sandbox == "docker":
        require(image_present() is not None, "no Docker engine with the sandbox image")
    result = run_kata("verify", "--all", "--mode", "blackbox", "--sandbox", sandbox)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"blackbox/{sandbox}" in result.stdout


@pytest.mark.parametrize("kata_id", BUILTIN.ids())
def test_each_kata_meets_the_catalog_rules(kata_id: str) -> None:
    kata = BUILTIN.get(kata_id)
    specs = spec_index(kata)
    minimum = 6 if kata.config.difficulty == "junior" else 8
    assert len(specs) >= minimum, f"a {kata.config.difficulty} kata has at least {minimum} specs"
    assert all(spec.hints for spec in specs), "every spec has a hint"
    assert len({spec.title for spec in specs}) == len(specs), "spec titles are unique"
    assert len(kata.near_misses()) >= 2, "at least two near-misses"
    assert kata.readme.read_text().count("\n## ") >= 3, "the README has its sections"
