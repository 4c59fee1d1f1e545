"""Harness of the background-tasks kata: reads what the app's mailer has delivered.

The app keeps one `Mailer` at `app.state.mailer` (its lifespan creates it); every e-mail a job
sends ends up in its `outbox`. A client cannot see e-mails, so the specs ask here. The harness
can also make that mailer fail in a way the given one never does (a dropped connection), so that
a spec can check that every ending of a job is recorded.
"""

from typing import Any

from grader.harness import HarnessError


def outbox(app: Any) -> list[dict[str, str]]:
    """Every e-mail delivered so far, oldest first, as {"to", "subject", "body"}."""
    mailer = getattr(app.state, "mailer", None)
    if mailer is None or not hasattr(mailer, "outbox"):
        raise HarnessError(
            "the running app has no Mailer at app.state.mailer: keep the lifespan line that "
            "creates it, and send every e-mail through it"
        )
    return [
        {"to": email.to, "subject": email.subject, "body": email.body}
        for email in list(mailer.outbox)
    ]


def drop_connection_to(app: Any, address: str) -> None:
    """From now on, sending to `address` fails as if the connection to the mail server dropped.

    The app's mailer then raises ConnectionError (not DeliveryError) for that one recipient, and
    sends every other e-mail as before.
    """
    mailer = getattr(app.state, "mailer", None)
    if mailer is None or not hasattr(mailer, "send"):
        raise HarnessError(
            "the running app has no Mailer at app.state.mailer: keep the lifespan line that "
            "creates it, and send every e-mail through it"
        )
    send = mailer.send

    async def send_or_drop(to: str, subject: str, body: str) -> None:
        if to == address:
            raise ConnectionError(f"connection to the mail server lost while sending to {to}")
        await send(to, subject, body)

    mailer.send = send_or_drop
