"""Chat rooms over WebSockets, and a plain HTTP route to see who is in a room."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import (
    Depends,
    FastAPI,
    Query,
    WebSocket,
    WebSocketDisconnect,
    status,
)
from fastapi.requests import HTTPConnection
from pydantic import ValidationError

from app import schemas
from app.rooms import Rooms


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.rooms = Rooms()
    yield


app = FastAPI(title="Chat", lifespan=lifespan)


def get_rooms(connection: HTTPConnection) -> Rooms:
    """The app's rooms, for HTTP requests and WebSocket connections alike."""
    return connection.app.state.rooms


RoomsDep = Annotated[Rooms, Depends(get_rooms)]


def describe(exc: ValidationError) -> str:
    """One line a chat client can show: where the frame is wrong and why."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "frame"
    return f"{where}: {first['msg']}"


@app.get("/rooms/{room}")
async def read_room(room: str, rooms: RoomsDep) -> dict[str, Any]:
    return {"room": room, "members": rooms.members(room)}


@app.websocket("/ws/{room}")
async def chat(
    websocket: WebSocket,
    room: str,
    name: Annotated[str, Query(pattern=schemas.NAME_PATTERN)],
    rooms: RoomsDep,
) -> None:
    """One member's connection, from the handshake to the disconnect.

    The name is reserved before the handshake completes, so two connections racing for the
    same name cannot both be accepted; the finally block gives it back however the
    connection ends.
    """
    if not rooms.reserve(room, name, websocket):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="name taken")
        return
    try:
        await websocket.accept()
        await websocket.send_json(schemas.welcome(room, rooms.members(room)))
        await rooms.broadcast(room, schemas.joined(name), exclude=name)
        while True:
            raw = await websocket.receive_text()
            try:
                message = schemas.ChatMessage.model_validate_json(raw)
            except ValidationError as exc:
                await websocket.send_json(schemas.error(describe(exc)))
                continue
            await rooms.broadcast(room, schemas.said(name, message.text))
    except WebSocketDisconnect:
        pass
    finally:
        rooms.remove(room, name)
