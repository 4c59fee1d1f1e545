"""Create, read, update and delete one article, and the unique slug."""

import httpx
import pytest

NEW_ARTICLE = {
    "slug": "hello-sqlalchemy",
    "title": "Hello, SQLAlchemy",
    "body": "select() all the things",
    "author": "ann",
    "status": "published",
}


def detail_of(response: httpx.Response) -> object:
    """The JSON `detail` of an error response, or None when there is none."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("detail") if isinstance(body, dict) else None


@pytest.mark.points(2)
@pytest.mark.hint(
    "Add the model to the session from get_db and commit it; answer 201 with the stored row.",
    "status defaults to draft; created_at is set by the app.",
)
def test_created_article_is_stored(client, harness):
    """POST /articles answers 201 with the article, and the row is in the database"""
    r = client.post("/articles", json=NEW_ARTICLE)
    assert r.status_code == 201, f"expected 201 from POST /articles, got {r.status_code}: {r.text}"
    body = r.json()
    assert isinstance(body.get("id"), int), f"expected an integer id in the response, got {body}"
    assert {key: body.get(key) for key in NEW_ARTICLE} == NEW_ARTICLE, (
        f"expected the response to echo {NEW_ARTICLE}, got {body}"
    )
    assert isinstance(body.get("created_at"), str), f"expected a created_at, got {body}"
    stored = [(row["id"], row["slug"]) for row in harness.rows("articles")]
    assert stored == [(body["id"], NEW_ARTICLE["slug"])], (
        f"expected one articles row (id {body['id']}, slug {NEW_ARTICLE['slug']}) in the "
        f"database behind get_db, found {stored}"
    )
    r = client.post("/articles", json={"slug": "drafty", "title": "Draft", "author": "bob"})
    assert r.status_code == 201 and r.json().get("status") == "draft", (
        f"expected 201 and status draft when no status is sent, got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "Look the article up by primary key with the session from get_db.",
    "A missing id is 404 with a JSON detail.",
)
def test_article_is_read_by_id(client, seed_articles):
    """GET /articles/{id} serves a stored article, and 404 for an unknown id"""
    _, second = seed_articles({}, {"slug": "two", "title": "Two", "author": "bob", "body": "b"})
    r = client.get(f"/articles/{second}")
    assert r.status_code == 200, f"expected 200 for article {second}, got {r.status_code}: {r.text}"
    body = r.json()
    got = {key: body.get(key) for key in ("id", "slug", "title", "author", "body", "status")}
    expected = {
        "id": second,
        "slug": "two",
        "title": "Two",
        "author": "bob",
        "body": "b",
        "status": "draft",
    }
    assert got == expected, f"expected {expected}, got {body}"
    r = client.get(f"/articles/{second + 1000}")
    assert r.status_code == 404 and detail_of(r), (
        f"expected 404 with a JSON detail for an unknown id, got {r.status_code}: {r.text}"
    )


@pytest.mark.hint(
    "Only the fields present in the request body change (model_dump(exclude_unset=True)).",
    "Commit the change; 404 for an unknown id.",
)
def test_patch_changes_only_the_fields_sent(client, harness, seed_articles):
    """PATCH /articles/{id} changes only the fields sent and stores them; 404 for an unknown id"""
    (article_id,) = seed_articles({"slug": "keep-me", "title": "Old", "author": "ann"})
    r = client.patch(f"/articles/{article_id}", json={"title": "New", "status": "published"})
    assert r.status_code == 200, f"expected 200 from PATCH, got {r.status_code}: {r.text}"
    (row,) = harness.rows("articles")
    got = {key: row[key] for key in ("slug", "title", "author", "status")}
    expected = {"slug": "keep-me", "title": "New", "author": "ann", "status": "published"}
    assert got == expected, f"expected the stored row to become {expected}, found {got}"
    r = client.patch(f"/articles/{article_id + 1000}", json={"title": "Nope"})
    assert r.status_code == 404, f"expected 404 for an unknown id, got {r.status_code}: {r.text}"


@pytest.mark.hint("Delete the row and commit; answer 204 with an empty body, 404 when missing.")
def test_delete_removes_the_row(client, harness, seed_articles):
    """DELETE /articles/{id} answers 204 and removes the row; 404 for an unknown id"""
    first, second = seed_articles({}, {})
    r = client.delete(f"/articles/{first}")
    assert r.status_code == 204 and not r.content, (
        f"expected 204 with an empty body, got {r.status_code}: {r.text}"
    )
    left = [row["id"] for row in harness.rows("articles")]
    assert left == [second], f"expected only article {second} to remain, found {left}"
    r = client.delete(f"/articles/{first}")
    assert r.status_code == 404, f"expected 404 for a deleted id, got {r.status_code}: {r.text}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Let the unique constraint on slug decide: catch IntegrityError at commit time.",
    "Roll the session back after the failed commit, then answer 409 with a detail.",
)
def test_taken_slug_is_409(client, harness, seed_articles):
    """A slug already taken gets 409 on POST and on PATCH, and the app keeps working"""
    _, second = seed_articles({"slug": "taken"}, {"slug": "other"})
    r = client.post("/articles", json={**NEW_ARTICLE, "slug": "taken"})
    assert r.status_code == 409 and detail_of(r), (
        f"expected 409 with a detail for a taken slug, got {r.status_code}: {r.text}"
    )
    r = client.patch(f"/articles/{second}", json={"slug": "taken"})
    assert r.status_code == 409, (
        f"expected 409 when PATCH sets a slug another article has, got {r.status_code}: {r.text}"
    )
    slugs = [row["slug"] for row in harness.rows("articles")]
    assert slugs == ["taken", "other"], f"expected the slugs untouched, found {slugs}"
    r = client.post("/articles", json=NEW_ARTICLE)
    assert r.status_code == 201, (
        f"expected the next valid POST to work after a 409, got {r.status_code}: {r.text}"
    )
