"""The number of SELECTs a list costs must not grow with the number of rows in it."""

import pytest

MOST_SELECTS = 3


def show(selects: list[str]) -> str:
    """The statements of one count, short enough for a failure message."""
    lines = [f"  {statement}" for statement in selects[:4]]
    if len(selects) > 4:
        lines.append(f"  ... and {len(selects) - 4} more")
    return "\n".join(lines)


def assert_constant(path: str, small: tuple[int, list[str]], large: tuple[int, list[str]]) -> None:
    (few, few_selects), (many, many_selects) = small, large
    assert len(few_selects) == len(many_selects) <= MOST_SELECTS, (
        f"expected GET {path} to run the same small number of SELECTs (at most {MOST_SELECTS}) "
        f"for {few} and for {many} rows; it ran {len(few_selects)} for {few} and "
        f"{len(many_selects)} for {many}. The {many}-row request ran:\n{show(many_selects)}"
    )


@pytest.mark.points(3)
@pytest.mark.hint(
    "Loading each author's books on its own is one query per author: the N+1 problem.",
    "Ask for the books in the same statement that loads the authors: "
    ".options(selectinload(Author.books)) costs one extra query however many authors there are.",
)
def test_author_list_takes_the_same_queries_for_3_or_30_authors(client, seed_authors, selects_for):
    """GET /authors runs the same few SELECTs (at most 3) for 3 authors as for 30"""
    seed_authors(3, books_each=2)
    r, small = selects_for("/authors")
    assert r.status_code == 200 and len(r.json()) == 3, (
        f"expected 200 with 3 authors from GET /authors, got {r.status_code}: {r.text[:300]}"
    )
    seed_authors(27, books_each=2, first=3)
    r, large = selects_for("/authors")
    assert r.status_code == 200 and len(r.json()) == 30, (
        f"expected 200 with 30 authors from GET /authors, got {r.status_code}: {r.text[:300]}"
    )
    assert_constant("/authors", (3, small), (30, large))


@pytest.mark.points(3)
@pytest.mark.hint(
    "Fetching each book's author on its own is one query per book.",
    "joinedload(Book.author) brings the author in the same SELECT as the books.",
)
def test_book_list_takes_the_same_queries_for_3_or_30_books(client, seed_authors, selects_for):
    """GET /books runs the same few SELECTs (at most 3) for 3 books by 3 authors as for 30 by 30"""
    seed_authors(3, books_each=1)
    r, small = selects_for("/books")
    assert r.status_code == 200 and len(r.json()) == 3, (
        f"expected 200 with 3 books from GET /books, got {r.status_code}: {r.text[:300]}"
    )
    seed_authors(27, books_each=1, first=3)
    r, large = selects_for("/books")
    assert r.status_code == 200 and len(r.json()) == 30, (
        f"expected 200 with 30 books from GET /books, got {r.status_code}: {r.text[:300]}"
    )
    assert_constant("/books", (3, small), (30, large))
