"""The results stream: one JSON object per line, written by the plugin, read by the runner.

The plugin writes a line the moment something happens, flushed, so that a run that dies half-way
still leaves every finished spec on record. The runner reads the stream defensively: it is size
capped, and a line that is not a valid record is counted, never trusted.
"""

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from grader.models import SpecInfo

MAX_STREAM_BYTES = 8 * 1024 * 1024
LOAD_FAILURE = "the app could not be loaded: "  # how a spec's message says the app never loaded


class Collected(BaseModel):
    """Written once collection ends, before any submission code has been imported."""

    type: Literal["collected"] = "collected"
    specs: list[SpecInfo]


class Started(BaseModel):
    type: Literal["started"] = "started"
    id: str


class Finished(BaseModel):
    """One spec's outcome, from its setup, call and teardown together."""

    type: Literal["spec"] = "spec"
    id: str
    outcome: Literal["passed", "failed", "error", "skipped", "timeout"]
    duration: float
    message: str = ""
    output: str = ""


class RouteCheck(BaseModel):
    """The kata's expected routes the app lacks; written once, when the first app loads."""

    type: Literal["routes"] = "routes"
    problems: list[str]


class SessionEnd(BaseModel):
    type: Literal["session"] = "session"
    exitstatus: int
    integrity: list[str] = []


Record = Annotated[
    Collected | Started | Finished | RouteCheck | SessionEnd, Field(discriminator="type")
]
_RECORD = TypeAdapter(Record)


def dump(record: Collected | Started | Finished | RouteCheck | SessionEnd) -> str:
    return record.model_dump_json() + "\n"


class Stream(BaseModel):
    """Everything a results file said, in order, plus how much of it could not be read."""

    collected: Collected | None = None
    started: list[str] = []
    finished: dict[str, Finished] = {}
    session: SessionEnd | None = None
    routes: RouteCheck | None = None
    unreadable_lines: int = 0
    truncated: bool = False


def read_stream(path: Path) -> Stream:
    stream = Stream()
    try:
        with path.open("rb") as file:
            data = file.read(MAX_STREAM_BYTES + 1)
    except FileNotFoundError:
        return stream
    stream.truncated = len(data) > MAX_STREAM_BYTES
    for line in data[:MAX_STREAM_BYTES].splitlines():
        try:
            record = _RECORD.validate_json(line)
        except ValidationError:
            stream.unreadable_lines += 1
            continue
        match record:
            case _ if stream.session is not None:
                stream.unreadable_lines += 1  # nothing honest comes after the session's end
            case Collected() if stream.collected is None:
                stream.collected = record
            case Started() if record.id not in stream.started:
                stream.started.append(record.id)
            case Finished() if record.id not in stream.finished:
                stream.finished[record.id] = record
            case SessionEnd():
                stream.session = record
            case RouteCheck() if stream.routes is None:
                stream.routes = record
            case _:
                stream.unreadable_lines += 1
    return stream


def merge_streams(streams: list[Stream]) -> Stream:
    """The streams of a check split into shares, as one: what every share said, together.

    Every share collects every spec. One that never finished collecting leaves the whole check
    without a collection, so that the specs it would have run are reported as never run rather
    than silently missing from the Report.
    """
    collections = [stream.collected for stream in streams]
    sessions = [stream.session for stream in streams if stream.session is not None]
    return Stream(
        collected=collections[0] if all(found is not None for found in collections) else None,
        started=[spec_id for stream in streams for spec_id in stream.started],
        finished={
            spec_id: record for stream in streams for spec_id, record in stream.finished.items()
        },
        session=SessionEnd(
            exitstatus=max(session.exitstatus for session in sessions),
            integrity=sorted({finding for session in sessions for finding in session.integrity}),
        )
        if sessions
        else None,
        routes=next((stream.routes for stream in streams if stream.routes is not None), None),
        unreadable_lines=sum(stream.unreadable_lines for stream in streams),
        truncated=any(stream.truncated for stream in streams),
    )
