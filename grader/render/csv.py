"""A batch's results as CSV: the sheet a hiring team sorts, filters and pastes into its tracker.

One row per candidate, one column per spec. A spec's header is its title followed by its id in
brackets (``Rejects expired tokens [test_me.py::test_expired]``): the title is what a person reads
in a spreadsheet, and the id, unique and stable across kata versions where titles may not be, is
what a script matches (``header.endswith(f"[{spec_id}]")``).
"""

import csv
import io
from collections.abc import Sequence

from grader.models import Report, SpecInfo

FIXED_BEFORE = ["candidate"]
FIXED_AFTER = ["total", "max", "percent", "status", "integrity"]
MAX_POINTS_LABEL = "max points"
# A cell that starts with one of these is run as a formula by Excel, LibreOffice and Sheets
# (OWASP "CSV injection"); candidate names and integrity findings come from submissions.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spec_header(spec: SpecInfo) -> str:
    """The column header of one spec: readable title first, the machine's id last."""
    return f"{spec.title} [{spec.id}]"


def percent(score: int, max_score: int) -> str:
    """A bare number (no ``%`` sign), so that a spreadsheet sorts and averages it as one."""
    return f"{100 * score / max_score:.1f}" if max_score else ""


def inert(text: str) -> str:
    """Text from a submission, made to stay text when a spreadsheet opens the file."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _candidate_row(report: Report, specs: Sequence[SpecInfo]) -> list[str | int]:
    earned = {result.id: result.points for result in report.specs}
    # A spec the run did not include (a selection, a newer kata version) is left blank, not 0,
    # so that "not graded" never reads as "graded and failed".
    cells: list[str | int] = [earned.get(spec.id, "") for spec in specs]
    return [
        inert(report.submission.name),
        *cells,
        report.score,
        report.max_score,
        percent(report.score, report.max_score),
        report.status.value,
        # Any finding scores the whole run 0 while the specs keep their points: this column is
        # what explains a total that is not the sum of its row.
        inert("; ".join(report.integrity)),
    ]


def results_csv(reports: Sequence[Report], specs: Sequence[SpecInfo]) -> str:
    """The whole batch as CSV text: a header, the "max points" row, then candidates by name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*FIXED_BEFORE, *(spec_header(spec) for spec in specs), *FIXED_AFTER])
    max_score = sum(spec.points for spec in specs)
    writer.writerow(
        [MAX_POINTS_LABEL, *(spec.points for spec in specs), max_score, max_score, "", "", ""]
    )
    for report in sorted(reports, key=lambda r: (r.submission.name.casefold(), r.submission.name)):
        writer.writerow(_candidate_row(report, specs))
    return buffer.getvalue()
