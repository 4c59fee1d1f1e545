"""Mutants of a solution: each operator, stable ids, the sample, mutants.toml, and the score."""

import textwrap
from pathlib import Path

import pytest

from grader.catalog import load_kata
from grader.errors import KataConfigError
from grader.mutants import file_mutants, generate, load_equivalents, measure, sample
from grader.sandbox import ProcessSandbox
from grader.scaffold import create_kata

from .conftest import TEST_CATALOG, run_kata

SOURCE = textwrap.dedent(
    '''\
    """A module with one of everything the operators change."""

    from typing import Annotated

    from fastapi import APIRouter, Depends, FastAPI, HTTPException, status

    LIMIT = 5  # requests per window


    def get_db() -> str:
        return "db"


    Db = Annotated[str, Depends(get_db)]
    router = APIRouter(dependencies=[Depends(get_db)])
    app = FastAPI()


    @app.post("/items", status_code=201)
    def create(count: int, db: Db, *, user: str = Depends(get_db)) -> dict[str, bool]:
        """Docstrings are never dropped."""
        if count < LIMIT and not user:
            raise HTTPException(409, "conflict")
        if count == 0:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"{count < LIMIT}")
        return {"ok": True}


    if __name__ == "__main__":
        pass
    '''
)


def _by_id(source: str = SOURCE) -> dict[str, str]:
    return {mutant.id: mutant.diff() for mutant in file_mutants("app/main.py", source).mutants}


def test_each_operator_changes_one_thing_and_keeps_the_rest_of_the_file() -> None:
    diffs = _by_id()
    expected = {  # each mutant's one changed line, as it reads after the change
        "app/main.py:7:number+1": "+LIMIT = 6  # requests per window",
        "app/main.py:11:drop-statement": "+    pass",
        "app/main.py:14:drop-depends": "+Db = str",
        "app/main.py:15:drop-depends": "+router = APIRouter(dependencies=[])",
        "app/main.py:19:drop-decorator": '-@app.post("/items", status_code=201)',
        "app/main.py:19:status-code": '+@app.post("/items", status_code=200)',
        "app/main.py:20:drop-depends": "+def create(count: int, db: Db, *, user: str) -> dict",
        "app/main.py:22:flip-compare": "+    if count >= LIMIT and not user:",
        "app/main.py:22:swap-and-or": "+    if count < LIMIT or not user:",
        "app/main.py:22:drop-not": "+    if count < LIMIT and user:",
        "app/main.py:23:status-code": '+        raise HTTPException(400, "conflict")',
        "app/main.py:25:status-code": "+        raise HTTPException(status.HTTP_400_BAD_REQUEST,",
        "app/main.py:26:flip-bool": '+    return {"ok": False}',
        "app/main.py:26:drop-statement": "+    pass",
    }
    for mutant_id, line in expected.items():
        assert mutant_id in diffs, f"{mutant_id} not among {sorted(diffs)}"
        assert line in diffs[mutant_id], diffs[mutant_id]
        # Only that line differs: comments, blank lines and layout stay as they were.
        changed = [row for row in diffs[mutant_id].splitlines()[2:] if row[:1] in "+-"]
        assert len(changed) == 2 or mutant_id.endswith("drop-decorator"), diffs[mutant_id]


def test_what_is_left_alone() -> None:
    ids = _by_id()
    assert not [i for i in ids if i.startswith("app/main.py:21:")], "docstrings stay"
    assert not [i for i in ids if i.startswith("app/main.py:29:")], "__name__ checks stay"
    # Inside the f-string on line 25 nothing is mutated; the status code beside it is.
    assert "app/main.py:25:flip-compare" not in ids
    assert "app/main.py:25:status-code" in ids
    # Status codes get status-code mutants, never number ones.
    assert "app/main.py:23:number+1" not in ids


def test_a_lifespan_keeps_its_asynccontextmanager_which_starlette_would_add() -> None:
    source = textwrap.dedent(
        """\
        from contextlib import asynccontextmanager

        from fastapi import FastAPI


        @asynccontextmanager
        async def lifespan(app):
            yield


        @asynccontextmanager
        async def session():
            yield


        app = FastAPI(lifespan=lifespan)
        """
    )
    dropped = [i for i in _by_id(source) if i.endswith("drop-decorator")]
    assert dropped == ["app/main.py:11:drop-decorator"]


def test_only_a_first_positional_dependency_default_is_dropped() -> None:
    source = "from fastapi import Depends\n\ndef f(a=Depends(g), b=Depends(h)):\n    return a, b\n"
    depends = [i for i in _by_id(source) if i.endswith("drop-depends")]
    assert depends == ["app/main.py:3:drop-depends"]
    diff = _by_id(source)["app/main.py:3:drop-depends"]
    assert "+def f(a, b=Depends(h)):" in diff


def test_ids_count_up_on_a_line_and_numbers_go_negative_as_python_writes_them() -> None:
    diffs = _by_id("pair = (0, 0)\n")
    assert sorted(diffs) == [
        "app/main.py:1:number+1",
        "app/main.py:1:number+1#2",
        "app/main.py:1:number-1",
        "app/main.py:1:number-1#2",
    ]
    assert "+pair = (-1, 0)" in diffs["app/main.py:1:number-1"]


def test_a_change_that_cannot_be_written_back_exactly_is_dropped() -> None:
    # An elif is an If inside the orelse of another: replacing its text with `pass` would not
    # give the intended tree, so that mutant is dropped and counted, never guessed at.
    source = "def f(a, b):\n    if a:\n        return 1\n    elif b:\n        return 2\n"
    generated = file_mutants("app/main.py", source)
    assert "app/main.py:4:drop-statement" not in {mutant.id for mutant in generated.mutants}
    assert generated.dropped == 1


def test_the_sample_is_bounded_spread_over_operators_and_the_same_every_time() -> None:
    mutants = file_mutants("app/main.py", SOURCE).mutants
    operators = {mutant.operator for mutant in mutants}
    chosen = sample(mutants, len(operators))
    assert {mutant.operator for mutant in chosen} == operators
    assert sample(mutants, len(operators)) == chosen
    assert sample(mutants, 1000) == sorted(mutants, key=lambda m: (m.file, m.line, m.id))


def test_max_mutants_needs_mutants_and_a_positive_number() -> None:
    catalog = ("--catalog", str(TEST_CATALOG))
    result = run_kata("verify", *catalog, "greeter", "--max-mutants", "3")
    assert result.returncode == 2
    assert result.stderr.startswith("error: --max-mutants only applies with --mutants")
    result = run_kata("verify", *catalog, "greeter", "--mutants", "--max-mutants", "0")
    assert result.returncode == 2
    assert "--max-mutants" in result.stderr


@pytest.fixture
def kata_root(tmp_path: Path) -> Path:
    (tmp_path / "catalog").mkdir()
    return create_kata("strength-demo", tmp_path / "catalog")


def test_a_solution_that_does_not_parse_is_a_config_error(kata_root: Path) -> None:
    (kata_root / "solution" / "app" / "main.py").write_text("def broken(:\n")
    with pytest.raises(KataConfigError, match="cannot be parsed"):
        generate(kata_root / "solution")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("equivalent = 3\n", "equivalent"),
        ('[equivalent]\n"app/main.py:9:flip-bool" = ""\n', "at least 1 character"),
        ('[equivalent]\n"line 9" = "no"\n', "should match pattern"),
        ('[surviving]\n"app/main.py:9:flip-bool" = "no"\n', "surviving"),
        ("[equivalent\n", "not valid TOML"),
    ],
)
def test_a_bad_mutants_toml_is_a_config_error(kata_root: Path, text: str, message: str) -> None:
    (kata_root / "mutants.toml").write_text(text)
    with pytest.raises(KataConfigError, match=message):
        load_equivalents(load_kata(kata_root))


def test_unpinned_behaviour_survives_and_equivalents_are_skipped(kata_root: Path) -> None:
    main = kata_root / "solution" / "app" / "main.py"
    main.write_text(
        main.read_text()
        + '\n\n@app.get("/version")\nasync def version() -> dict[str, str]:\n'
        + '    return {"version": "1.0"}\n'
    )
    (kata_root / "mutants.toml").write_text(
        "[equivalent]\n"
        '"app/main.py:16:drop-statement" = "FastAPI answers null, and no spec asks"\n'
        '"app/main.py:99:flip-bool" = "a line that has moved since"\n'
    )
    strength = measure(load_kata(kata_root), ProcessSandbox(), "inprocess", workers=2)
    assert [result.mutant.id for result in strength.survived] == ["app/main.py:14:drop-decorator"]
    assert '-@app.get("/version")' in strength.survived[0].mutant.diff()
    assert [(result.mutant.id, result.caught_by) for result in strength.caught] == [
        ("app/main.py:8:drop-decorator", ("test_hello.py::test_hello_greets_the_world",)),
        ("app/main.py:11:drop-statement", ("test_hello.py::test_hello_greets_the_world",)),
    ]
    assert strength.score == pytest.approx(2 / 3)
    assert strength.equivalent == ["app/main.py:16:drop-statement"]
    assert strength.stale == ["app/main.py:99:flip-bool"]
    assert strength.found == 4
