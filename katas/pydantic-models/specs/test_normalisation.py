"""What the models tidy up on the way in: email, name, country and phone numbers."""

from collections.abc import Callable
from typing import Any

import pytest

Payload = Callable[..., dict[str, Any]]
SignUp = Callable[[dict[str, Any]], dict[str, Any]]


@pytest.mark.hint(
    "A field_validator on email can clean the value before it is checked and stored: strip the "
    "spaces around it and lower-case it, then return the cleaned value."
)
def test_email_is_stripped_and_lower_cased(payload: Payload, sign_up: SignUp) -> None:
    """The email is stored and returned stripped and lower-cased"""
    created = sign_up(payload(email="  Ada.Lovelace@Example.COM \t"))
    assert created.get("email") == "ada.lovelace@example.com", (
        f'expected "ada.lovelace@example.com" for "  Ada.Lovelace@Example.COM \\t", '
        f"got {created.get('email')!r}"
    )


@pytest.mark.hint(
    "Tidy full_name: no spaces at either end and every run of spaces, tabs or newlines inside "
    'replaced by a single space. Keep the letter case as sent: "  ada   LOVELACE " is '
    '"ada LOVELACE".'
)
def test_full_name_whitespace_is_tidied(payload: Payload, sign_up: SignUp) -> None:
    """The full name is trimmed and its inner whitespace collapsed, its letter case kept"""
    for sent, kept in [
        ("  Ada    Lovelace  ", "Ada Lovelace"),
        ("ada\t\nLOVELACE", "ada LOVELACE"),
    ]:
        created = sign_up(payload(full_name=sent))
        assert created.get("full_name") == kept, (
            f"expected {kept!r} for the full name {sent!r}, got {created.get('full_name')!r}"
        )


@pytest.mark.hint(
    "Check the length after tidying, not before: a name of only spaces tidies to an empty "
    'string and must be refused. A validator with mode="before" runs before Field\'s '
    "min_length; an ordinary (after) one runs after it.",
)
def test_blank_full_name_is_422(payload: Payload, expect_422: Any) -> None:
    """A full name of only whitespace gets a 422 pointing at full_name"""
    expect_422(payload(full_name="   "), ["body", "full_name"], 'the full name "   "')
    expect_422(payload(full_name=""), ["body", "full_name"], 'the full name ""')


@pytest.mark.hint(
    'The country is two letters stored in capitals ("fr" is "FR"); a phone number loses its '
    "spaces and hyphens. Both are field validators that return the cleaned value."
)
def test_country_and_phone_numbers_are_normalised(payload: Payload, sign_up: SignUp) -> None:
    """The country is upper-cased and phone numbers lose their spaces and hyphens"""
    body = payload(phones=[{"kind": "work", "number": "+44 20-7946-0000"}])
    body["address"]["country"] = "fr"
    created = sign_up(body)
    country = (created.get("address") or {}).get("country")
    assert country == "FR", f'expected the country "fr" to come back as "FR", got {country!r}'
    expected = [{"kind": "work", "number": "+442079460000"}]
    assert created.get("phones") == expected, (
        f'expected "+44 20-7946-0000" to come back as {expected}, got {created.get("phones")}'
    )


@pytest.mark.hint(
    "full_name is 1 to 100 characters once tidied: Field(min_length=1, max_length=100) on the "
    'field, with the tidying in a mode="before" validator so the limits apply to the tidy value.',
)
def test_full_name_length_bounds(payload: Payload, sign_up: SignUp, expect_422: Any) -> None:
    """A full name of 1 or 100 characters is accepted; 101 characters get a 422"""
    for sent, kept in [
        ("A", "A"),
        ("B" * 100, "B" * 100),
        ("  " + "C" * 100 + "\t", "C" * 100),
    ]:
        created = sign_up(payload(full_name=sent))
        assert created.get("full_name") == kept, (
            f"expected the full name {sent!r} ({len(kept)} characters once tidied) to be kept "
            f"as {kept!r}, got {created.get('full_name')!r}"
        )
    expect_422(payload(full_name="D" * 101), ["body", "full_name"], "a full name of 101 characters")
