"""Errors of the bank API, and (to do) the handlers that give every failure one shape.

TODO: every error response must be this envelope, and nothing else:

    {"error": {"code": "...", "message": "...", "details": ...}}

  - DomainError subclasses: AccountNotFound -> 404 "account_not_found",
    InsufficientFunds -> 409 "insufficient_funds"; message and details from the exception.
  - HTTPException, including the ones the router raises itself for an unknown path (404) or a
    wrong method (405): its status, a code from the status ("not_found", "method_not_allowed",
    "forbidden"...), its detail as the message, details null, and its headers kept.
  - Request validation errors: 422 "validation_error", details a list of
    {"field": "body.amount_cents", "message": "..."}.
  - Anything else: 500 "internal_error" with a generic message and details null; never the
    exception's text, type, traceback or a file path.
"""

from typing import Any

from fastapi import FastAPI


class DomainError(Exception):
    """A broken banking rule: what happened, in words and as data for the client."""

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class AccountNotFound(DomainError):
    def __init__(self, account_id: str) -> None:
        super().__init__(f"account {account_id} does not exist", {"account_id": account_id})


class InsufficientFunds(DomainError):
    def __init__(self, account_id: str, balance_cents: int, requested_cents: int) -> None:
        super().__init__(
            f"account {account_id} has {balance_cents} cents, {requested_cents} requested",
            {
                "account_id": account_id,
                "balance_cents": balance_cents,
                "requested_cents": requested_cents,
            },
        )


def install_error_handlers(app: FastAPI) -> None:
    """Register the exception handlers on the app; main.py already calls this.

    TODO: one handler per kind of failure listed at the top of this module.
    """
