"""Similarity: copies survive renaming and reformatting, the stub and independent work do not."""

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.similarity import similar_pairs

STUB_MAIN = '''\
"""A tiny items API that needs protecting from clients that call it too often."""

import time

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

RATE_LIMIT = 5
WINDOW_SECONDS = 60.0


class Item(BaseModel):
    id: int
    name: str


CATALOGUE: dict[int, Item] = {
    1: Item(id=1, name="Keyboard"),
    2: Item(id=2, name="Mouse"),
    3: Item(id=3, name="Monitor"),
}

app = FastAPI(title="Items API")
app.state.clock = time.monotonic

# TODO: limit the /items routes to RATE_LIMIT requests per client per WINDOW_SECONDS.


@app.get("/health")
async def health() -> dict[str, str]:
    """Liveness probe; never limited."""
    return {"status": "ok"}


@app.get("/items")
async def list_items() -> list[Item]:
    return list(CATALOGUE.values())


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> Item:
    item = CATALOGUE.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return item
'''

TODO = "# TODO: limit the /items routes to RATE_LIMIT requests per client per WINDOW_SECONDS."


def _solve(code: str, dependency: str = "") -> str:
    """The stub with ``code`` in place of its TODO, and ``dependency`` guarding /items."""
    main = STUB_MAIN.replace(TODO, code)
    if dependency:
        for route in ('"/items"', '"/items/{item_id}"'):
            guarded = f"{route}, dependencies=[Depends({dependency})]"
            main = main.replace(f"@app.get({route})", f"@app.get({guarded})")
    return main


# The reference-like limiter that two candidates share. COPIED_FIRST and COPIED_LAST are the
# lines of its code in alice's app/limiter.py (after the docstring and imports).
ALICE_LIMITER = '''\
"""Fixed-window rate limiting."""

import math
from dataclasses import dataclass


@dataclass
class _Window:
    opened_at: float
    used: int = 0


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int


class FixedWindowLimiter:
    """At most ``limit`` requests per client in a window that opens at its first request."""

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self._windows: dict[str, _Window] = {}
        self._last_sweep = -math.inf

    def hit(self, client: str, now: float) -> Decision:
        self._sweep(now)
        window = self._windows.get(client)
        if window is None or now - window.opened_at >= self.window_seconds:
            window = self._windows[client] = _Window(opened_at=now)
        if window.used >= self.limit:
            # Refused requests are not counted.
            seconds_left = window.opened_at + self.window_seconds - now
            return Decision(False, self.limit, 0, max(1, math.ceil(seconds_left)))
        window.used += 1
        return Decision(True, self.limit, self.limit - window.used, 0)

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < self.window_seconds:
            return
        self._last_sweep = now
        self._windows = {
            client: window
            for client, window in self._windows.items()
            if now - window.opened_at < self.window_seconds
        }
'''
COPIED_FIRST = ALICE_LIMITER.splitlines().index("@dataclass") + 1
COPIED_LAST = ALICE_LIMITER.count("\n")  # the closing brace of the sweep's dict comprehension

ALICE_MAIN = _solve(
    """\
limiter = FixedWindowLimiter(RATE_LIMIT, WINDOW_SECONDS)


def client_key(request: Request) -> str:
    api_key = request.headers.get("x-api-key")
    if api_key:
        return f"key:{api_key}"
    host = request.client.host if request.client else "unknown"
    return f"address:{host}"


async def enforce_rate_limit(request: Request, response: Response) -> None:
    decision = limiter.hit(client_key(request), request.app.state.clock())
    if not decision.allowed:
        raise HTTPException(
            status_code=429,
            detail="Too many requests",
            headers={"Retry-After": str(decision.retry_after)},
        )
    response.headers["X-RateLimit-Limit"] = str(decision.limit)
    response.headers["X-RateLimit-Remaining"] = str(decision.remaining)""",
    "enforce_rate_limit",
)

# Bob's copy of the same code: every name changed, other file names, reformatted by hand, with
# comments and docstrings added and removed, other quotes, wrapping and trailing commas.
BOB_THROTTLE = """\
import math
from dataclasses import dataclass

# my own throttling module


@dataclass
class Bucket:
    start: float
    count: int = 0


@dataclass(frozen=True)
class Verdict:
    ok: bool
    cap: int
    left: int
    wait: int


class Throttle:
    def __init__(self, cap: int, span: float) -> None:
        self.cap = cap
        self.span = span
        self._buckets: dict[str, Bucket] = {}
        self._cleaned = -math.inf

    def take(self, who: str, t: float) -> Verdict:
        '''Take one token for `who` at time `t`.'''
        self._cleanup(t)
        b = self._buckets.get(who)
        if b is None or t - b.start >= self.span:
            b = self._buckets[who] = Bucket(start=t,)
        if b.count >= self.cap:
            remaining_time = b.start + self.span - t
            return Verdict(
                False,
                self.cap,
                0,
                max(1, math.ceil(remaining_time)),
            )

        b.count += 1
        return Verdict(True, self.cap, self.cap - b.count, 0)

    def _cleanup(self, t: float) -> None:
        if t - self._cleaned < self.span: return
        self._cleaned = t
        self._buckets = {who: b for who, b in self._buckets.items() if t - b.start < self.span}
"""

BOB_MAIN = _solve(
    """\
throttle = Throttle(RATE_LIMIT, WINDOW_SECONDS)

def who_is_it(req: Request) -> str:
    k = req.headers.get('x-api-key')
    if k:
        return f'key:{k}'
    h = req.client.host if req.client else 'unknown'
    return f'address:{h}'

async def check_throttle(req: Request, resp: Response) -> None:
    v = throttle.take(who_is_it(req), req.app.state.clock())
    if not v.ok:
        raise HTTPException(status_code=429, detail='Wait', headers={'Retry-After': str(v.wait)})
    resp.headers['X-RateLimit-Limit'] = str(v.cap)
    resp.headers['X-RateLimit-Remaining'] = str(v.left)""",
    "check_throttle",
)

# Carol and Dave solve the task on their own, each in their own way.
CAROL_MIDDLEWARE = """\
from collections import defaultdict, deque

from fastapi import Request
from fastapi.responses import JSONResponse

seen: defaultdict[str, deque[float]] = defaultdict(deque)


@app.middleware("http")
async def sliding_log(request: Request, call_next):
    if not request.url.path.startswith("/items"):
        return await call_next(request)
    who = request.headers.get("x-api-key") or (request.client.host if request.client else "?")
    now = request.app.state.clock()
    log = seen[who]
    while log and log[0] <= now - WINDOW_SECONDS:
        log.popleft()
    if len(log) >= RATE_LIMIT:
        wait = int(log[0] + WINDOW_SECONDS - now) + 1
        return JSONResponse({"detail": "rate limited"}, status_code=429,
                            headers={"Retry-After": str(wait)})
    log.append(now)
    response = await call_next(request)
    response.headers["X-RateLimit-Limit"] = str(RATE_LIMIT)
    response.headers["X-RateLimit-Remaining"] = str(RATE_LIMIT - len(log))
    return response"""
CAROL_MAIN = _solve(CAROL_MIDDLEWARE)

DAVE_MAIN = _solve(
    """\
counters = {}


class Limited(Exception):
    def __init__(self, retry):
        self.retry = retry


@app.exception_handler(Limited)
async def on_limited(request, exc):
    from fastapi.responses import JSONResponse

    return JSONResponse(
        status_code=429,
        content={"detail": "Too many requests, try later"},
        headers={"Retry-After": f"{exc.retry}"},
    )


def rate_limit(request: Request, response: Response):
    key = request.headers.get("x-api-key", None)
    if key is None:
        key = request.client.host
    clock = request.app.state.clock
    start, count = counters.get(key, (clock(), 0))
    elapsed = clock() - start
    if elapsed >= WINDOW_SECONDS:
        start, count = clock(), 0
    if count == RATE_LIMIT:
        raise Limited(math.ceil(WINDOW_SECONDS - elapsed))
    counters[key] = (start, count + 1)
    response.headers.update(
        {"X-RateLimit-Limit": str(RATE_LIMIT), "X-RateLimit-Remaining": str(RATE_LIMIT - count - 1)}
    )""",
    "rate_limit",
)

# A few lines of their own on top of the stub: a response header everybody might think of.
FEW_LINES = """\
@app.middleware("http")
async def add_version(request, call_next):
    response = await call_next(request)
    response.headers["X-Version"] = "1"
    return response"""
GINA_MAIN = _solve(
    FEW_LINES,
)

# A file the tokenizer refuses (an unterminated triple-quoted string at the end).
IVAN_BROKEN = '''\
def sort(values):
    if len(values) <= 1:
        return values
    middle = len(values) // 2
    left = sort(values[:middle])
    right = sort(values[middle:])
    return merge(left, right)


def merge(left, right):
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out

"""unfinished
'''
JUDY_BROKEN = (
    IVAN_BROKEN.replace("left", "a").replace("right", "b").replace("out", "res")
    .replace("merge", "combine").replace("values", "xs")
)  # fmt: skip


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


@pytest.fixture
def stub(tmp_path: Path) -> Path:
    return _write(tmp_path / "stub", {"app/__init__.py": "", "app/main.py": STUB_MAIN})


def _submission(tmp_path: Path, name: str, files: dict[str, str | bytes]) -> Path:
    return _write(tmp_path / "submissions" / name, {"app/__init__.py": "", **files})


@pytest.fixture
def alice(tmp_path: Path) -> Path:
    limiter = {"app/limiter.py": ALICE_LIMITER, "README.md": "# mine\n"}
    return _submission(tmp_path, "alice", {**limiter, "app/main.py": ALICE_MAIN})


@pytest.fixture
def bob(tmp_path: Path) -> Path:
    return _submission(tmp_path, "bob", {"app/throttle.py": BOB_THROTTLE, "app/main.py": BOB_MAIN})


def _range(fragment: str) -> tuple[str, int, int]:
    """A fragment's header: file, first line and last line."""
    file, lines = fragment.splitlines()[0].rsplit(":", 1)
    first, last = lines.split("-")
    return file, int(first), int(last)


def test_renamed_and_reformatted_copies_are_flagged_with_the_copied_lines(
    stub: Path, alice: Path, bob: Path
) -> None:
    [pair] = similar_pairs({"bob": bob, "alice": alice}, stub)
    print(f"alice ~ bob: {pair.score:.3f}")
    assert (pair.first, pair.second) == ("alice", "bob")
    assert pair.score >= 0.8
    assert 1 <= len(pair.fragments) <= 5
    # The largest fragment is alice's copied limiter, as she wrote it, nearly line for line.
    file, first, last = _range(pair.fragments[0])
    assert file == "app/limiter.py"
    assert COPIED_FIRST <= first <= COPIED_FIRST + 2
    assert COPIED_LAST - 2 <= last <= COPIED_LAST
    assert "def hit(self, client: str, now: float) -> Decision:" in pair.fragments[0]
    # Her copied dependency is found as well, and every fragment holds code the stub does not.
    files = [_range(fragment)[0] for fragment in pair.fragments]
    assert "app/main.py" in files
    assert any("def client_key(request: Request) -> str:" in f for f in pair.fragments)
    stub_lines = set(STUB_MAIN.splitlines())
    for fragment in pair.fragments:
        assert set(fragment.splitlines()[1:]) - stub_lines
    # Fragments are bounded in length.
    assert all(len(fragment.splitlines()) <= 32 for fragment in pair.fragments)


def test_independent_solutions_are_not_flagged(stub: Path, alice: Path, tmp_path: Path) -> None:
    carol = _submission(tmp_path, "carol", {"app/main.py": CAROL_MAIN})
    dave = _submission(tmp_path, "dave", {"app/main.py": DAVE_MAIN})
    everyone = {"alice": alice, "carol": carol, "dave": dave}
    assert similar_pairs(everyone, stub) == []
    scores = {(p.first, p.second): p.score for p in similar_pairs(everyone, stub, threshold=0)}
    print("independent:", {pair: round(score, 3) for pair, score in scores.items()})
    assert len(scores) == 3
    assert max(scores.values()) < 0.3


def test_untouched_stubs_are_not_flagged(stub: Path, tmp_path: Path) -> None:
    erin = _submission(tmp_path, "erin", {"app/main.py": STUB_MAIN})
    frank = _submission(tmp_path, "frank", {"app/main.py": STUB_MAIN.replace("# TODO", "# todo")})
    [pair] = similar_pairs({"erin": erin, "frank": frank}, stub, threshold=0)
    assert pair.score == 0
    assert pair.fragments == []


def test_the_stub_plus_a_few_lines_is_not_flagged(stub: Path, alice: Path, tmp_path: Path) -> None:
    gina = _submission(tmp_path, "gina", {"app/main.py": GINA_MAIN})
    # Hank wrote the very same few lines: too little code of their own to be evidence.
    hank = _submission(tmp_path, "hank", {"app/main.py": GINA_MAIN})
    erin = _submission(tmp_path, "erin", {"app/main.py": STUB_MAIN})
    everyone = {"alice": alice, "gina": gina, "hank": hank, "erin": erin}
    assert similar_pairs(everyone, stub) == []
    scores = {(p.first, p.second): p.score for p in similar_pairs(everyone, stub, threshold=0)}
    print("stub plus a few lines:", {pair: round(score, 3) for pair, score in scores.items()})
    assert scores[("gina", "hank")] < 0.5
    assert scores[("alice", "gina")] < 0.1


def test_a_copy_with_more_code_of_ones_own_scores_as_a_copy(
    stub: Path, alice: Path, tmp_path: Path
) -> None:
    """Scored against the smaller side: Jaccard would halve this pair for mia's extra code."""
    files = {"app/limiter.py": ALICE_LIMITER, "app/main.py": ALICE_MAIN}
    files["app/extra.py"] = CAROL_MIDDLEWARE
    mia = _submission(tmp_path, "mia", files)
    [pair] = similar_pairs({"alice": alice, "mia": mia}, stub)
    print(f"alice ~ mia (all of alice, plus a middleware of her own): {pair.score:.3f}")
    assert pair.score >= 0.95


def test_files_that_do_not_tokenize_are_compared_by_lines(
    stub: Path, alice: Path, tmp_path: Path
) -> None:
    ivan = _submission(tmp_path, "ivan", {"app/sort.py": IVAN_BROKEN, "app/main.py": STUB_MAIN})
    judy = _submission(tmp_path, "judy", {"app/merge.py": JUDY_BROKEN, "app/main.py": STUB_MAIN})
    odd = {
        "app/main.py": "def f(:\n    return 1\n  x = (\n",  # a bad dedent, an open bracket
        "app/nul.py": b"x = 1\x00\n",
        "app/latin.py": b"# -*- coding: latin-1 -*-\nname = '\xe9'\n",
        "app/cookie.py": b"# -*- coding: no-such-codec -*-\nx = '\xff'\n",
    }
    kim = _submission(tmp_path, "kim", odd)
    pairs = similar_pairs({"ivan": ivan, "judy": judy, "kim": kim, "alice": alice}, stub)
    print("broken files:", [(p.first, p.second, round(p.score, 3)) for p in pairs])
    [pair] = pairs
    assert (pair.first, pair.second) == ("ivan", "judy")
    assert pair.score >= 0.8
    assert _range(pair.fragments[0])[0] == "app/sort.py"


def test_pairs_are_ordered_by_score_and_the_result_is_deterministic(
    stub: Path, alice: Path, bob: Path, tmp_path: Path
) -> None:
    # Lee copies alice's limiter verbatim and writes the rest alone (as dave did): a partial
    # copy, flagged below the full one.
    lee = _submission(tmp_path, "lee", {"app/limiter.py": ALICE_LIMITER, "app/main.py": DAVE_MAIN})
    carol = _submission(tmp_path, "carol", {"app/main.py": CAROL_MAIN})
    everyone = {"lee": lee, "bob": bob, "carol": carol, "alice": alice}
    pairs = similar_pairs(everyone, stub, threshold=0)
    print("ordered:", [(p.first, p.second, round(p.score, 3)) for p in pairs])
    assert len(pairs) == 6
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert all(p.first < p.second for p in pairs)
    flagged = {(p.first, p.second) for p in pairs if p.score >= 0.5}
    assert flagged == {("alice", "bob"), ("alice", "lee"), ("bob", "lee")}
    # The same input, given in another order, gives the same output.
    assert similar_pairs(dict(reversed(everyone.items())), stub, threshold=0) == pairs
    # And so does another interpreter, whose string hashes are salted differently.
    script = (
        "import json, sys; from pathlib import Path; from grader.similarity import similar_pairs;"
        "folders = {name: Path(path) for name, path in json.loads(sys.argv[1]).items()};"
        "pairs = similar_pairs(folders, Path(sys.argv[2]), threshold=0);"
        "print(json.dumps([pair.model_dump() for pair in pairs]))"
    )
    names = json.dumps({name: str(path) for name, path in everyone.items()})
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script, names, str(stub)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    assert json.loads(result.stdout) == [pair.model_dump() for pair in pairs]


def test_threshold_must_be_a_share(stub: Path) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        similar_pairs({}, stub, threshold=1.5)


OPERATORS = ("+", "-", "*", "/", "//", "%", "==", "<", ">=", "and", "or", "in")


def _generated_module(seed: int, lines: int) -> str:
    """A few hundred lines of varied code: each seed writes its own, like its own author."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    names = [f"{word}_{seed}" for word in ("total", "item", "count", "data", "key", "value", "row")]

    def expression(depth: int = 0) -> str:
        shape = rng.randrange(9 if depth < 2 else 3)
        if shape == 0:
            return rng.choice(names)
        if shape == 1:
            return str(rng.randint(0, 999))
        if shape == 2:
            return repr(rng.choice(("ok", "missing", "x", "")))
        if shape == 3:
            return f"{expression(depth + 1)} {rng.choice(OPERATORS)} {expression(depth + 1)}"
        if shape == 4:
            return f"{{{expression(depth + 1)}: {expression(depth + 1)}}}"
        if shape == 5:
            return f"{rng.choice(names)}[{expression(depth + 1)}]"
        arguments = ", ".join(expression(depth + 1) for _ in range(rng.randint(0, 3)))
        if shape == 6:
            return f"[{arguments}]"
        if shape == 7:
            return f"{rng.choice(names)}({arguments})"
        return f"{rng.choice(names)}.{rng.choice(names)}({arguments})"

    def block(indent: str, depth: int) -> list[str]:
        out: list[str] = []
        for _ in range(rng.randint(1, 4)):
            shape = rng.randrange(7 if depth < 2 else 3)
            inner = indent + "    "
            if shape == 0:
                out.append(f"{indent}{rng.choice(names)} = {expression()}")
            elif shape == 1:
                out.append(f"{indent}{rng.choice(names)} {rng.choice('+-*')}= {expression()}")
            elif shape == 2:
                out.append(f"{indent}{rng.choice(names)}.{rng.choice(names)}({expression()})")
            elif shape == 3:
                out += [f"{indent}if {expression()}:", *block(inner, depth + 1)]
                if rng.random() < 0.4:
                    out += [f"{indent}else:", *block(inner, depth + 1)]
            elif shape == 4:
                target = rng.choice(names)
                out += [f"{indent}for {target} in {expression()}:", *block(inner, depth + 1)]
            elif shape == 5:
                out += [f"{indent}while {expression()}:", *block(inner, depth + 1)]
            else:
                out += [f"{indent}try:", *block(inner, depth + 1)]
                out += [f"{indent}except {rng.choice(('KeyError', 'ValueError'))}:"]
                out += block(inner, depth + 1)
        return out

    code: list[str] = []
    while len(code) < lines:
        parameters = ", ".join(rng.sample(names, rng.randint(0, 3)))
        code += [f"def handler_{len(code)}({parameters}):", *block("    ", 0)]
        code += [f"    return {expression()}", "", ""]
    return "\n".join(code) + "\n"


def test_fifty_submissions_of_three_hundred_lines_are_fast_enough(
    stub: Path, tmp_path: Path
) -> None:
    submissions = {}
    for seed in range(50):
        code = _generated_module(seed, 300)
        if seed == 49:  # a copy of seed 7, every name changed
            code = _generated_module(7, 300).replace("_7", "_copy")
        submissions[f"candidate-{seed:02}"] = _submission(
            tmp_path, f"c{seed}", {"app/main.py": STUB_MAIN, "app/logic.py": code}
        )
    started, cpu_started = time.perf_counter(), time.process_time()
    pairs = similar_pairs(submissions, stub)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"50 submissions of ~360 lines: {elapsed:.2f}s wall, {cpu:.2f}s CPU")
    assert [(p.first, p.second) for p in pairs] == [("candidate-07", "candidate-49")]
    assert pairs[0].score == 1
    assert cpu < 30  # loose on purpose: catches something quadratic in lines, not a slow host
