"""Leaving: the others are told, and the member is gone from the room."""

import pytest
from chat_helpers import expect, member, said, say


@pytest.mark.points(2)
@pytest.mark.hint(
    "Catch WebSocketDisconnect around the receive loop; then remove the member from its room "
    'and send {"type": "leave", "name": <name>} to those still there.',
    "Do the clean-up in a finally block, so it runs however the connection ends.",
)
def test_leave_is_announced(client):
    """When a member disconnects, the others get a leave notice"""
    with member(client, "lobby", "alice") as alice, member(client, "lobby", "bob") as bob:
        expect(alice, "alice", {"type": "join", "name": "bob"}, "bob joined after alice")
        bob.close()
        say(alice, "bye bob")
        expect(alice, "alice", {"type": "leave", "name": "bob"}, "bob disconnected")
        expect(alice, "alice", said("alice", "bye bob"), "alice spoke after bob left")


@pytest.mark.points(2)
@pytest.mark.hint(
    "Remove the member from its room when it disconnects: it is no longer listed, its name "
    "is free again, and broadcasts no longer try to reach it.",
)
def test_leaver_is_gone(client):
    """After a member leaves, it is no longer listed and its name can join again"""
    with member(client, "lobby", "alice") as alice:
        with member(client, "lobby", "bob") as bob:
            expect(alice, "alice", {"type": "join", "name": "bob"}, "bob joined after alice")
            bob.close()
            say(alice, "bye bob")
            expect(alice, "alice", {"type": "leave", "name": "bob"}, "bob disconnected")
            expect(alice, "alice", said("alice", "bye bob"), "alice spoke after bob left")
        r = client.get("/rooms/lobby")
        expected = {"room": "lobby", "members": ["alice"]}
        assert r.status_code == 200 and r.json() == expected, (
            f"after bob left, expected GET /rooms/lobby to answer {expected}, "
            f"got {r.status_code}: {r.text}"
        )
        with member(client, "lobby", "bob") as bob:
            expect(alice, "alice", {"type": "join", "name": "bob"}, "bob joined again")
            say(bob, "back")
            expect(bob, "bob", said("bob", "back"), "bob is back in the lobby")
            expect(alice, "alice", said("bob", "back"), "bob spoke in alice's room")
