"""The bounds of what POST /authors and POST /authors/{id}/books accept, at their edges."""

import pytest


@pytest.mark.hint(
    "A name is 1 to 200 characters: the shortest and the longest are stored, one past either "
    "edge answers 422.",
    "Field(min_length=1, max_length=200) on the request model's name.",
)
def test_author_name_is_1_to_200_characters(client, harness):
    """POST /authors accepts a name of 1 or 200 characters and answers 422 for 0 or 201"""
    for name in ("U", "n" * 200):
        r = client.post("/authors", json={"name": name})
        assert r.status_code == 201, (
            f"expected 201 from POST /authors for a name of {len(name)} characters, "
            f"got {r.status_code}: {r.text[:300]}"
        )
    for name in ("", "n" * 201):
        r = client.post("/authors", json={"name": name})
        assert r.status_code == 422, (
            f"expected 422 from POST /authors for a name of {len(name)} characters, "
            f"got {r.status_code}: {r.text[:300]}"
        )
    assert harness.row_count("authors") == 2, "expected only the two valid authors to be stored"


@pytest.mark.hint(
    "A title is 1 to 200 characters and a year 0 to 9999: the edges themselves are stored, one "
    "past either answers 422.",
    "Field(min_length=1, max_length=200) on title and Field(ge=0, le=9999) on year.",
)
def test_book_title_and_year_bounds(client, harness, seed_authors):
    """POST /authors/{id}/books takes titles of 1 to 200 characters, years 0 to 9999, else 422"""
    (author,) = seed_authors(1, books_each=0)
    path = f"/authors/{author['id']}/books"
    valid = [("T", 0), ("t" * 200, 9999)]
    for title, year in valid:
        r = client.post(path, json={"title": title, "year": year})
        assert r.status_code == 201, (
            f"expected 201 from POST {path} for a title of {len(title)} characters and year "
            f"{year}, got {r.status_code}: {r.text[:300]}"
        )
    invalid = [("", 2000), ("t" * 201, 2000), ("Too early", -1), ("Too late", 10000)]
    for title, year in invalid:
        r = client.post(path, json={"title": title, "year": year})
        assert r.status_code == 422, (
            f"expected 422 from POST {path} for a title of {len(title)} characters and year "
            f"{year}, got {r.status_code}: {r.text[:300]}"
        )
    assert harness.row_count("books") == len(valid), (
        "expected only the two valid books to be stored"
    )
