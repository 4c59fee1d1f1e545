"""Lint a kata before ``kata verify`` grades it: what no grading run can show.

Grading proves that the specs tell right from wrong. These checks prove that the kata is complete
enough to hand out: its kata.toml says everything, every spec has a title, points and a hint, the
README has the sections a learner needs, the requirements are installed where the app will run,
and the stub's app loads and starts, so that the stub fails its specs for the right reason.

How README sections are recognised (docs/authoring.md says the same): headings outside fenced
code blocks, any level, case-insensitive.

- the task: a heading with the word "task", or prose under the title before the first heading;
- the contract: a heading with the word "contract" or "API";
- what is graded: a heading with "graded" or "grading".

A section counts only with something under it.
"""

import ast
import json
import re
import tomllib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet

from grader.authoring import Check
from grader.catalog import SUITE_FOLDER, Kata, app_files
from grader.collect import spec_index
from grader.models import KataConfig, SpecInfo
from grader.records import LOAD_FAILURE
from grader.runner import grade
from grader.sandbox import ProcessSandbox

RUN = "lint"
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b")
# The documented keys that have defaults (KataConfig requires the others); env and routes only
# matter to katas that use them.
DEFAULTED_KEYS = ("app", "requirements", "timeout")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
README_SECTIONS = {
    "the contract": re.compile(r"\b(contract|api)\b", re.IGNORECASE),
    "what is graded": re.compile(r"\bgrad(ed|ing)\b", re.IGNORECASE),
}
TASK_HEADING = re.compile(r"\btasks?\b", re.IGNORECASE)
IMAGE_PROBE_SECONDS = 120
IMAGE_PROBE = (
    "import json, sys\n"
    "from importlib import metadata\n"
    "def version(name):\n"
    "    try:\n"
    "        return metadata.version(name)\n"
    "    except metadata.PackageNotFoundError:\n"
    "        return None\n"
    "print(json.dumps({name: version(name) for name in sys.argv[1:]}))\n"
)


def check_config(kata: Kata) -> Check:
    """Every key written out, so a reader of kata.toml sees the whole contract with the grader."""
    check = Check(
        kata.id, "kata.toml", "every documented key is written out, none is a placeholder", run=RUN
    )
    written = tomllib.loads((kata.root / "kata.toml").read_text(encoding="utf-8"))
    for key in DEFAULTED_KEYS:
        if key not in written:
            default = json.dumps(KataConfig.model_fields[key].get_default())  # valid TOML too
            check.problems.append(f"kata.toml does not say {key} (add: {key} = {default})")
    config = kata.config
    for key, text in (("title", config.title), ("summary", config.summary)):
        if PLACEHOLDER.search(text):
            check.problems.append(f"kata.toml: {key} is still a placeholder: {text!r}")
    return check


def _function(specs_dir: Path, spec_id: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The definition of the spec ``test_x.py::TestClass::test_name[case]``, if it can be found."""
    path, *names = spec_id.split("[", 1)[0].split("::")
    try:
        body: list[ast.stmt] = ast.parse((specs_dir / path).read_text(encoding="utf-8")).body
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    found: ast.AST | None = None
    for name in names:
        found = next((node for node in body if getattr(node, "name", None) == name), None)
        body = getattr(found, "body", [])
    return found if isinstance(found, ast.FunctionDef | ast.AsyncFunctionDef) else None


def check_specs(kata: Kata, index: list[SpecInfo]) -> Check:
    check = Check(kata.id, "specs", "each has a title, points and a hint; titles unique", run=RUN)
    seen: dict[str, str] = {}
    for spec in index:
        function = _function(kata.specs_dir, spec.id)
        if function is not None and not ast.get_docstring(function):
            check.problems.append(f"{spec.id} has no docstring: its first line is the title")
        if spec.points == 0 and not spec.baseline:
            check.problems.append(f"{spec.id} is worth 0 points, so it never counts")
        if not spec.hints:
            check.problems.append(f'{spec.id} has no hint: add @pytest.mark.hint("...")')
        if spec.title in seen:
            check.problems.append(f"{spec.id} has the same title as {seen[spec.title]}")
        seen.setdefault(spec.title, spec.id)
    return check


def _outline(text: str) -> list[tuple[int, str]]:
    """The README as (heading level, heading text) for headings and (0, line) for other
    non-blank lines; fenced code blocks are text, whatever their lines start with."""
    items: list[tuple[int, str]] = []
    fenced = False
    for line in text.splitlines():
        heading = None if fenced else HEADING.match(line)
        if FENCE.match(line):
            fenced = not fenced
        if heading:
            items.append((len(heading[1]), heading[2]))
        elif line.strip():
            items.append((0, line))
    return items


def readme_sections(text: str) -> set[str]:
    """The sections the README has, by the rule in this module's docstring."""
    items = _outline(text)
    if items and items[0][0] == 1:
        items = items[1:]  # the title
    found = set()
    for position, (level, heading) in enumerate(items):
        if not level:
            continue
        following = items[position + 1][0] if position + 1 < len(items) else None
        if following is None or 0 < following <= level:
            continue  # nothing under it, not even a sub-section: an empty section does not count
        found |= {name for name, pattern in README_SECTIONS.items() if pattern.search(heading)}
        if TASK_HEADING.search(heading):
            found.add("the task")
    if items and items[0][0] == 0:
        found.add("the task")  # an introduction under the title
    return found


def check_readme(kata: Kata) -> Check:
    check = Check(kata.id, "README.md", "has the task, the contract and what is graded", run=RUN)
    found = readme_sections(kata.readme.read_text(encoding="utf-8"))
    expected = {
        "the task": 'a "## The task" heading, or an introduction under the title',
        "the contract": 'a heading with "Contract" or "API"',
        "what is graded": 'a heading with "Graded" or "Grading"',
    }
    for name, how in expected.items():
        if name not in found:
            check.problems.append(f"README.md does not say {name}: add {how}, with text under it")
    return check


@dataclass(frozen=True)
class Needed:
    """A distribution a kata needs, and the requirement that asks for it."""

    requirement: str
    name: str
    specifier: SpecifierSet


def needed(kata: Kata) -> tuple[list[Needed], list[str]]:
    """The distributions the kata's requirements name (with their extras' own, one level down),
    and the requirements that cannot be read."""
    found, problems = [], []
    for text in kata.config.requirements:
        try:
            requirement = Requirement(text)
        except InvalidRequirement as exc:
            reason = str(exc).splitlines()[0]
            problems.append(f"{text!r} is not a requirement pip can read: {reason}")
            continue
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        found.append(Needed(text, requirement.name, requirement.specifier))
        for extra in sorted(requirement.extras):
            found += _extra_needs(text, requirement.name, extra)
    return found, problems


def _extra_needs(text: str, name: str, extra: str) -> list[Needed]:
    try:
        requires = metadata.distribution(name).requires or []
    except metadata.PackageNotFoundError:
        return []  # the distribution itself is reported missing
    found = []
    for line in requires:
        dependency = Requirement(line)
        marker = dependency.marker
        if marker is not None and "extra" in str(marker) and marker.evaluate({"extra": extra}):
            found.append(Needed(text, dependency.name, dependency.specifier))
    return found


def _installed_problem(need: Needed, version: str | None, where: str) -> str | None:
    if version is None:
        return f"{need.requirement}: {need.name} is not installed in {where}"
    if not need.specifier.contains(version, prereleases=True):
        return f"{need.requirement}: {where} has {need.name} {version}, not {need.specifier}"
    return None


@dataclass(frozen=True)
class ImageVersions:
    """What the sandbox image has installed, or why it could not be asked."""

    ref: str
    versions: dict[str, str | None] | None
    note: str = ""


def image_versions(names: Sequence[str]) -> ImageVersions:
    """Ask the sandbox image which of ``names`` it has, in one throw-away container with no
    network; without an engine or the image, say why and ask nothing."""
    from docker.errors import DockerException, ImageNotFound

    from grader.errors import SandboxError
    from grader.image import default_image_ref
    from grader.sandbox.available import connect_docker

    ref = default_image_ref()
    try:
        client = connect_docker(timeout=IMAGE_PROBE_SECONDS)
    except SandboxError as exc:
        return ImageVersions(ref, None, f"not checked in the image: {exc}")
    try:
        client.images.get(ref)
        output = client.containers.run(
            ref, ["python", "-c", IMAGE_PROBE, *names], network_mode="none", remove=True
        )
        return ImageVersions(ref, json.loads(output))
    except ImageNotFound:
        return ImageVersions(ref, None, f"not checked in the image: {ref} is not built")
    except (DockerException, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return ImageVersions(ref, None, f"not checked in the image {ref}: {reason}")
    finally:
        client.close()


def check_requirements(kata: Kata, image: ImageVersions | None) -> Check:
    """Installed in the grader's own environment (where the process and bwrap sandboxes run the
    app) and in the docker sandbox's image."""
    needs, problems = needed(kata)
    check = Check(kata.id, "requirements", "installed here", problems, run=RUN)
    if not kata.config.requirements:
        check.expectation = "none beyond the base stack"
        return check
    for need in needs:
        try:
            version: str | None = metadata.version(need.name)
        except metadata.PackageNotFoundError:
            version = None
        problem = _installed_problem(need, version, "the grader's environment")
        if problem:
            check.problems.append(problem)
    if image is None or image.versions is None:
        check.expectation += f"; {image.note if image else 'not checked in the image'}"
        return check
    check.expectation += f" and in {image.ref}"
    for need in needs:
        problem = _installed_problem(need, image.versions.get(need.name), image.ref)
        if problem:
            check.problems.append(problem + " (rebuild it: kata image build)")
    return check


def check_stub_runs(kata: Kata) -> Check:
    """Grades the stub in-process: every spec may fail, but none because the app did not load."""
    check = Check(kata.id, "stub", "its app imports and starts", run=RUN)
    report = grade(kata, kata.stub_dir, ProcessSandbox(), mode="inprocess")
    check.problems += [f"could not grade the stub: {error}" for error in report.errors]
    # One load failure that stopped every spec is the report's blocked_by; several different
    # ones stay in the specs' messages.
    failures = [report.blocked_by] if report.blocked_by else []
    failures += [s.message for s in report.specs if s.message.startswith(LOAD_FAILURE)]
    if failures:
        first_line = failures[0].removeprefix(LOAD_FAILURE).splitlines()[0]
        check.problems.append(f"the stub's app could not be loaded: {first_line}")
    return check


def check_suite_stub(kata: Kata) -> Check:
    """A test-writing kata's stub: the learner must get the very app graded as correct, and a
    conftest.py with a `client` to run their tests locally."""
    check = Check(
        kata.id, "stub", f"holds the solution's app and {SUITE_FOLDER}/conftest.py", run=RUN
    )
    stub, solution = app_files(kata.stub_dir), app_files(kata.solution_dir)
    for name in sorted(stub.keys() | solution.keys()):
        if stub.get(name) != solution.get(name):
            check.problems.append(
                f"{name} differs between stub/ and solution/: the learner's app must be the "
                f"correct app that grading uses"
            )
    if not (kata.stub_dir / SUITE_FOLDER / "conftest.py").is_file():
        check.problems.append(
            f"stub/{SUITE_FOLDER}/conftest.py is missing: it gives the learner's tests `client` "
            f"when they run them locally"
        )
    return check


def _check_stub(kata: Kata) -> Check:
    return check_suite_stub(kata) if kata.config.grading == "tests" else check_stub_runs(kata)


def lint(katas: Sequence[Kata], *, workers: int = 2) -> list[Check]:
    """Every lint check of every kata; the image is asked once for all of them."""
    names = sorted({need.name for kata in katas for need in needed(kata)[0]})
    image = image_versions(names) if names else None
    with ThreadPoolExecutor(max_workers=workers) as pool:
        stubs = list(pool.map(_check_stub, katas))
    checks = []
    for kata, stub in zip(katas, stubs, strict=True):
        checks += [
            check_config(kata),
            check_specs(kata, spec_index(kata)),
            check_readme(kata),
            check_requirements(kata, image),
            stub,
        ]
    return checks
