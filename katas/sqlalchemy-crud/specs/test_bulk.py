"""POST /articles/bulk: every article of the batch is stored, or none of them."""

import pytest


def batch(*slugs: str) -> dict:
    return {"articles": [{"slug": slug, "title": slug.title(), "author": "ann"} for slug in slugs]}


@pytest.mark.hint(
    "Add every article to the session and commit once; answer 201 with the list, in order.",
)
def test_bulk_import_stores_every_article(client, harness):
    """POST /articles/bulk answers 201 with every article, in the order sent, and stores them"""
    r = client.post("/articles/bulk", json=batch("one", "two", "three"))
    assert r.status_code == 201, (
        f"expected 201 from POST /articles/bulk, got {r.status_code}: {r.text}"
    )
    body = r.json()
    assert isinstance(body, list) and [item.get("slug") for item in body] == [
        "one",
        "two",
        "three",
    ], f"expected a list of the three articles in order, got {body}"
    stored = [(row["id"], row["slug"]) for row in harness.rows("articles")]
    answered = [(item.get("id"), item.get("slug")) for item in body]
    assert stored == answered, f"expected the rows {answered} in the database, found {stored}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "One transaction for the whole batch: commit once, after every article was added.",
    "When the commit fails, roll back and answer 409: no article of the batch may remain.",
)
@pytest.mark.parametrize(
    "slugs",
    [("fresh-1", "fresh-2", "taken", "fresh-3"), ("fresh-1", "fresh-2", "fresh-1", "fresh-3")],
    ids=["clashes-with-a-stored-slug", "clashes-within-the-batch"],
)
def test_failed_bulk_import_leaves_nothing(client, harness, seed_articles, slugs):
    """A batch whose third article has a taken slug gets 409 and stores none of the batch"""
    seed_articles({"slug": "taken"})
    r = client.post("/articles/bulk", json=batch(*slugs))
    assert r.status_code == 409, (
        f"expected 409 for a batch with a duplicate slug, got {r.status_code}: {r.text}"
    )
    stored = [row["slug"] for row in harness.rows("articles")]
    assert stored == ["taken"], (
        f"expected only the article stored before the batch, found {stored}: the failed batch "
        "was written in part"
    )
    r = client.post("/articles/bulk", json=batch("fresh-1", "fresh-2", "fresh-3"))
    assert r.status_code == 201, (
        f"expected a clean batch to work after a failed one, got {r.status_code}: {r.text}"
    )
    assert harness.row_count("articles") == 4, "expected 4 rows after the clean batch"
