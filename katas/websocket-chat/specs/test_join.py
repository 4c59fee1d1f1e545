"""Joining a room: a welcome for the newcomer, a notice for the others, names that are valid."""

import pytest
from chat_helpers import expect, member, path, receive, refused, said, say


@pytest.mark.points(2)
@pytest.mark.hint(
    "Accept the connection, add the member to its room, then send it "
    '{"type": "welcome", "room": <room>, "members": [...]}.',
    "members lists everyone in the room in the order they joined, the newcomer last.",
)
def test_welcome_lists_the_members(client):
    """A newcomer is welcomed with the room's members, in the order they joined"""
    with client.websocket_connect(path("lobby", "alice")) as alice:
        frame = receive(alice, "alice")
        expected = {"type": "welcome", "room": "lobby", "members": ["alice"]}
        assert frame == expected, f"expected alice's first frame to be {expected}, got {frame}"
        with client.websocket_connect(path("lobby", "bob")) as bob:
            frame = receive(bob, "bob")
            expected = {"type": "welcome", "room": "lobby", "members": ["alice", "bob"]}
            assert frame == expected, f"expected bob's first frame to be {expected}, got {frame}"


@pytest.mark.points(2)
@pytest.mark.hint(
    'When a member joins, send {"type": "join", "name": <name>} to every other member of the '
    "room, not to the newcomer (it has its welcome).",
)
def test_others_are_told_of_a_join(client):
    """The room's other members get a join notice; the newcomer does not"""
    with member(client, "lobby", "alice") as alice, member(client, "lobby", "bob") as bob:
        expect(alice, "alice", {"type": "join", "name": "bob"}, "bob joined alice's room")
        say(bob, "hello")
        expect(
            bob,
            "bob",
            said("bob", "hello"),
            "bob's own join is not news to bob, so the next frame bob hears is its own message",
        )
        expect(alice, "alice", said("bob", "hello"), "bob spoke in alice's room")


@pytest.mark.hint(
    'GET /rooms/{room} answers {"room": <room>, "members": [...]}: the connected members in '
    "join order, an empty list for a room nobody is in.",
)
def test_room_listing(client):
    """GET /rooms/{room} lists the connected members in join order"""
    with member(client, "lobby", "alice"), member(client, "lobby", "bob"):
        r = client.get("/rooms/lobby")
        expected = {"room": "lobby", "members": ["alice", "bob"]}
        assert r.status_code == 200 and r.json() == expected, (
            f"expected 200 {expected} from GET /rooms/lobby, got {r.status_code}: {r.text}"
        )
        r = client.get("/rooms/attic")
        expected = {"room": "attic", "members": []}
        assert r.status_code == 200 and r.json() == expected, (
            f"expected 200 {expected} from GET /rooms/attic, got {r.status_code}: {r.text}"
        )


BAD_NAMES = {
    "missing": "/ws/lobby",
    "empty": "/ws/lobby?name=",
    "space": "/ws/lobby?name=al%20ice",
    "too-long": "/ws/lobby?name=" + "a" * 21,
}


@pytest.mark.parametrize("target", BAD_NAMES.values(), ids=BAD_NAMES.keys())
@pytest.mark.hint(
    "The name query parameter is required: 1 to 20 letters, digits, - or _. Declare it with "
    "Query(pattern=...) and FastAPI refuses the connection before accepting it.",
)
def test_bad_name_is_refused(client, target):
    """A connection without a valid name is refused"""
    with member(client, "lobby", "alice") as alice:
        assert refused(client, target), f"expected the app to refuse {target}, it accepted it"
        say(alice, "still here")
        expect(alice, "alice", said("alice", "still here"), "nobody else joined")


@pytest.mark.points(2)
@pytest.mark.hint(
    "A name is unique within a room: refuse a second alice in the lobby by closing the "
    "connection before accepting it (websocket.close(code=1008)).",
    "The same name in another room is fine. Take the name before you await the handshake, so "
    "that two connections cannot both get it.",
)
def test_duplicate_name_is_refused(client):
    """A name already in the room is refused; the same name in another room is welcome"""
    with member(client, "lobby", "alice") as alice:
        assert refused(client, path("lobby", "alice")), (
            "expected a second alice in the lobby to be refused, the app accepted it"
        )
        with member(client, "garden", "alice"):
            r = client.get("/rooms/lobby")
            assert r.status_code == 200 and r.json().get("members") == ["alice"], (
                f"expected the lobby to hold just the first alice, got {r.status_code}: {r.text}"
            )
        say(alice, "still me")
        expect(alice, "alice", said("alice", "still me"), "the first alice is still connected")
