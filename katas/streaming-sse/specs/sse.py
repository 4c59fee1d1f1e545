"""Reading a text/event-stream body the way a browser's EventSource does."""

from typing import Any


def parse_events(body: str) -> list[dict[str, Any]]:
    """The events of a stream: each a dict of its fields (`data` lines joined by newlines).

    Events end at a blank line; comment lines (starting with ':') are skipped; a field's value
    loses one leading space. An unfinished event at the end of the body is dropped, as
    EventSource drops it.
    """
    events: list[dict[str, Any]] = []
    fields: dict[str, Any] = {}
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == "":
            if fields:
                events.append(fields)
            fields = {}
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data" and "data" in fields:
            fields["data"] += "\n" + value
        else:
            fields[name] = value
    return events
