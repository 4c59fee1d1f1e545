"""Harness of the background-tasks kata: reads what the app's mailer has delivered.

The app keeps one `Mailer` at `app.state.mailer` (its lifespan creates it); every e-mail a job
sends ends up in its `outbox`. A client cannot see e-mails, so the specs ask here.
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
