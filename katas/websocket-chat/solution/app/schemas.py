"""The frames a member sends, validated; and the frames the server sends, as plain dicts."""

from typing import Any, Literal

from pydantic import BaseModel, Field

NAME_PATTERN = r"^[A-Za-z0-9_-]{1,20}$"


class ChatMessage(BaseModel):
    """The one frame a member may send: {"type": "message", "text": "..."}."""

    type: Literal["message"]
    text: str = Field(min_length=1, max_length=500)


def welcome(room: str, members: list[str]) -> dict[str, Any]:
    return {"type": "welcome", "room": room, "members": members}


def joined(name: str) -> dict[str, Any]:
    return {"type": "join", "name": name}


def left(name: str) -> dict[str, Any]:
    return {"type": "leave", "name": name}


def said(name: str, text: str) -> dict[str, Any]:
    return {"type": "message", "name": name, "text": text}


def error(detail: str) -> dict[str, Any]:
    return {"type": "error", "detail": detail}
