"""Every built-in kata discriminates in every mode: the solution passes, the stub fails, the
near-misses are caught. The whole catalog runs in-process and black-box in docker (what `kata
grade` uses); the flagship katas also run black-box in the other sandboxes."""

import pytest

from grader.catalog import Catalog
from grader.collect import spec_index
from grader.resources import builtin_catalog_dir
from grader.sandbox.available import bwrap_available, image_present

from .conftest import require, run_kata

BUILTIN = Catalog([builtin_catalog_dir()])
FLAGSHIPS = ["jwt-auth", "rate-limiter", "override-get-db"]
WHOLE_CATALOG_SECONDS = 3600

pytestmark = pytest.mark.slow


def _require_sandbox(sandbox: str) -> None:
    if sandbox == "bwrap":
        require(bwrap_available(), "bubblewrap cannot run here")
    if sandbox == "docker":
        require(image_present() is not None, "no Docker engine with the sandbox image")


def test_verify_all_holds_in_process() -> None:
    result = run_kata("verify", "--all", "--mode", "inprocess", timeout=WHOLE_CATALOG_SECONDS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_verify_all_holds_black_box_in_docker() -> None:
    _require_sandbox("docker")
    result = run_kata(
        "verify", "--all", "--mode", "blackbox", "--sandbox", "docker",
        timeout=WHOLE_CATALOG_SECONDS,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "blackbox/docker" in result.stdout


@pytest.mark.parametrize("sandbox", ["process", "bwrap"])
def test_flagships_hold_black_box_in_every_sandbox(sandbox: str) -> None:
    _require_sandbox(sandbox)
    result = run_kata(
        "verify", *FLAGSHIPS, "--mode", "blackbox", "--sandbox", sandbox, timeout=1200
    )
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


def test_the_catalog_has_every_kata_the_issues_name() -> None:
    named = {
        "jwt-auth", "rate-limiter", "override-get-db",
        "hello-routes", "query-validation", "pydantic-models", "rest-semantics",
        "error-handling", "routers-versioning", "dependency-injection", "settings-lifespan",
        "sqlalchemy-crud", "optimistic-locking", "async-db-n-plus-one",
        "rbac-scopes", "api-key-auth", "middleware-cors", "background-tasks", "file-upload",
        "websocket-chat", "streaming-sse", "caching-etag", "async-upstream",
        "idempotency-keys", "observability", "security-hardening",
    }  # fmt: skip
    assert named <= set(BUILTIN.ids())
