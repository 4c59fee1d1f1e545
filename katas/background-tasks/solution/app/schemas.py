"""What clients send and what they get back."""

import re
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator

ADDRESS = re.compile(r"[^@\s]+@[^@\s]+")


class JobStatus(StrEnum):
    pending = "pending"
    done = "done"
    failed = "failed"


class JobRequest(BaseModel):
    """One e-mail, to be sent to every recipient in turn."""

    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=10_000)
    recipients: list[str] = Field(min_length=1, max_length=20)

    @field_validator("recipients")
    @classmethod
    def recipients_are_addresses(cls, recipients: list[str]) -> list[str]:
        """Refuse anything that cannot be an address now, rather than fail the job later."""
        for recipient in recipients:
            if not ADDRESS.fullmatch(recipient):
                raise ValueError(f"{recipient!r} is not an e-mail address")
        return recipients


class JobAccepted(BaseModel):
    """The 202 body: the job exists, nothing has been sent yet."""

    id: str
    status: JobStatus


class JobView(BaseModel):
    id: str
    status: JobStatus
    sent: int
    error: str | None
