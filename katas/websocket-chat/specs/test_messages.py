"""Messages: to the whole room and only the room; bad frames get an error and nothing else."""

import pytest
from chat_helpers import expect, member, receive, said, say


@pytest.mark.points(2)
@pytest.mark.hint(
    'A member sends {"type": "message", "text": "..."}; send '
    '{"type": "message", "name": <sender>, "text": "..."} to every member of the room, the '
    "sender included.",
)
def test_message_reaches_the_whole_room(client):
    """A message goes to every member of the room, the sender included"""
    with (
        member(client, "lobby", "alice") as alice,
        member(client, "lobby", "bob") as bob,
        member(client, "lobby", "carol") as carol,
    ):
        expect(alice, "alice", {"type": "join", "name": "bob"}, "bob joined after alice")
        expect(alice, "alice", {"type": "join", "name": "carol"}, "carol joined after bob")
        expect(bob, "bob", {"type": "join", "name": "carol"}, "carol joined after bob")
        say(alice, "hi all")
        for ws, who in ((alice, "alice"), (bob, "bob"), (carol, "carol")):
            expect(ws, who, said("alice", "hi all"), "alice spoke in the lobby")


@pytest.mark.points(3)
@pytest.mark.hint(
    "Keep members per room and send each frame only to the members of the room it belongs "
    "to: joins, messages and leaves alike.",
)
def test_other_rooms_hear_nothing(client):
    """A member of another room hears neither the joins nor the messages of this one"""
    with member(client, "lobby", "alice") as alice, member(client, "garden", "carol") as carol:
        say(carol, "psst")
        expect(carol, "carol", said("carol", "psst"), "carol spoke in the garden")
        say(alice, "anyone?")
        expect(
            alice,
            "alice",
            said("alice", "anyone?"),
            "carol joined and spoke in another room, so the next frame alice hears is her own "
            "message",
        )


BAD_FRAMES = {
    "not-json": "hello there",
    "not-an-object": '["message", "hi"]',
    "unknown-type": '{"type": "shout", "text": "HI"}',
    "no-text": '{"type": "message"}',
    "empty-text": '{"type": "message", "text": ""}',
    "text-not-a-string": '{"type": "message", "text": 42}',
    "text-too-long": '{"type": "message", "text": "' + "x" * 501 + '"}',
}


@pytest.mark.parametrize("frame", BAD_FRAMES.values(), ids=BAD_FRAMES.keys())
@pytest.mark.hint(
    "Validate each frame (e.g. a Pydantic model and model_validate_json) and answer a bad "
    'one with {"type": "error", "detail": "<what is wrong>"} to the sender only.',
    "Catch the validation error inside the receive loop: the connection stays open, and the "
    "room hears nothing of it.",
)
def test_bad_frame_gets_an_error(client, frame):
    """A bad frame gets an error frame; the connection stays open and the room hears nothing"""
    with member(client, "lobby", "alice") as alice, member(client, "lobby", "bob") as bob:
        expect(alice, "alice", {"type": "join", "name": "bob"}, "bob joined after alice")
        alice.send_text(frame)
        reply = receive(alice, "alice")
        assert (
            isinstance(reply, dict)
            and reply.get("type") == "error"
            and isinstance(reply.get("detail"), str)
            and reply["detail"]
        ), (
            f'expected {{"type": "error", "detail": "<why>"}} in reply to {frame[:60]!r}, '
            f"got {reply}"
        )
        say(alice, "sorry")
        expect(alice, "alice", said("alice", "sorry"), "alice's connection stays open")
        expect(
            bob,
            "bob",
            said("alice", "sorry"),
            "alice's bad frame concerned only alice, so the next frame bob hears is her next "
            "message",
        )
