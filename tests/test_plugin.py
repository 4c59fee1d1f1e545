"""The plugin's guarantees: only explicit passes count, metadata comes from markers, and the
harness and client behave the same for every spec."""

from pathlib import Path

import pytest

from grader.catalog import load_kata
from grader.collect import spec_index
from grader.errors import KataConfigError
from grader.runner import grade
from grader.sandbox import ProcessSandbox

STATUS_SPECS = """
import pytest


@pytest.fixture
def breaks_on_teardown():
    yield
    raise RuntimeError("teardown broke")


def test_skips(client):
    pytest.skip("not today")


@pytest.mark.xfail(reason="expected to fail")
def test_xfails(client):
    assert False


@pytest.mark.xfail(reason="expected to fail")
def test_xpasses(client):
    pass


def test_teardown_breaks(client, breaks_on_teardown):
    pass


def test_harness_raises(harness):
    harness.explode()


def test_harness_lacks_a_function(harness):
    harness.no_such_function()


def test_prints_then_fails(client):
    print("output from the spec")
    assert client.get("/hello").status_code == 201, "expected 201 Created"


@pytest.mark.parametrize("name", ["Ada", "Grace"])
def test_greets(client, name):
    assert client.get(f"/hello/{name}").json() == {"message": f"Hello, {name}!"}
"""


@pytest.fixture
def status_kata(catalog_copy: Path):
    (catalog_copy / "greeter" / "specs" / "test_statuses.py").write_text(STATUS_SPECS)
    return load_kata(catalog_copy / "greeter")


def test_outcomes_other_than_an_explicit_pass_do_not_count(status_kata) -> None:
    report = grade(status_kata, status_kata.solution_dir, ProcessSandbox(), select="statuses")
    by_name = {spec.id.split("::")[1]: spec for spec in report.specs}
    assert {name: spec.status.value for name, spec in by_name.items()} == {
        "test_skips": "skipped",
        "test_xfails": "skipped",
        "test_xpasses": "failed",
        "test_teardown_breaks": "error",
        "test_harness_raises": "failed",
        "test_harness_lacks_a_function": "failed",
        "test_prints_then_fails": "failed",
        "test_greets[Ada]": "passed",
        "test_greets[Grace]": "passed",
    }
    assert by_name["test_skips"].message == "not today"
    assert "teardown broke" in by_name["test_teardown_breaks"].message
    assert by_name["test_harness_raises"].message == (
        "harness.explode failed: ValueError: the harness was asked to fail"
    )
    assert "has no function 'no_such_function'" in by_name["test_harness_lacks_a_function"].message
    failing = by_name["test_prints_then_fails"]
    assert failing.message.startswith("expected 201 Created")
    assert "output from the spec" in failing.output
    assert "def test_prints_then_fails" not in failing.message  # never the spec's source


def test_titles_points_hints_and_baseline_come_from_the_spec(greeter) -> None:
    specs = {spec.id.split("::")[1]: spec for spec in spec_index(greeter)}
    hello = specs["test_hello"]
    assert hello.title == "GET /hello greets the world"
    assert hello.points == 2
    assert hello.hints == [
        "Add a GET /hello route.",
        "It returns a JSON object with a message key.",
    ]
    assert specs["test_openapi"].baseline
    assert not hello.baseline


def test_parametrized_specs_keep_their_parameters_in_the_title(status_kata) -> None:
    titles = [spec.title for spec in spec_index(status_kata) if "greets" in spec.id]
    assert titles == ["Greets [Ada]", "Greets [Grace]"]


def test_bad_points_make_the_kata_invalid(catalog_copy: Path) -> None:
    (catalog_copy / "greeter" / "specs" / "test_bad.py").write_text(
        "import pytest\n\n@pytest.mark.points('two')\ndef test_bad(client):\n    pass\n"
    )
    with pytest.raises(KataConfigError, match="could not be collected"):
        spec_index(load_kata(catalog_copy / "greeter"))


def test_specs_that_do_not_collect_make_the_kata_invalid(catalog_copy: Path) -> None:
    (catalog_copy / "greeter" / "specs" / "test_broken.py").write_text("import nothing_here\n")
    with pytest.raises(KataConfigError, match="nothing_here"):
        spec_index(load_kata(catalog_copy / "greeter"))


def test_kata_env_reaches_the_app(greeter) -> None:
    # The solution's punctuation comes from GREETER_PUNCTUATION in kata.toml's [env].
    report = grade(greeter, greeter.solution_dir, ProcessSandbox(), select="test_hello")
    assert report.specs[0].status.value == "passed"


def test_the_test_client_runs_without_deprecation_warnings() -> None:
    # The suite turns warnings into errors; Starlette warns when httpx2 is missing.
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    with TestClient(FastAPI()) as client:
        assert client.get("/openapi.json").status_code == 200
