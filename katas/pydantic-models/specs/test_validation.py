"""What the models refuse: weak or unconfirmed passwords, bad emails, bad nested values."""

from collections.abc import Callable
from typing import Any

import pytest

Payload = Callable[..., dict[str, Any]]


@pytest.mark.points(2)
@pytest.mark.hint(
    'Comparing two fields is a job for a model_validator (mode="after") that raises ValueError '
    'when password and password_confirm differ; put "do not match" in its message.'
)
def test_password_confirmation_must_match(payload: Payload, expect_422: Any) -> None:
    """A password confirmation that differs gets a 422 saying the passwords do not match"""
    body = payload(password="correct-horse-42", password_confirm="correct-horse-43")
    answer = expect_422(body, None, "a password confirmation that differs")
    messages = [str(e.get("msg", "")) for e in answer["detail"] if isinstance(e, dict)]
    assert any("do not match" in m.lower() for m in messages), (
        f'expected an error whose msg says the passwords "do not match", got {answer}'
    )


@pytest.mark.hint(
    "A password needs at least 8 characters, at least one letter and at least one digit; a "
    "field_validator on password raises ValueError otherwise (Field(min_length=8) covers the "
    "length).",
)
def test_weak_password_is_422(payload: Payload, expect_422: Any) -> None:
    """A password that is too short or lacks a letter or a digit gets a 422 pointing at password"""
    for weak in ["short12", "passwordonly", "1234567890"]:
        body = payload(password=weak, password_confirm=weak)
        expect_422(body, ["body", "password"], f"the password {weak!r}")


@pytest.mark.hint(
    "After stripping and lower-casing, an email must be something@something.something with "
    "exactly one @ and no spaces; raise ValueError in the email validator otherwise."
)
def test_invalid_email_is_422(payload: Payload, expect_422: Any) -> None:
    """An email that is not name@domain.tld gets a 422 pointing at email"""
    for email in ["ada.example.com", "ada@@example.com", "@example.com", "ada@example", "a b@x.io"]:
        expect_422(payload(email=email), ["body", "email"], f"the email {email!r}")


@pytest.mark.points(2)
@pytest.mark.hint(
    "Nested models validate themselves: give Address and Phone their own fields and rules and "
    'FastAPI reports an error with the full path, e.g. loc ["body", "phones", 1, "number"].',
    "Address: street, city and postcode required; country two letters. Phone: kind one of "
    '"mobile", "home", "work" (a Literal); number an optional + and 6 to 15 digits once spaces '
    "and hyphens are gone.",
)
def test_nested_errors_point_inside(payload: Payload, expect_422: Any) -> None:
    """Bad values inside the address or a phone get a 422 pointing at that nested field"""
    body = payload()
    del body["address"]["city"]
    expect_422(body, ["body", "address", "city"], "an address without a city")

    body = payload()
    body["address"]["country"] = "GBR"
    expect_422(body, ["body", "address", "country"], 'the country "GBR"')

    body = payload()
    body["phones"][1]["number"] = "call me"
    expect_422(body, ["body", "phones", 1, "number"], 'a second phone number "call me"')

    body = payload()
    body["phones"][0]["number"] = "12345"
    expect_422(body, ["body", "phones", 0, "number"], 'the phone number "12345" (5 digits)')

    body = payload()
    body["phones"][0]["kind"] = "fax"
    expect_422(body, ["body", "phones", 0, "kind"], 'the phone kind "fax"')


@pytest.mark.hint(
    'street, city and postcode must not be empty: "" is refused with a 422 at its path (e.g. '
    'loc ["body", "address", "street"]), while a single character is accepted.',
    "Field(min_length=1) on each of the three address fields does it.",
)
def test_address_fields_must_not_be_empty(payload: Payload, sign_up: Any, expect_422: Any) -> None:
    """An empty street, city or postcode gets a 422 pointing at it; one character is accepted"""
    for field in ["street", "city", "postcode"]:
        body = payload()
        body["address"][field] = ""
        expect_422(body, ["body", "address", field], f'an address with {field} ""')

    body = payload()
    body["address"].update(street="1", city="X", postcode="Z")
    address = sign_up(body).get("address")
    assert address == body["address"], (
        f"expected the one-character address {body['address']} back, got {address}"
    )
