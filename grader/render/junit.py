"""A batch as JUnit XML, the test-report format that CI systems (GitLab, Jenkins, GitHub
checks) already display: one ``<testsuite>`` per candidate, one ``<testcase>`` per spec.

Reviewer-facing: hidden specs are included with their messages. A spec's code never is. What is
not a spec but must not look green in CI, an integrity finding or an infrastructure error, gets a
test case of its own ("integrity", "grader") that fails.
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from grader.models import Report, SpecResult, SpecStatus

MESSAGE_ATTRIBUTE_CHARS = 200
TEXT_CHARS = 8000

# XML 1.0 allows only these characters; captured output often holds others (ANSI escapes, NUL),
# and ElementTree would write them as they are, into a file no parser accepts.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text.strip())


def xml_text(text: str, limit: int = TEXT_CHARS) -> str:
    """Text made safe for XML 1.0 (other characters shown as ``\\xNN``) and capped at ``limit``."""
    text = _clean(text)
    return text if len(text) <= limit else text[:limit] + "\n[... trimmed]"


def _first_line(text: str) -> str:
    """The one-line summary CI tools show in a list of failures."""
    line = _clean(text.strip().partition("\n")[0])
    if len(line) <= MESSAGE_ATTRIBUTE_CHARS:
        return line
    return line[: MESSAGE_ATTRIBUTE_CHARS - 1] + "…"


def _verdict(spec: SpecResult) -> ET.Element | None:
    """The child that says why a spec did not pass, or None for a pass."""
    if spec.status is SpecStatus.passed:
        return None
    tag = {
        SpecStatus.failed: "failure",
        SpecStatus.error: "error",
        SpecStatus.timeout: "error",
        SpecStatus.skipped: "skipped",
        SpecStatus.not_run: "skipped",
    }[spec.status]
    element = ET.Element(tag, type=spec.status.value, message=_first_line(spec.message))
    body = spec.message.strip()
    if spec.hint:
        body += f"\n\nhint: {spec.hint}"
    if tag != "skipped" or body:
        element.text = xml_text(body)
    return element


def _testcase(kata_id: str, name: str, seconds: float) -> ET.Element:
    return ET.Element("testcase", classname=kata_id, name=name, time=f"{seconds:.3f}")


def _spec_case(report: Report, spec: SpecResult) -> ET.Element:
    case = _testcase(report.kata.id, spec.id, spec.duration)
    verdict = _verdict(spec)
    if verdict is not None:
        case.append(verdict)
    if spec.output:
        ET.SubElement(case, "system-out").text = xml_text(spec.output)
    return case


def _run_cases(report: Report) -> list[ET.Element]:
    """Failing test cases for what went wrong around the specs, so CI does not show it green."""
    cases = []
    if report.integrity:
        case = _testcase(report.kata.id, "integrity", 0)
        findings = "\n".join(report.integrity)
        ET.SubElement(
            case, "failure", type="integrity", message=_first_line(findings)
        ).text = xml_text(f"the run scores 0; signs of tampering:\n{findings}")
        cases.append(case)
    if report.errors:
        case = _testcase(report.kata.id, "grader", 0)
        errors = "\n".join(report.errors)
        ET.SubElement(
            case, "error", type="infrastructure", message=_first_line(errors)
        ).text = xml_text(errors)
        cases.append(case)
    return cases


def _properties(report: Report) -> ET.Element:
    properties = ET.Element("properties")
    facts = {
        "kata": report.kata.id,
        "kata_version": report.kata.version,
        "submission_hash": report.submission.content_hash,
        "sandbox": f"{report.sandbox.backend} ({report.sandbox.mode})",
        "sandbox_image": report.sandbox.image or "",
        "score": str(report.score),
        "max_score": str(report.max_score),
        "status": report.status.value,
        "run_end": report.run_end.value,
    }
    for name, value in facts.items():
        ET.SubElement(properties, "property", name=name, value=xml_text(value))
    return properties


def _count(cases: list[ET.Element], tag: str) -> int:
    return sum(1 for case in cases if case.find(tag) is not None)


def _suite(report: Report) -> ET.Element:
    cases = [_spec_case(report, spec) for spec in report.specs] + _run_cases(report)
    suite = ET.Element(
        "testsuite",
        name=xml_text(report.submission.name),
        tests=str(len(cases)),
        failures=str(_count(cases, "failure")),
        errors=str(_count(cases, "error")),
        skipped=str(_count(cases, "skipped")),
        time=f"{report.duration:.3f}",
        timestamp=report.started_at.isoformat(timespec="seconds"),
    )
    suite.append(_properties(report))
    suite.extend(cases)
    if report.output:
        ET.SubElement(suite, "system-out").text = xml_text(report.output)
    return suite


def junit_xml(reports: Sequence[Report]) -> str:
    """The batch as one JUnit XML document: a ``<testsuites>`` root with totals, then each
    candidate's ``<testsuite>`` in name order."""
    ordered = sorted(reports, key=lambda r: (r.submission.name.casefold(), r.submission.name))
    suites = [_suite(report) for report in ordered]
    root = ET.Element(
        "testsuites",
        name=xml_text(", ".join(sorted({report.kata.id for report in reports}))),
        tests=str(sum(int(suite.get("tests", 0)) for suite in suites)),
        failures=str(sum(int(suite.get("failures", 0)) for suite in suites)),
        errors=str(sum(int(suite.get("errors", 0)) for suite in suites)),
        skipped=str(sum(int(suite.get("skipped", 0)) for suite in suites)),
        time=f"{sum(report.duration for report in reports):.3f}",
    )
    root.extend(suites)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
