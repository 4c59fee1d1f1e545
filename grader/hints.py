"""Staged hints: each ``kata hint`` reveals one more of a spec's hints, the nudge first.

``kata check`` shows a failing spec's first hint under it, so for a spec that failed at the last
check ``kata hint`` goes on from the second.

A spec's hints go from a nudge to nearly the answer, so the learner takes only as much help as
they need; how many they took is kept in the progress file and in every later Report
(``hints_used``). Hints are for practice only: ``kata grade`` never reads the progress file.
"""

from dataclasses import dataclass

from grader.catalog import Kata
from grader.collect import spec_index
from grader.errors import UsageError
from grader.models import SpecInfo
from grader.progress import KataProgress, Warn, editing


@dataclass(frozen=True)
class Revealed:
    """What one ``kata hint`` showed: hint ``number`` of the spec's hints, or none left (0)."""

    spec: SpecInfo
    number: int

    @property
    def text(self) -> str:
        return self.spec.hints[self.number - 1] if self.number else ""


def _one(query: str, matches: list[SpecInfo]) -> SpecInfo | None:
    if len(matches) > 1:
        listed = "; ".join(f"{spec.title} ({spec.id})" for spec in matches)
        raise UsageError(
            f"{query!r} matches {len(matches)} specs: {listed}; name one by its id or by more "
            f"of its title"
        )
    return matches[0] if matches else None


def find_spec(kata_id: str, specs: list[SpecInfo], query: str) -> SpecInfo:
    """The spec a learner named: by id (``test_x.py::test_y`` or ``test_y``), else by title
    (all of it, else a part of it; case does not matter). Two candidates are an error."""
    wanted = query.strip()
    if not wanted:
        raise UsageError("name a spec by its id or by a part of its title")
    folded = wanted.casefold()
    for matches in (
        [spec for spec in specs if spec.id == wanted],
        [spec for spec in specs if spec.id.split("::", 1)[-1] == wanted],
        [spec for spec in specs if spec.title.casefold() == folded],
        [spec for spec in specs if folded in spec.title.casefold()],
    ):
        if (found := _one(wanted, matches)) is not None:
            return found
    raise UsageError(
        f"no spec of {kata_id} has the id or a title with {wanted!r}; "
        f"`kata show {kata_id}` lists their titles"
    )


def _first_failing(kata_id: str, specs: list[SpecInfo], entry: KataProgress) -> SpecInfo:
    if not entry.started:
        raise UsageError(
            f"no check of {kata_id} yet: run `kata check` first, or name a spec: kata hint SPEC"
        )
    by_id = {spec.id: spec for spec in specs}
    failing = [by_id[spec_id] for spec_id in entry.failing if spec_id in by_id]
    if not failing:
        raise UsageError(
            "every spec passed at the last check; to see a spec's hints anyway: kata hint SPEC"
        )
    return failing[0]


def reveal_next(kata: Kata, query: str | None, warn: Warn) -> Revealed:
    """Reveal the next hint of the named spec, or of the first spec that failed at the last
    check, and record it."""
    specs = spec_index(kata)
    with editing(warn) as progress:
        entry = progress.katas.setdefault(kata.id, KataProgress())
        if query is None:
            spec = _first_failing(kata.id, specs, entry)
        else:
            spec = find_spec(kata.id, specs, query)
        # A spec that failed at the last check had its first hint shown there already.
        shown_by_check = 1 if spec.id in entry.failing else 0
        seen = max(entry.hints.get(spec.id, 0), shown_by_check)
        if seen >= len(spec.hints):
            return Revealed(spec, 0)
        entry.hints[spec.id] = seen + 1
    return Revealed(spec, seen + 1)
