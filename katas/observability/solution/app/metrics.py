"""Request metrics in the Prometheus text exposition format, without a client library.

Two families, both labelled by method, route template and status:

- ``http_requests_total``: a counter of handled requests;
- ``http_request_duration_seconds``: a histogram of how long they took, in seconds, with
  cumulative ``_bucket`` series (``le`` = upper bound), ``_sum`` and ``_count``.

Route templates, never raw paths, keep the number of series bounded: ``/items/{item_id}`` is one
series however many items there are.
"""

from collections import Counter
from dataclasses import dataclass, field

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
"""Upper bounds in seconds: Prometheus' default buckets. +Inf is implied."""

Labels = tuple[str, str, str]
"""(method, route, status)."""


@dataclass
class _Histogram:
    bucket_counts: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))
    """Observations at or under each bound; cumulative, as the exposition format wants."""
    total: float = 0.0
    count: int = 0

    def observe(self, seconds: float) -> None:
        for index, bound in enumerate(BUCKETS):
            if seconds <= bound:
                self.bucket_counts[index] += 1
        self.total += seconds
        self.count += 1


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(labels: Labels, **extra: str) -> str:
    pairs = dict(zip(("method", "route", "status"), labels, strict=True)) | extra
    return "{" + ",".join(f'{name}="{_escape(value)}"' for name, value in pairs.items()) + "}"


class Metrics:
    """The app's registry. Only touched from the event loop, so it needs no lock."""

    def __init__(self) -> None:
        self._requests: Counter[Labels] = Counter()
        self._durations: dict[Labels, _Histogram] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        labels = (method, route, str(status))
        self._requests[labels] += 1
        self._durations.setdefault(labels, _Histogram()).observe(seconds)

    def render(self) -> str:
        lines = [
            "# HELP http_requests_total Requests handled, by method, route template and status.",
            "# TYPE http_requests_total counter",
        ]
        for labels, count in sorted(self._requests.items()):
            lines.append(f"http_requests_total{_labels(labels)} {count}")
        lines += [
            "# HELP http_request_duration_seconds Time taken to handle a request, in seconds.",
            "# TYPE http_request_duration_seconds histogram",
        ]
        for labels, histogram in sorted(self._durations.items()):
            name = "http_request_duration_seconds"
            for bound, count in zip(BUCKETS, histogram.bucket_counts, strict=True):
                lines.append(f"{name}_bucket{_labels(labels, le=repr(bound))} {count}")
            lines.append(f"{name}_bucket{_labels(labels, le='+Inf')} {histogram.count}")
            lines.append(f"{name}_sum{_labels(labels)} {histogram.total!r}")
            lines.append(f"{name}_count{_labels(labels)} {histogram.count}")
        return "\n".join(lines) + "\n"
