"""Every failure leaves the API in one shape, the error envelope:

    {"error": {"code": "...", "message": "...", "details": ...}}

Domain errors, HTTPExceptions (Starlette's, so unknown routes and wrong methods too), request
validation errors and unexpected crashes each get a handler that builds it.
"""

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class DomainError(Exception):
    """A broken banking rule; subclasses say which HTTP status and error code it becomes."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    code: str = "domain_error"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class AccountNotFound(DomainError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "account_not_found"

    def __init__(self, account_id: str) -> None:
        super().__init__(f"account {account_id} does not exist", {"account_id": account_id})


class InsufficientFunds(DomainError):
    status_code = status.HTTP_409_CONFLICT
    code = "insufficient_funds"

    def __init__(self, account_id: str, balance_cents: int, requested_cents: int) -> None:
        super().__init__(
            f"account {account_id} has {balance_cents} cents, {requested_cents} requested",
            {
                "account_id": account_id,
                "balance_cents": balance_cents,
                "requested_cents": requested_cents,
            },
        )


def error_response(
    status_code: int,
    code: str,
    message: str,
    details: Any = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The envelope; every handler below answers through this one function."""
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status_code, headers=headers)


def http_error_code(status_code: int) -> str:
    """404 -> "not_found", 405 -> "method_not_allowed"; "http_error" for unknown statuses."""
    try:
        return HTTPStatus(status_code).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "http_error"


async def handle_domain_error(_request: Request, exc: DomainError) -> JSONResponse:
    return error_response(exc.status_code, exc.code, exc.message, exc.details)


async def handle_http_exception(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Starlette's HTTPException is the base of FastAPI's, and the router raises it for 404/405.

    Its headers (Allow on a 405, WWW-Authenticate on a 401) are part of the answer: keep them.
    """
    return error_response(
        exc.status_code, http_error_code(exc.status_code), str(exc.detail), headers=exc.headers
    )


async def handle_validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with pydantic's own list of problems, which clients already know how to read."""
    details = jsonable_encoder(exc.errors())
    return error_response(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        "validation_error",
        "the request is not valid",
        details,
    )


async def handle_unexpected_error(_request: Request, _exc: Exception) -> JSONResponse:
    """A bug or an outage: say nothing about it to the client.

    Starlette re-raises the exception after this response is sent, so the server still logs
    the full traceback where operators can read it.
    """
    return error_response(
        status.HTTP_500_INTERNAL_SERVER_ERROR,
        "internal_error",
        "an unexpected error occurred",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, handle_domain_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_unexpected_error)
