"""Harness of the error-handling kata: makes the app fail in a way no client can cause.

The app reads its ledger from ``app.state.ledger`` on every request. ``break_ledger`` swaps it
for one whose every use raises an exception full of things a client must never see, so the
specs can check what an unexpected crash looks like from outside.
"""

from typing import Any, NoReturn

from grader.harness import HarnessError

LEAKY_MESSAGE = (
    "ledger replica db-7.internal refused the query: password=swordfish "
    "(see /srv/bank/app/ledger.py, line 42)"
)


class BrokenLedger:
    """Raises on any attribute, whatever the app tries to do with it."""

    def __getattr__(self, name: str) -> NoReturn:
        raise RuntimeError(LEAKY_MESSAGE)


def break_ledger(app: Any) -> str:
    """Make every later use of the ledger raise a RuntimeError; returns its message."""
    if getattr(app.state, "ledger", None) is None:
        raise HarnessError(
            "the app keeps no ledger at app.state.ledger: keep the lifespan of the starting "
            "project, which puts it there"
        )
    app.state.ledger = BrokenLedger()
    return LEAKY_MESSAGE
