"""A small parser for the Prometheus text exposition format, and what specs ask of it."""

import math
import re
from dataclasses import dataclass
from typing import Any

SAMPLE = re.compile(
    r"^(?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)"
    r"(?:\{(?P<labels>.*)\})?"
    r"\s+(?P<value>\S+)(?:\s+-?\d+)?$"
)
LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)')
TYPE = re.compile(r"^#\s*TYPE\s+(\S+)\s+(\S+)\s*$")
BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, math.inf]
"""The bucket bounds the contract names, as numbers (1 and 1.0 are the same bound)."""


@dataclass(frozen=True)
class Sample:
    name: str
    labels: dict[str, str]
    value: float


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], value)


def parse(text: str) -> tuple[list[Sample], dict[str, str]]:
    """The samples and the declared types; a line that is neither fails with its text."""
    samples, types = [], {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            declared = TYPE.match(line)
            if declared:
                types[declared[1]] = declared[2]
            continue
        match = SAMPLE.match(line)
        assert match, f"line {number} of /metrics is not a valid sample: {line!r}"
        labels: dict[str, str] = {}
        raw = match["labels"] or ""
        position = 0
        while position < len(raw.rstrip()):
            label = LABEL.match(raw, position)
            assert label, f"line {number} of /metrics has malformed labels: {line!r}"
            labels[label[1]] = _unescape(label[2])
            position = label.end()
        try:
            value = float(match["value"])
        except ValueError:
            raise AssertionError(f"line {number} of /metrics has no number: {line!r}") from None
        samples.append(Sample(match["name"], labels, value))
    return samples, types


def scrape(client: Any) -> tuple[list[Sample], dict[str, str]]:
    r = client.get("/metrics")
    assert r.status_code == 200, f"expected 200 from GET /metrics, got {r.status_code}: {r.text}"
    return parse(r.text)


def value(samples: list[Sample], name: str, **labels: str) -> float | None:
    """The one sample of ``name`` with exactly these labels besides ``le``, or None."""
    found = [
        s
        for s in samples
        if s.name == name and {k: v for k, v in s.labels.items() if k != "le"} == labels
    ]
    assert len(found) <= 1, f"expected one {name} sample with labels {labels}, got {found}"
    return found[0].value if found else None


def buckets(samples: list[Sample], **labels: str) -> dict[float, float]:
    """The duration histogram's buckets for these labels: upper bound -> cumulative count."""
    found = {}
    for s in samples:
        if s.name != "http_request_duration_seconds_bucket" or "le" not in s.labels:
            continue
        if {k: v for k, v in s.labels.items() if k != "le"} == labels:
            found[float(s.labels["le"])] = s.value
    return found
