"""Spec strength: how much of the reference solution's behaviour do a kata's specs pin down?

A mutant is the solution with one small, plausible change made with the ``ast`` module: a flipped
comparison or boolean, a changed status code or number, a statement replaced by ``pass``, a
decorator or a dependency dropped. The specs run on every mutant; a mutant is caught when a spec
that passes on the solution fails on it, and the share caught is the kata's spec-strength score.
A mutant that survives is a behaviour no spec checks, unless it is equivalent (it changes nothing
a client can see), which the kata's ``mutants.toml`` can say, with a reason.

A mutant replaces the source text of one node only, so the file keeps its comments and layout and
its diff shows just the change. The edited file is parsed back and must give exactly the intended
tree, or the mutant is dropped; so are mutants that do not compile or equal the solution. One
mutant known to change nothing is never made: a lifespan keeps its ``@asynccontextmanager``,
which Starlette would apply itself.
"""

import ast
import copy
import difflib
import hashlib
import itertools
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints

from grader.catalog import Kata, load_toml_model
from grader.errors import InfrastructureError, KataConfigError, UsageError
from grader.job import Mode
from grader.models import Limits, NonEmptyText, Report, ReportStatus, SpecStatus
from grader.runner import grade, limits_for
from grader.sandbox import Sandbox

MUTANTS_FILE = "mutants.toml"
DEFAULT_MAX_MUTANTS = 40
STRONG_SCORE = 0.8
"""Katas under this score need more specs."""
# A mutant that hangs would hold a worker for the kata's whole timeout; a few times the
# solution's own run time (never less than this floor) is plenty for a mutant that does not.
MUTANT_SLOWDOWN = 5
MUTANT_MIN_SECONDS = 20.0
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")

COMPARE_FLIPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
    ast.In: ast.NotIn, ast.NotIn: ast.In,
}  # fmt: skip
# Each status code becomes the one a plausible mistake would answer instead.
STATUS_SWAPS = {
    200: 201, 201: 200, 202: 200, 204: 200, 301: 302, 302: 301, 303: 302, 304: 200, 307: 302,
    308: 301, 400: 422, 401: 403, 403: 401, 404: 400, 405: 404, 406: 400, 409: 400, 410: 404,
    412: 409, 413: 400, 415: 400, 422: 400, 428: 400, 429: 403, 500: 503, 501: 500, 503: 500,
}  # fmt: skip
STATUS_NAME = re.compile(r"^HTTP_(\d{3})_\w+$")
DEPENDENCY_CALLS = {"Depends", "Security"}

MutantId = Annotated[
    str, StringConstraints(pattern=r"^[^:\s]+:\d+:[a-z0-9+-]+(#\d+)?$", max_length=300)
]
Position = tuple[int, int]  # (line, column in UTF-8 bytes), as ast gives them
_T = TypeVar("_T")


class EquivalentMutants(BaseModel):
    """A kata's ``mutants.toml``: mutants that change nothing a client can see, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    equivalent: dict[MutantId, NonEmptyText] = {}


@dataclass(frozen=True)
class Mutant:
    """The solution with one change, in one file; its id stays put while that line does."""

    id: str  # "app/limiter.py:42:flip-compare", with "#2", "#3"... for more on one line
    file: str
    line: int
    operator: str
    original: str
    source: str

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.source.splitlines(keepends=True),
                f"solution/{self.file}",
                f"mutant/{self.file}",
                n=1,
            )
        )


@dataclass(frozen=True)
class _Edit:
    """One change: the text to put between two positions, and the tree it must give."""

    line: int
    operator: str
    start: Position
    end: Position
    texts: tuple[str, ...]  # tried in order: the bare expression, then in parentheses
    owner: ast.AST
    field: str
    value: Any  # owner.field in the intended tree


Place = tuple[ast.AST, str, int | None]  # a node's parent, the parent's field, its index there


def _children(node: ast.AST) -> Iterator[tuple[ast.AST, Place]]:
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield item, (node, name, index)
        elif isinstance(value, ast.AST):
            yield value, (node, name, None)


def _replaced(place: Place, new: Any) -> Any:
    """The parent's field with the node at ``place`` swapped for ``new``."""
    parent, field, index = place
    if index is None:
        return new
    items = list(getattr(parent, field))
    items[index] = new
    return items


def _expression(operator: str, node: ast.expr, place: Place, new: ast.AST) -> _Edit:
    text = ast.unparse(new)
    return _Edit(
        node.lineno,
        operator,
        (node.lineno, node.col_offset),
        (node.end_lineno or node.lineno, node.end_col_offset or 0),
        (text, f"({text})"),
        place[0],
        place[1],
        _replaced(place, new),
    )


def _name_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_dependency(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Call) and _name_of(node.func) in DEPENDENCY_CALLS


def _is_int(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    )


def _number(value: float) -> ast.expr:
    """A number as the parser would read it back: negative ones are a minus and a constant."""
    if value < 0:
        return ast.UnaryOp(ast.USub(), ast.Constant(-value))
    return ast.Constant(value)


def swapped_status(code: int) -> int:
    if code in STATUS_SWAPS:
        return STATUS_SWAPS[code]
    return code - code % 100 if code % 100 else code + 1


@cache
def _status_names() -> dict[int, str]:
    """Status code -> its name in ``fastapi.status``, the names solutions write."""
    from starlette import status

    names: dict[int, str] = {}
    for name in status.__all__:
        match = STATUS_NAME.match(name)
        if match:
            names.setdefault(int(match[1]), name)
    return names


def _status_constants(tree: ast.AST) -> set[int]:
    """The ids of the int constants that are status codes, which get status-code mutants."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "status_code" and _is_int(node.value):
            found.add(id(node.value))
        if (
            isinstance(node, ast.Call)
            and _name_of(node.func) == "HTTPException"
            and node.args
            and _is_int(node.args[0])
        ):
            found.add(id(node.args[0]))
    return found


def _expression_edits(node: ast.AST, place: Place, status_ids: set[int]) -> Iterator[_Edit]:
    """Comparisons, booleans, status codes, numbers and dependencies inside expressions."""
    if isinstance(node, ast.Compare) and not any(
        isinstance(side, ast.Name) and side.id == "__name__"
        for side in (node.left, *node.comparators)
    ):
        for index, op in enumerate(node.ops):
            if type(op) in COMPARE_FLIPS:
                new = copy.copy(node)
                new.ops = [*node.ops[:index], COMPARE_FLIPS[type(op)](), *node.ops[index + 1 :]]
                yield _expression("flip-compare", node, place, new)
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        yield _expression("flip-bool", node, place, ast.Constant(not node.value))
    elif isinstance(node, ast.BoolOp):
        new = copy.copy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield _expression("swap-and-or", node, place, new)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield _expression("drop-not", node, place, node.operand)
    elif isinstance(node, ast.Constant) and id(node) in status_ids:
        yield _expression("status-code", node, place, ast.Constant(swapped_status(node.value)))
    elif isinstance(node, ast.Attribute) and (match := STATUS_NAME.match(node.attr)):
        name = _status_names().get(swapped_status(int(match[1])))
        if name is not None:
            new = copy.copy(node)
            new.attr = name
            yield _expression("status-code", node, place, new)
    elif isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        for operator, step in (("number+1", 1), ("number-1", -1)):
            yield _expression(operator, node, place, _number(node.value + step))
    elif isinstance(node, ast.Subscript) and _name_of(node.value) == "Annotated":
        yield from _annotated_dependency_edits(node, place)
    elif isinstance(node, ast.keyword) and node.arg == "dependencies":
        if isinstance(node.value, ast.List | ast.Tuple):
            for index, element in enumerate(node.value.elts):
                if _is_dependency(element):
                    new = copy.copy(node.value)
                    new.elts = [e for i, e in enumerate(node.value.elts) if i != index]
                    yield _expression("drop-depends", node.value, (node, "value", None), new)
    elif isinstance(node, ast.arguments):
        yield from _default_dependency_edits(node)


def _annotated_dependency_edits(node: ast.Subscript, place: Place) -> Iterator[_Edit]:
    """``Annotated[T, Depends(f)]`` becomes ``T``; other metadata stays."""
    if not isinstance(node.slice, ast.Tuple):
        return
    elements = node.slice.elts
    for index, element in enumerate(elements[1:], start=1):
        if _is_dependency(element):
            kept = [e for i, e in enumerate(elements) if i != index]
            if len(kept) == 1:
                new: ast.expr = kept[0]
            else:
                new = copy.copy(node)
                new.slice = ast.Tuple(kept, ast.Load())
            yield _expression("drop-depends", node, place, new)


def _default_dependency_edits(arguments: ast.arguments) -> Iterator[_Edit]:
    """``param: T = Depends(f)`` loses its default, where the signature stays valid without it."""
    positional = [*arguments.posonlyargs, *arguments.args]
    first_default = len(positional) - len(arguments.defaults)
    # Only the first positional default can go: a later one would follow a defaulted parameter.
    if arguments.defaults and _is_dependency(arguments.defaults[0]):
        parameter, default = positional[first_default], arguments.defaults[0]
        yield _drop_default(arguments, parameter, default, "defaults", arguments.defaults[1:])
    for index, default in enumerate(arguments.kw_defaults):
        if default is not None and _is_dependency(default):
            kept = [*arguments.kw_defaults[:index], None, *arguments.kw_defaults[index + 1 :]]
            yield _drop_default(
                arguments, arguments.kwonlyargs[index], default, "kw_defaults", kept
            )


def _drop_default(
    arguments: ast.arguments, arg: ast.arg, default: ast.expr, field: str, value: list[Any]
) -> _Edit:
    return _Edit(
        default.lineno,
        "drop-depends",
        (arg.end_lineno or arg.lineno, arg.end_col_offset or 0),
        (default.end_lineno or default.lineno, default.end_col_offset or 0),
        ("",),
        arguments,
        field,
        value,
    )


def _is_docstring(node: ast.stmt, place: Place) -> bool:
    parent, field, index = place
    return (
        isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module)
        and field == "body"
        and index == 0
        and isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_equivalent_drop(node: ast.stmt, decorator: ast.expr, lifespans: set[str]) -> bool:
    """Starlette wraps an async generator passed as ``lifespan=`` in asynccontextmanager itself,
    so dropping that decorator there changes nothing."""
    return (
        isinstance(node, ast.AsyncFunctionDef)
        and node.name in lifespans
        and _name_of(decorator) == "asynccontextmanager"
    )


def _statement_edits(
    node: ast.stmt, place: Place, in_function: bool, lifespans: set[str]
) -> Iterator[_Edit]:
    """A statement of a function body replaced by ``pass``; a decorator dropped."""
    decorators = getattr(node, "decorator_list", [])
    for index, decorator in enumerate(decorators):
        if _is_equivalent_drop(node, decorator, lifespans):
            continue
        end_line = decorator.end_lineno or decorator.lineno
        yield _Edit(
            decorator.lineno,
            "drop-decorator",
            (decorator.lineno, 0),
            (end_line + 1, 0),  # its whole lines
            ("",),
            node,
            "decorator_list",
            [d for i, d in enumerate(decorators) if i != index],
        )
    is_empty = isinstance(node, ast.Pass) or (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and node.value.value is Ellipsis
    )
    if in_function and not is_empty and not _is_docstring(node, place):
        start_line = decorators[0].lineno if decorators else node.lineno
        yield _Edit(
            node.lineno,
            "drop-statement",
            (start_line, node.col_offset),
            (node.end_lineno or node.lineno, node.end_col_offset or 0),
            ("pass",),
            place[0],
            place[1],
            _replaced(place, ast.Pass()),
        )


def _edits(tree: ast.Module) -> Iterator[_Edit]:
    """Every edit of the file, in source order of the walk; f-strings are left alone, since
    Python 3.11 does not give their inner nodes reliable positions."""
    status_ids = _status_constants(tree)
    lifespans = {
        node.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword)
        and node.arg == "lifespan"
        and isinstance(node.value, ast.Name)
    }

    def visit(node: ast.AST, place: Place | None, in_function: bool) -> Iterator[_Edit]:
        if isinstance(node, ast.JoinedStr):
            return
        if isinstance(node, ast.stmt) and place is not None:
            yield from _statement_edits(node, place, in_function, lifespans)
        elif place is not None:
            yield from _expression_edits(node, place, status_ids)
        inside = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child, child_place in _children(node):
            yield from visit(child, child_place, inside)

    yield from visit(tree, None, False)


class _Source:
    """One file of the solution: its text, its tree, and edits applied to it one at a time."""

    def __init__(self, relative: str, text: str) -> None:
        self.relative = relative
        self.text = text
        self.data = text.encode("utf-8")
        self.tree = ast.parse(text, filename=relative)
        self.dump = ast.dump(self.tree)
        lines = self.data.splitlines(keepends=True)
        self._starts = list(itertools.accumulate((len(line) for line in lines), initial=0))

    def _offset(self, position: Position) -> int:
        line, column = position
        return self._starts[min(line, len(self._starts)) - 1] + column

    def _intended(self, edit: _Edit) -> str:
        old = getattr(edit.owner, edit.field)
        setattr(edit.owner, edit.field, edit.value)
        try:
            return ast.dump(self.tree)
        finally:
            setattr(edit.owner, edit.field, old)

    def apply(self, edit: _Edit) -> str | None:
        """The mutated file, or None if it equals the original, does not give the intended tree,
        or does not compile."""
        intended = self._intended(edit)
        if intended == self.dump:
            return None
        start, end = self._offset(edit.start), self._offset(edit.end)
        for text in edit.texts:
            try:
                candidate = (self.data[:start] + text.encode() + self.data[end:]).decode()
                if ast.dump(ast.parse(candidate)) != intended:
                    continue
                compile(candidate, self.relative, "exec")
            except (SyntaxError, ValueError):
                return None
            return candidate
        return None


@dataclass(frozen=True)
class Generated:
    mutants: list[Mutant]
    dropped: int  # did not compile, equalled the solution, or could not be written back


def file_mutants(relative: str, text: str) -> Generated:
    """Every mutant of one file of the solution."""
    source = _Source(relative, text)
    mutants, dropped = [], 0
    ordinals: dict[tuple[int, str], int] = defaultdict(int)
    for edit in _edits(source.tree):
        ordinals[(edit.line, edit.operator)] += 1
        ordinal = ordinals[(edit.line, edit.operator)]
        mutated = source.apply(edit)
        if mutated is None:
            dropped += 1
            continue
        mutant_id = f"{relative}:{edit.line}:{edit.operator}" + (
            f"#{ordinal}" if ordinal > 1 else ""
        )
        mutants.append(Mutant(mutant_id, relative, edit.line, edit.operator, text, mutated))
    return Generated(mutants, dropped)


def generate(solution: Path) -> Generated:
    """Every mutant of every Python file of the solution."""
    mutants, dropped = [], 0
    for path in sorted(solution.rglob("*.py")):
        relative = path.relative_to(solution).as_posix()
        if "__pycache__" in path.parts:
            continue
        try:
            found = file_mutants(relative, path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError) as exc:
            raise KataConfigError(f"{path}: the solution cannot be parsed: {exc}") from None
        mutants += found.mutants
        dropped += found.dropped
    return Generated(mutants, dropped)


def _round_robin(groups: Iterable[Sequence[_T]]) -> Iterator[_T]:
    gap = object()
    for layer in itertools.zip_longest(*groups, fillvalue=gap):
        yield from (item for item in layer if item is not gap)


def _shuffled(mutants: list[Mutant]) -> list[Mutant]:
    """A fixed order that spreads a file's mutants over its lines instead of its first ones."""
    return sorted(mutants, key=lambda mutant: hashlib.sha256(mutant.id.encode()).hexdigest())


def sample(mutants: Sequence[Mutant], limit: int) -> list[Mutant]:
    """At most ``limit`` mutants, taken in turn from each operator and, within an operator, from
    each file; the same mutants every time for the same solution."""
    by_operator: dict[str, dict[str, list[Mutant]]] = defaultdict(lambda: defaultdict(list))
    for mutant in mutants:
        by_operator[mutant.operator][mutant.file].append(mutant)
    queues = [
        list(_round_robin(_shuffled(files[name]) for name in sorted(files)))
        for _, files in sorted(by_operator.items())
    ]
    chosen = list(itertools.islice(_round_robin(queues), limit))
    return sorted(chosen, key=lambda mutant: (mutant.file, mutant.line, mutant.id))


def load_equivalents(kata: Kata) -> dict[str, str]:
    """Mutant id -> why it is equivalent, from the kata's mutants.toml (none without one)."""
    path = kata.root / MUTANTS_FILE
    if not path.exists():
        return {}
    return load_toml_model(path, EquivalentMutants).equivalent


Verdict = Literal["caught", "survived", "error"]


@dataclass(frozen=True)
class MutantResult:
    mutant: Mutant
    verdict: Verdict
    caught_by: tuple[str, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class Strength:
    """A kata's spec-strength score and the mutants behind it."""

    kata: str
    run: str  # mode/sandbox
    results: list[MutantResult]
    found: int  # valid mutants of the solution, before the marked ones and the sample
    dropped: int
    equivalent: list[str]  # marked in mutants.toml and skipped
    stale: list[str]  # named in mutants.toml, but no mutant has that id

    def _with(self, verdict: Verdict) -> list[MutantResult]:
        return [result for result in self.results if result.verdict == verdict]

    @property
    def caught(self) -> list[MutantResult]:
        return self._with("caught")

    @property
    def survived(self) -> list[MutantResult]:
        return self._with("survived")

    @property
    def errored(self) -> list[MutantResult]:
        return self._with("error")

    @property
    def score(self) -> float | None:
        """Share of mutants caught; mutants that could not be graded do not count either way."""
        judged = len(self.caught) + len(self.survived)
        return len(self.caught) / judged if judged else None


NOT_FOR_SUITES = (
    '--mutants does not apply to {kata} (grading = "tests"): its faults are hand-made mutants '
    "of its app, and kata verify checks that the solution's tests catch each one"
)


def mutable(katas: Sequence[Kata]) -> tuple[list[Kata], list[str]]:
    """The katas --mutants scores, and a note for each it leaves out. A test-writing kata has
    no specs to score: its faults are the mutants. Naming only such katas is a usage error."""
    chosen = [kata for kata in katas if kata.config.grading != "tests"]
    notes = [NOT_FOR_SUITES.format(kata=kata.id) for kata in katas if kata not in chosen]
    if notes and not chosen:
        raise UsageError(notes[0])
    return chosen, notes


def mutant_limits(kata: Kata, solution: Report) -> Limits:
    limits = limits_for(kata)
    wall = max(MUTANT_MIN_SECONDS, MUTANT_SLOWDOWN * solution.duration)
    return limits.model_copy(update={"wall_seconds": min(limits.wall_seconds, wall)})


def judge(mutant: Mutant, report: Report, pinned: set[str]) -> MutantResult:
    """Caught when a spec that passes on the solution does not pass on the mutant."""
    if report.status is ReportStatus.error:
        return MutantResult(mutant, "error", error=next(iter(report.errors), "unknown error"))
    failing = tuple(
        spec.id
        for spec in report.specs
        if spec.id in pinned and spec.status is not SpecStatus.passed
    )
    return MutantResult(mutant, "caught" if failing else "survived", caught_by=failing)


def _grade_mutant(
    kata: Kata, sandbox: Sandbox, mode: Mode, limits: Limits, pinned: set[str], mutant: Mutant
) -> MutantResult:
    with tempfile.TemporaryDirectory(prefix="kata-mutant-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(kata.solution_dir, project, ignore=IGNORED)
        (project / mutant.file).write_text(mutant.source, encoding="utf-8")
        report = grade(kata, project, sandbox, mode=mode, limits=limits)
    return judge(mutant, report, pinned)


def measure(
    kata: Kata,
    sandbox: Sandbox,
    mode: Mode,
    *,
    max_mutants: int = DEFAULT_MAX_MUTANTS,
    workers: int = 2,
) -> Strength:
    """Grade a sample of the solution's mutants with the kata's specs, in parallel."""
    generated = generate(kata.solution_dir)
    marked = load_equivalents(kata)
    chosen = sample([m for m in generated.mutants if m.id not in marked], max_mutants)
    solution = grade(kata, kata.solution_dir, sandbox, mode=mode)
    if solution.status is ReportStatus.error:
        raise InfrastructureError(
            f"{kata.id}: could not grade the solution: {next(iter(solution.errors), '')}"
        )
    pinned = {spec.id for spec in solution.passed}
    if not pinned:
        raise KataConfigError(
            f"{kata.id}: no spec passes on the solution, so no mutant can be caught; "
            f"fix the kata first (kata verify {kata.id})"
        )
    run = partial(_grade_mutant, kata, sandbox, mode, mutant_limits(kata, solution), pinned)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(run, chosen))
    ids = {mutant.id for mutant in generated.mutants}
    return Strength(
        kata=kata.id,
        run=f"{mode}/{sandbox.name}",
        results=results,
        found=len(generated.mutants),
        dropped=generated.dropped,
        equivalent=sorted(mutant_id for mutant_id in marked if mutant_id in ids),
        stale=sorted(mutant_id for mutant_id in marked if mutant_id not in ids),
    )
