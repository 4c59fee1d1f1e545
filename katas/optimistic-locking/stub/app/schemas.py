"""Request and response bodies."""

from pydantic import BaseModel, ConfigDict, Field


class DocumentIn(BaseModel):
    """A whole document: the body of POST and PUT."""

    title: str = Field(min_length=1, max_length=200)
    body: str = ""


class DocumentPatch(BaseModel):
    """Any part of a document: PATCH changes only what the client sends."""

    title: str | None = Field(default=None, min_length=1, max_length=200)
    body: str | None = None


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    body: str
    version: int
