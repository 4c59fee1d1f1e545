"""Request and response bodies."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["draft", "published"]
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class ArticleCreate(BaseModel):
    slug: str = Field(min_length=1, max_length=100, pattern=SLUG_PATTERN)
    title: str = Field(min_length=1, max_length=200)
    body: str = ""
    author: str = Field(min_length=1, max_length=100)
    status: Status = "draft"


class ArticleUpdate(BaseModel):
    """Every field optional: PATCH changes only what the client sends."""

    slug: str | None = Field(default=None, min_length=1, max_length=100, pattern=SLUG_PATTERN)
    title: str | None = Field(default=None, min_length=1, max_length=200)
    body: str | None = None
    author: str | None = Field(default=None, min_length=1, max_length=100)
    status: Status | None = None


class ArticleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    title: str
    body: str
    author: str
    status: Status
    created_at: datetime


class ArticlePage(BaseModel):
    """One page of a filtered list; `total` counts every match, not just this page."""

    items: list[ArticleOut]
    total: int
    limit: int
    offset: int


class ArticleBatch(BaseModel):
    articles: list[ArticleCreate] = Field(min_length=1, max_length=100)
