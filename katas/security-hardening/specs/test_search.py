"""GET /users/search: finds what was typed, and nothing an attacker asks for."""

from typing import Any

import pytest
from conftest import SEEDED, expect_users, search

UNION_PAYLOAD = "' UNION SELECT id, email, password_hash FROM users --"


@pytest.mark.baseline
@pytest.mark.hint("Keep GET /users/search working for ordinary searches, in any letter case.")
def test_plain_search_works(client: Any) -> None:
    """An ordinary search finds users by username or name, in any case"""
    expect_users(client, "ali", [1])
    expect_users(client, "TANAKA", [5])
    expect_users(client, "", [1, 2, 3, 4, 5])


@pytest.mark.points(2)
@pytest.mark.hint(
    "A quote is part of the text searched for, not SQL: pass q as a bound parameter "
    "(select() with .where(...), or text() with :q), never pasted into the SQL string."
)
def test_quote_is_searched_literally(client: Any) -> None:
    """A search with a quote in it finds the name with that quote"""
    expect_users(client, "O'Brien", [2])
    expect_users(client, "'", [2])


@pytest.mark.points(3)
@pytest.mark.hint(
    "If q can close the string literal, it can rewrite the WHERE clause. A bound parameter is "
    "always one value, whatever it contains."
)
@pytest.mark.parametrize("payload", ["' OR '1'='1", "%' OR 1=1 --"], ids=["or-true", "or-comment"])
def test_or_injection_finds_nothing(client: Any, payload: str) -> None:
    """A classic OR injection finds nothing (no name contains it)"""
    expect_users(client, payload, [])


@pytest.mark.points(3)
@pytest.mark.hint(
    "A UNION SELECT pasted into the query reads any column of any table: emails, password "
    "hashes. With a bound parameter it is just a string that no name contains."
)
def test_union_injection_reads_nothing(client: Any) -> None:
    """A UNION SELECT injection finds nothing and leaks no email or password hash"""
    r = client.get("/users/search", params={"q": UNION_PAYLOAD})
    leaked = [word for word in ("$argon2", "@example.com") if word in r.text]
    assert not leaked, f"the UNION SELECT payload leaked {leaked}: {r.text[:500]}"
    expect_users(client, UNION_PAYLOAD, [])


@pytest.mark.points(2)
@pytest.mark.hint(
    "A stacked DROP TABLE must be searched for as text: answer 200 with no matches, never a "
    "500, and the users must all still be there afterwards."
)
def test_drop_table_injection_changes_nothing(client: Any) -> None:
    """A DROP TABLE injection finds nothing, and the users table is still there"""
    expect_users(client, "'; DROP TABLE users; --", [])
    found = search(client, "")
    assert found == list(SEEDED.values()), (
        f"expected all five users to be there after the DROP TABLE payload, got {found}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "LIKE has wildcards of its own: % and _ in q must match only a literal % or _. Escape them "
    "(SQLAlchemy: .contains(q, autoescape=True)), or avoid LIKE (instr)."
)
def test_like_wildcards_are_literal(client: Any) -> None:
    """% and _ in a search match only themselves, not any text"""
    expect_users(client, "%", [])
    expect_users(client, "_", [2, 4])
    expect_users(client, "a_o", [])


@pytest.mark.hint(
    "q is at most 100 characters: a 100-character search is answered, a 101-character one gets "
    "422 before any SQL runs.",
    "Query(max_length=100) on the q parameter does it.",
)
def test_query_length_limit(client: Any) -> None:
    """A search of 100 characters is answered; 101 characters get 422"""
    expect_users(client, "O'Brien" + "x" * 93, [])
    r = client.get("/users/search", params={"q": "O'Brien" + "x" * 94})
    assert r.status_code == 422, (
        f"expected 422 for a q of 101 characters, got {r.status_code}: {r.text[:300]}"
    )
