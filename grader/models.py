"""The data that flows between the grader's stages, as pydantic models.

``KataConfig`` is what a kata's ``kata.toml`` may say; ``SpecInfo`` is one spec as collected from
the kata's specs; ``Report`` is the outcome of one grading run and the only thing renderers read.
"""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, StringConstraints, model_validator

KataId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    """Reject unknown keys: a typo in a kata file must be an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Difficulty(StrEnum):
    junior = "junior"
    mid = "mid"
    senior = "senior"


class KataConfig(_Strict):
    """The contents of a kata's ``kata.toml``."""

    id: KataId
    title: NonEmptyText
    summary: NonEmptyText
    difficulty: Difficulty
    topics: Annotated[list[NonEmptyText], Field(min_length=1)]
    minutes: PositiveInt
    app: Annotated[
        str,
        StringConstraints(pattern=r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*:[A-Za-z_][\w]*$"),
        Field(description="module:attribute of the learner's FastAPI app, e.g. app.main:app"),
    ] = "app.main:app"
    requirements: list[NonEmptyText] = []
    routes: list[
        Annotated[
            str,
            StringConstraints(pattern=r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|WEBSOCKET) /\S*$"),
        ]
    ] = Field(default=[], description='routes the app must have, e.g. "POST /token"')
    env: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")], str] = Field(
        {}, description="environment variables the learner's app and the specs both see"
    )
    timeout: Annotated[int, Field(gt=0, le=3600)] = 60
    grading: Literal["specs", "tests"] = Field(
        "specs",
        description="specs: hidden specs grade the learner's app; tests: the learner writes "
        "tests, graded against the kata's correct app and its hidden faults",
    )

    @model_validator(mode="after")
    def _routes_need_specs(self) -> "KataConfig":
        # A test-writing kata serves its own app, whose routes are known; the route check is
        # for a learner's app.
        if self.grading == "tests" and self.routes:
            raise ValueError('routes does not apply to grading = "tests"; remove it')
        return self


class NearMissConfig(_Strict):
    """The contents of a near-miss's ``near-miss.toml``."""

    mistake: NonEmptyText
    caught_by: Annotated[list[NonEmptyText], Field(min_length=1)]


class Visibility(StrEnum):
    """Who may see a spec's details: everyone, or only the reviewers (never the candidate)."""

    visible = "visible"
    hidden = "hidden"


class FaultConfig(_Strict):
    """The contents of a fault's ``fault.toml``: one hidden wrong version of a test-writing
    kata's app, which the learner's tests must catch."""

    title: NonEmptyText = Field(description="what is wrong, shown as 'catches: <title>'")
    points: PositiveInt = 1
    hint: NonEmptyText | Annotated[list[NonEmptyText], Field(min_length=1)] = Field(
        description="what to test, shown when the learner's tests miss this fault; a list gives "
        "staged hints, from a nudge to nearly the answer"
    )
    visibility: Visibility = Visibility.visible

    @property
    def hints(self) -> list[str]:
        return [self.hint] if isinstance(self.hint, str) else list(self.hint)


class SpecInfo(_Strict):
    """One spec as the kata declares it: identity and metadata, never its code."""

    id: str = Field(description="pytest node id relative to the kata's specs/ folder")
    title: str
    points: int = Field(ge=0)
    hints: list[str] = []
    baseline: bool = False
    visibility: Visibility = Visibility.visible


class SpecStatus(StrEnum):
    passed = "passed"
    failed = "failed"
    error = "error"
    timeout = "timeout"
    skipped = "skipped"
    not_run = "not_run"


class RunEnd(StrEnum):
    """Why the sandboxed run stopped."""

    finished = "finished"
    timed_out = "timed_out"
    out_of_memory = "out_of_memory"
    killed = "killed"


class ReportStatus(StrEnum):
    passed = "passed"  # every spec passed
    failed = "failed"  # graded; some spec did not pass, or an integrity finding
    error = "error"  # the grader could not run the specs
    rejected = "rejected"  # the submission could not be taken in (a broken archive, links out)


class Limits(_Strict):
    """Resource limits for one run; every sandbox backend enforces all of them."""

    wall_seconds: float = Field(60, gt=0)
    cpu_seconds: int = Field(120, gt=0)
    cpus: float = Field(2.0, gt=0, description="cores a container may use at once (docker)")
    memory_mb: int = Field(2048, gt=0)
    processes: int = Field(256, gt=0, description="processes and threads beyond those running")
    file_size_mb: int = Field(64, gt=0)
    open_files: int = Field(1024, gt=0)
    output_kb: int = Field(256, gt=0, description="captured output kept per run")


class SpecResult(BaseModel):
    id: str
    title: str
    status: SpecStatus
    points: int
    max_points: int
    duration: float = 0.0
    message: str = ""
    hint: str = ""
    output: str = ""
    visibility: Visibility = Visibility.visible


class KataRef(BaseModel):
    id: str
    version: str = Field(description="content hash of the kata's files")


class SubmissionRef(BaseModel):
    name: str
    content_hash: str
    files: int
    bytes: int


class SandboxRef(BaseModel):
    backend: str
    mode: Literal["inprocess", "blackbox"]
    limits: Limits
    image: str | None = Field(None, description="the docker image's id, for docker runs")


class Report(BaseModel):
    """The outcome of grading one submission against one kata."""

    schema_version: Literal[1] = 1
    kata: KataRef
    submission: SubmissionRef
    sandbox: SandboxRef
    started_at: datetime
    duration: float
    run_end: RunEnd
    status: ReportStatus
    score: int
    max_score: int
    specs: list[SpecResult]
    integrity: list[str] = Field(default=[], description="signs of tampering; any one scores 0")
    errors: list[str] = Field(default=[], description="infrastructure errors")
    blocked_by: str = Field(
        "", description="the one failure (the app would not load) that stopped every spec"
    )
    routes: list[str] = Field(
        default=[], description="routes the kata expects that the app lacks, with what is close"
    )
    hints_used: dict[str, int] = Field(
        default={}, description="per spec id, how many of its hints the learner has revealed"
    )
    output: str = Field("", description="output of the run outside any spec, trimmed")

    @property
    def passed(self) -> list[SpecResult]:
        return [spec for spec in self.specs if spec.status is SpecStatus.passed]


class WorkspaceMarker(_Strict):
    """The ``.kata.toml`` that ``kata new`` leaves in a learner's workspace."""

    kata: KataId
    kata_version: str
    grader_version: str
    catalog: str | None = Field(None, description="folder of a non-built-in catalog")


class SimilarPair(BaseModel):
    """Two submissions whose own code (the stub's subtracted) is suspiciously alike."""

    first: str = Field(description="candidate name")
    second: str = Field(description="candidate name")
    score: float = Field(ge=0, le=1, description="share of their own code that is alike")
    fragments: list[str] = Field(default=[], description="shared code, as the first one wrote it")
