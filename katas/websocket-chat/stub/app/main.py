"""Chat rooms over WebSockets, and a plain HTTP route to see who is in a room."""

from fastapi import FastAPI

app = FastAPI(title="Chat")

# TODO: WebSocket /ws/{room}?name=<name>
#   - name: 1 to 20 letters, digits, - or _; refuse a bad name, or a name already in the room,
#     before accepting the connection.
#   - On joining: {"type": "welcome", "room": ..., "members": [...]} to the newcomer,
#     {"type": "join", "name": ...} to the others in the room.
#   - {"type": "message", "text": ...} from a member: {"type": "message", "name": ..., "text": ...}
#     to everyone in the room, the sender included; a bad frame gets
#     {"type": "error", "detail": ...} back, and the connection stays open.
#   - On disconnect: remove the member, then {"type": "leave", "name": ...} to the others.
# TODO: GET /rooms/{room}: {"room": ..., "members": [...]} in join order.
