"""Pairs of submissions whose own code is suspiciously alike, for ``kata grade --similarity``.

Every candidate starts from the same stub and solves the same task, so raw text comparison
flags everyone. What matters is the code a candidate wrote beyond the stub, compared in a form
that survives the cheap disguises: renamed variables, reformatting, new comments.

The method is MOSS-style winnowing (Schleimer, Wilkerson and Aiken, 2003), written here from the
paper's description:

1. **Normalise** each ``.py`` file with :mod:`tokenize`. Comments, docstrings (any statement that
   is only a string), blank lines, line wrapping and spacing disappear. Every identifier becomes
   ``V``: a renamed variable and a library name look alike, which is what makes renaming useless
   and what the stub subtraction and a long k-gram compensate for. Numbers become ``N`` and
   strings keep only their kind (``S``, ``B``, ``F``), because literal values are the cheapest
   thing to reword and independent solutions share the meaningful ones (429, "/items") anyway.
   Keywords, operators and the block structure (``NEWLINE``, ``INDENT``, ``DEDENT``) are kept:
   they are the shape of the code, and the shape is what a copier keeps. Import statements are
   dropped (the kata's stack dictates them, so they are not evidence). So is what formatters
   add, remove or split: trailing commas, a long string cut into adjacent parts, an inline
   block (``if done: return``) against the same block on its own lines.
2. **Fingerprint** every run of ``K`` consecutive tokens by a stable hash (blake2b, so the result
   never depends on ``PYTHONHASHSEED``), then **winnow**: keep the smallest hash of every
   ``WINDOW`` consecutive ones. Any shared run of at least ``K + WINDOW - 1`` tokens is then
   guaranteed to share a kept fingerprint, and nothing shorter than ``K`` tokens can match.
3. **Subtract the stub**: every k-gram of the stub (all of them, not only the winnowed ones,
   since winnowing picks different k-grams in different surroundings) is removed from every
   submission. Two untouched stubs then have nothing left to compare.
4. **Score** a pair as ``|A ∩ B| / max(min(|A|, |B|), EVIDENCE_FLOOR)``: the share of the smaller
   candidate's own code that the other also has. Against the smaller side rather than Jaccard's
   union because a candidate who copies a colleague's limiter and writes the rest alone, or who
   copies everything and adds more, is still a copy; Jaccard would dilute that by the extra
   code. The floor keeps a candidate who wrote only a few lines of their own from scoring 1.0 on
   a couple of incidental matches: a handful of shared lines is not evidence.

A file that :mod:`tokenize` cannot read (an unterminated string or bracket, a bad dedent) is
compared by normalised lines instead: each physical line is lexed by a forgiving regex into the
same token kinds and ends a statement, and the k-grams are hashed apart from the token ones (a
broken file has no indentation tokens, so it is compared with other broken files and the stub's
lines only). Nothing crashes, and two copies of the same broken file are still caught.
"""

import hashlib
import io
import keyword
import re
import sys
import tokenize
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

from grader.models import SimilarPair

K = 15
"""Tokens per k-gram: about two lines of normalised code. With every name collapsed to
``V`` the alphabet is small, so shorter k-grams (``V = V . V ( V )``) match between anybody."""
WINDOW = 8
"""Winnowing window. Any shared run of 22 tokens (two or three lines) is found. It is at most
``K``, so that the kept k-grams of a shared region overlap and its lines are all covered."""
EVIDENCE_FLOOR = 30
"""The least a pair's score is divided by: the fingerprints of about fifteen lines of own code."""
MAX_FRAGMENTS = 5
"""Shared fragments listed per pair, largest first."""
MAX_FRAGMENT_LINES = 30
"""Source lines shown per fragment; the header still names the whole range."""

_NO_LINE = sys.maxsize
_MODULUS = (1 << 61) - 1  # a Mersenne prime: the rolling hash stays well spread and in 64 bits
_BASE = 0x1F3D5B79A2C4E687 % _MODULUS
_LEADING = pow(_BASE, K - 1, _MODULUS)  # the weight of the token that leaves the k-gram
_SKIPPED = frozenset(
    {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER, tokenize.TYPE_COMMENT}
)
_OPENERS = frozenset({"(", "[", "{"})
_CLOSERS = frozenset({")", "]", "}"})
# Statements whose header ends with a block's colon.
_COMPOUND = frozenset(
    {
        "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class",
        "async",  # async def, async for, async with
    }
)  # fmt: skip
_STRING_KINDS = frozenset({"S", "B", "F", "T"})
# Python 3.12 splits f-strings (3.14 also t-strings) into parts; they are folded back into one.
_TEMPLATE_STARTS = {
    getattr(tokenize, name): kind
    for name, kind in (("FSTRING_START", "F"), ("TSTRING_START", "T"))
    if hasattr(tokenize, name)
}
_TEMPLATE_ENDS = frozenset(
    getattr(tokenize, name) for name in ("FSTRING_END", "TSTRING_END") if hasattr(tokenize, name)
)
_LINE_TOKEN = re.compile(
    r"""
    (?P<string>[rRbBuUfFtT]{0,2}(?:"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?))
    | (?P<comment>\#.*)
    | (?P<name>[^\W\d]\w*)
    | (?P<number>\d[\w.]*)
    | (?P<op>\*\*=?|//=?|<<=?|>>=?|->|:=|[-+*/%&|^@<>=!]=|\S)
    """,
    re.VERBOSE,
)


class _Unit(NamedTuple):
    """One normalised token and the lines it was written on.

    Structural tokens carry no lines (``_NO_LINE``..0), so a fragment starts and ends on code
    rather than on the newline before it. A tuple, not a dataclass: there is one per token.
    """

    text: str
    first_line: int
    last_line: int


class _Place(NamedTuple):
    """Where a kept fingerprint occurs: a file and the lines its k-gram spans."""

    file: str
    first_line: int
    last_line: int


@dataclass
class _Submission:
    """A candidate's fingerprints beyond the stub, and the source lines to quote from."""

    places: dict[int, list[_Place]]
    lines: dict[str, list[str]]


def _string_kind(text: str) -> str:
    """``F`` (f-string), ``T`` (t-string), ``B`` (bytes) or ``S``, from a literal's prefix.

    The kind is kept because swapping a plain string for an f-string is a rewrite, not a
    rename; the raw and unicode prefixes do not change what the value is, so they are dropped.
    """
    prefix = text[: len(text) - len(text.lstrip("rRbBuUfFtT"))].lower()
    for letter, kind in (("f", "F"), ("t", "T"), ("b", "B")):
        if letter in prefix:
            return kind
    return "S"


class _Normaliser:
    """Builds a file's normalised units statement by statement.

    A statement is held until it ends, because whether it is kept depends on all of it: one
    that is only strings (a docstring) or an import is dropped. A compound statement's inline
    body (``if done: return``) is laid out as the indented block a formatter would make of it.
    """

    def __init__(self) -> None:
        self.units: list[_Unit] = []
        self.statement: list[_Unit] = []
        self.depth = 0  # open brackets: a colon inside them is no block's colon
        self.header_ended = False  # a compound header's colon just ended a statement
        self.inline_block = False  # an inline body is open; it closes with the logical line

    def add(self, text: str, first_line: int, last_line: int) -> None:
        """Append one token, folding away what formatters add or split."""
        if self.header_ended:
            self.header_ended = False
            self.inline_block = True
            self.structure("INDENT")
        previous = self.statement[-1] if self.statement else None
        if text in _OPENERS:
            self.depth += 1
        elif text in _CLOSERS:
            self.depth = max(0, self.depth - 1)
            if previous is not None and previous.text == ",":
                self.statement.pop()  # a trailing comma is a formatter's choice
        elif previous is not None and text in _STRING_KINDS and previous.text in _STRING_KINDS:
            # Adjacent literals are one string however a formatter wraps them.
            kind = "F" if "F" in (text, previous.text) else previous.text
            self.statement[-1] = _Unit(kind, previous.first_line, last_line)
            return
        self.statement.append(_Unit(text, first_line, last_line))
        if text == ":" and self.depth == 0 and self.statement[0].text in _COMPOUND:
            self.end_statement()
            self.header_ended = True

    def structure(self, text: str) -> None:
        """Append a structural unit; it belongs to no line, see ``_Unit``."""
        self.units.append(_Unit(text, _NO_LINE, 0))

    def end_statement(self) -> None:
        """Keep the finished statement unless it is only strings or an import."""
        statement, self.statement = self.statement, []
        if statement and statement[0].text in ("import", "from"):
            return
        if any(unit.text not in _STRING_KINDS for unit in statement):
            self.units.extend(statement)
            self.structure("NEWLINE")

    def end_line(self) -> None:
        """End a logical line: its statement, and an inline block opened on it."""
        self.end_statement()
        self.header_ended = False
        self.depth = 0
        if self.inline_block:
            self.inline_block = False
            self.structure("DEDENT")


def _token_units(text: str) -> list[_Unit]:
    """The file's normalised tokens; raises ``tokenize.TokenError`` or ``SyntaxError``."""
    normaliser = _Normaliser()
    template_depth = 0
    template_kind = "F"
    template_line = 0
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        kind, string, line, end_line = token.type, token.string, token.start[0], token.end[0]
        if kind in _TEMPLATE_STARTS:
            if template_depth == 0:
                template_kind, template_line = _TEMPLATE_STARTS[kind], line
            template_depth += 1
        elif template_depth:
            if kind in _TEMPLATE_ENDS:
                template_depth -= 1
                if template_depth == 0:
                    normaliser.add(template_kind, template_line, end_line)
        elif kind in _SKIPPED or (kind == tokenize.ERRORTOKEN and not string.strip()):
            continue
        elif kind == tokenize.NEWLINE:
            normaliser.end_line()
        elif kind == tokenize.OP and string == ";":
            normaliser.end_statement()
        elif kind in (tokenize.INDENT, tokenize.DEDENT):
            normaliser.structure(tokenize.tok_name[kind])
        elif kind == tokenize.NAME:
            normaliser.add(string if keyword.iskeyword(string) else "V", line, end_line)
        elif kind == tokenize.NUMBER:
            normaliser.add("N", line, end_line)
        elif kind == tokenize.STRING:
            normaliser.add(_string_kind(string), line, end_line)
        else:
            normaliser.add(string, line, end_line)
    normaliser.end_line()
    return normaliser.units


def _line_units(text: str) -> list[_Unit]:
    """The tokens of each physical line, lexed forgivingly into the same kinds.

    Each line is its own logical line: a broken file's brackets and strings cannot be trusted
    to say where a statement goes on, so nothing is carried from one line to the next.
    """
    normaliser = _Normaliser()
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _LINE_TOKEN.finditer(line):
            group, word = match.lastgroup, match.group()
            if group == "string":
                normaliser.add(_string_kind(word), number, number)
            elif group == "name":
                normaliser.add(word if keyword.iskeyword(word) else "V", number, number)
            elif group == "number":
                normaliser.add("N", number, number)
            elif group == "op":
                normaliser.add(word, number, number)
        normaliser.end_line()
    return normaliser.units


def _hashes(units: list[_Unit], tag: str) -> list[int]:
    """The hash of every k-gram, rolled along the units (Karp-Rabin) rather than rehashed.

    Each distinct token gets a stable id from blake2b (so nothing depends on
    ``PYTHONHASHSEED``), and ``tag`` gives the token and line kinds ids of their own.
    """
    if len(units) < K:
        return []
    ids = {
        text: int.from_bytes(hashlib.blake2b((tag + text).encode(), digest_size=8).digest())
        % _MODULUS
        for text in {unit.text for unit in units}
    }
    codes = [ids[unit.text] for unit in units]
    rolled = 0
    for code in codes[:K]:
        rolled = (rolled * _BASE + code) % _MODULUS
    hashes = [rolled]
    for leaving, entering in zip(codes, codes[K:], strict=False):
        rolled = ((rolled - leaving * _LEADING) * _BASE + entering) % _MODULUS
        hashes.append(rolled)
    return hashes


def _span(units: list[_Unit], start: int) -> tuple[int, int]:
    """The lines the code of the k-gram at ``start`` spans; first > last when it has none."""
    gram = units[start : start + K]
    return min(unit.first_line for unit in gram), max(unit.last_line for unit in gram)


def _file_units(text: str) -> tuple[list[_Unit], str]:
    """The file's normalised tokens and their kind: lexed by lines when it does not tokenize.

    The two kinds are hashed apart (a line-lexed file has no indentation tokens, so its k-grams
    would only match a tokenized file's by accident).
    """
    try:
        return _token_units(text), "token:"
    except (tokenize.TokenError, SyntaxError):
        return _line_units(text), "line:"


def _winnow(hashes: list[int]) -> list[int]:
    """Indices of the kept hashes: the smallest of every window, the rightmost on a tie.

    The window's minimum is only searched for again when it slides out, and the rightmost rule
    makes the kept index never move backwards, so comparing with the last one keeps each once.
    """
    if not hashes:
        return []
    window = min(WINDOW, len(hashes))
    kept: list[int] = []
    low = -1
    for end in range(window - 1, len(hashes)):
        start = end - window + 1
        if low < start:
            chunk = hashes[start : end + 1]
            low = end - chunk[::-1].index(min(chunk))
        elif hashes[end] <= hashes[low]:
            low = end
        if not kept or kept[-1] != low:
            kept.append(low)
    return kept


def _python_files(folder: Path) -> Iterable[tuple[str, str]]:
    """Each ``.py`` file's path relative to ``folder`` and its text, in a stable order."""
    paths = sorted(
        (path for path in folder.rglob("*.py") if path.is_file()),
        key=lambda path: path.relative_to(folder).as_posix(),
    )
    for path in paths:
        data = path.read_bytes()
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError:  # an unknown or contradictory coding cookie
            encoding = "utf-8"
        yield path.relative_to(folder).as_posix(), data.decode(encoding, errors="replace")


def _stub_hashes(stub: Path) -> set[int]:
    """Every k-gram of the stub, of both kinds, so a broken file's stub lines go too."""
    hashes: set[int] = set()
    for _, text in _python_files(stub):
        with suppress(tokenize.TokenError, SyntaxError):  # its lines below still count
            hashes.update(_hashes(_token_units(text), "token:"))
        hashes.update(_hashes(_line_units(text), "line:"))
    return hashes


def _take(folder: Path, stub_hashes: set[int]) -> _Submission:
    """A submission's kept fingerprints that are not the stub's, and where each occurs."""
    places: dict[int, list[_Place]] = {}
    lines: dict[str, list[str]] = {}
    for name, text in _python_files(folder):
        lines[name] = text.split("\n")
        units, tag = _file_units(text)
        hashes = _hashes(units, tag)
        for index in _winnow(hashes):
            if hashes[index] in stub_hashes:
                continue
            first, last = _span(units, index)
            if first <= last:
                places.setdefault(hashes[index], []).append(_Place(name, first, last))
    return _Submission(places, lines)


def _quote(lines: list[str], place: _Place) -> str:
    """A fragment: its file and line range, then its lines as written, cut at a bound."""
    shown = lines[place.first_line - 1 : place.last_line]
    more = len(shown) - MAX_FRAGMENT_LINES
    body = [line.rstrip("\r") for line in shown[:MAX_FRAGMENT_LINES]]
    if more > 0:
        body.append(f"[... {more} more line{'s' if more > 1 else ''}]")
    return "\n".join([f"{place.file}:{place.first_line}-{place.last_line}", *body])


def _fragments(submission: _Submission, shared: set[int]) -> list[str]:
    """The shared fingerprints' lines in ``submission``, merged into ranges, largest first."""
    places = sorted(place for fingerprint in shared for place in submission.places[fingerprint])
    merged: list[_Place] = []
    for place in places:
        top = merged[-1] if merged else None
        if top is not None and top.file == place.file and place.first_line <= top.last_line + 1:
            merged[-1] = top._replace(last_line=max(top.last_line, place.last_line))
        else:
            merged.append(place)
    merged.sort(key=lambda place: (place.first_line - place.last_line, place))
    return [_quote(submission.lines[place.file], place) for place in merged[:MAX_FRAGMENTS]]


def similar_pairs(
    submissions: dict[str, Path], stub: Path, *, threshold: float = 0.5
) -> list[SimilarPair]:
    """Pairs of candidates whose own code is alike at ``threshold`` or above, highest first.

    ``submissions`` maps each candidate's name to the folder of their taken-in copy and ``stub``
    is the kata's stub folder; only ``.py`` files are read. In each pair ``first`` is the name
    that sorts first, and the fragments quote that candidate's code. Ties in score are ordered
    by names, so the same input always gives the same list.
    """
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    stub_hashes = _stub_hashes(stub)
    taken = {name: _take(folder, stub_hashes) for name, folder in sorted(submissions.items())}
    pairs = []
    for first, second in combinations(sorted(taken), 2):
        mine, theirs = taken[first].places, taken[second].places
        shared = mine.keys() & theirs.keys()
        score = len(shared) / max(min(len(mine), len(theirs)), EVIDENCE_FLOOR)
        if score >= threshold:
            fragments = _fragments(taken[first], shared)
            pairs.append(SimilarPair(first=first, second=second, score=score, fragments=fragments))
    pairs.sort(key=lambda pair: (-pair.score, pair.first, pair.second))
    return pairs
