"""The lint that `kata verify` runs first: kata.toml, specs, README sections, requirements, stub."""

import textwrap
from pathlib import Path

import pytest

from grader.catalog import Kata, load_kata
from grader.collect import spec_index
from grader.lint import (
    ImageVersions,
    check_config,
    check_readme,
    check_requirements,
    check_specs,
    check_stub_runs,
    image_versions,
    readme_sections,
)
from grader.sandbox.available import image_present
from grader.scaffold import create_kata

from .conftest import run_kata


@pytest.fixture
def kata_root(tmp_path: Path) -> Path:
    (tmp_path / "catalog").mkdir()
    return create_kata("lint-demo", tmp_path / "catalog")


def _with_requirements(root: Path, *requirements: str) -> Kata:
    toml = root / "kata.toml"
    listed = ", ".join(f'"{requirement}"' for requirement in requirements)
    toml.write_text(toml.read_text().replace("requirements = []", f"requirements = [{listed}]"))
    return load_kata(root)


@pytest.mark.parametrize(
    ("readme", "sections"),
    [
        # The built-in katas' shape: an introduction under the title is the task.
        (
            "# T\n\nBuild it.\n\n## The contract\n### Routes\nGET /\n## What is graded\n- a\n",
            {"the task", "the contract", "what is graded"},
        ),
        ("# T\n## Your task\nBuild it.\n## API\nGET /\n## Grading\n- a\n", None),
        # A heading with nothing under it, not even a sub-section, does not count.
        ("# T\n## Task\n## The contract\n## What is graded\n", set()),
        # Headings inside fenced code are not headings.
        ("# T\n```\n## The contract\n## Graded\n```\n", {"the task"}),
        ("The contract\n\nno headings at all\n", {"the task"}),
    ],
)
def test_readme_sections_are_recognised_by_their_headings(
    readme: str, sections: set[str] | None
) -> None:
    expected = {"the task", "the contract", "what is graded"} if sections is None else sections
    assert readme_sections(readme) == expected


def test_a_fresh_kata_is_clean(kata_root: Path) -> None:
    kata = load_kata(kata_root)
    assert check_config(kata).ok
    assert check_readme(kata).ok
    assert check_requirements(kata, None).expectation == "none beyond the base stack"


def test_kata_toml_must_say_everything_and_no_placeholders(kata_root: Path) -> None:
    toml = kata_root / "kata.toml"
    text = toml.read_text().replace('title = "Lint demo"', 'title = "TODO: name it"')
    toml.write_text("\n".join(line for line in text.splitlines() if not line.startswith("app")))
    problems = check_config(load_kata(kata_root)).problems
    assert problems == [
        'kata.toml does not say app (add: app = "app.main:app")',
        "kata.toml: title is still a placeholder: 'TODO: name it'",
    ]


def test_a_readme_without_its_sections_is_named(kata_root: Path) -> None:
    (kata_root / "README.md").write_text("# Lint demo\n\n## Running it\n\nuvicorn\n")
    problems = check_readme(load_kata(kata_root)).problems
    assert len(problems) == 3
    assert problems[1].startswith("README.md does not say the contract: add a heading with")


def test_specs_need_a_docstring_points_a_hint_and_a_title_of_their_own(kata_root: Path) -> None:
    (kata_root / "specs" / "test_more.py").write_text(
        textwrap.dedent(
            '''\
            import pytest


            @pytest.mark.hint("look")
            def test_no_docstring(client):
                pass


            @pytest.mark.points(0)
            @pytest.mark.hint("look")
            def test_worth_nothing(client):
                """Worth nothing"""


            def test_no_hint(client):
                """No hint"""


            class TestGroup:
                @pytest.mark.hint("look")
                def test_same_title(self, client):
                    """GET /hello answers 200 with {"message": "Hello, world!"}"""
            '''
        )
    )
    kata = load_kata(kata_root)
    problems = check_specs(kata, spec_index(kata)).problems
    assert problems == [
        "test_more.py::test_no_docstring has no docstring: its first line is the title",
        "test_more.py::test_worth_nothing is worth 0 points, so it never counts",
        'test_more.py::test_no_hint has no hint: add @pytest.mark.hint("...")',
        "test_more.py::TestGroup::test_same_title has the same title as "
        "test_hello.py::test_hello_greets_the_world",
    ]


def test_requirements_must_be_installed_readable_and_in_range(kata_root: Path) -> None:
    kata = _with_requirements(
        kata_root, "pyjwt", "sqlalchemy[asyncio]", "no-such-dist-kata-test", "pytest<1", "!bad"
    )
    check = check_requirements(kata, None)
    assert check.expectation == "installed here; not checked in the image"
    problems = "\n".join(check.problems)
    assert "'!bad' is not a requirement pip can read" in problems
    assert (
        "no-such-dist-kata-test: no-such-dist-kata-test is not installed in the grader" in problems
    )
    assert "pytest<1: the grader's environment has pytest" in problems
    assert "pyjwt" not in problems and "sqlalchemy" not in problems


def test_requirements_are_checked_in_the_image_when_it_answers(kata_root: Path) -> None:
    kata = _with_requirements(kata_root, "sqlalchemy[asyncio]", "pyjwt")
    image = ImageVersions("kata-sandbox:test", {"sqlalchemy": "2.0.0", "pyjwt": "2.10.1"})
    check = check_requirements(kata, image)
    assert check.expectation == "installed here and in kata-sandbox:test"
    assert check.problems == [
        "sqlalchemy[asyncio]: greenlet is not installed in kata-sandbox:test "
        "(rebuild it: kata image build)"
    ]
    skipped = ImageVersions("kata-sandbox:test", None, "not checked in the image: no engine")
    assert check_requirements(kata, skipped).expectation.endswith("no engine")


def test_the_real_image_is_asked_in_a_container() -> None:
    if image_present() is None:
        pytest.skip("no Docker engine with the sandbox image")
    found = image_versions(["fastapi", "no-such-dist-kata-test"])
    assert found.versions is not None, found.note
    assert found.versions["fastapi"]
    assert found.versions["no-such-dist-kata-test"] is None


def test_a_stub_that_cannot_load_is_named(kata_root: Path) -> None:
    (kata_root / "stub" / "app" / "main.py").write_text("import no_such_module_here\n")
    problems = check_stub_runs(load_kata(kata_root)).problems
    assert problems == [
        "the stub's app could not be loaded: ModuleNotFoundError in app/main.py, line 1: "
        "No module named 'no_such_module_here'"
    ]


def test_verify_shows_lint_problems_as_broken_checks(kata_root: Path) -> None:
    (kata_root / "README.md").write_text("# Lint demo\n\nGreet.\n")
    result = run_kata(
        "verify", "lint-demo", "--catalog", str(kata_root.parent), "--mode", "inprocess"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "README.md does not say the contract" in result.stdout
    assert "7 of 8 checks hold; 1 broken" in result.stdout
