"""Articles: CRUD, a paged and filtered list, and an all-or-nothing bulk import.

Every route takes its session from get_db through `DbSession`; use SQLAlchemy 2.0 style
(`select()`, `db.scalars(...)`, `db.get(...)`) and answer with the schemas in app.schemas.
"""

from fastapi import APIRouter, HTTPException, Response, status

from app.database import DbSession
from app.schemas import ArticleBatch, ArticleCreate, ArticleOut, ArticlePage, ArticleUpdate

router = APIRouter(prefix="/articles", tags=["articles"])

NOT_DONE = status.HTTP_501_NOT_IMPLEMENTED


@router.post("", status_code=status.HTTP_201_CREATED)
def create_article(data: ArticleCreate, db: DbSession) -> ArticleOut:
    # TODO: store the article and answer 201 with it. A taken slug is 409 with a JSON detail,
    # and the app must keep working after it.
    raise HTTPException(NOT_DONE, "create_article is not written yet")


@router.post("/bulk", status_code=status.HTTP_201_CREATED)
def import_articles(data: ArticleBatch, db: DbSession) -> list[ArticleOut]:
    # TODO: store every article of the batch and answer 201 with them, in order. If any of
    # them cannot be stored (a taken slug: 409), none of them may be.
    raise HTTPException(NOT_DONE, "import_articles is not written yet")


@router.get("")
def list_articles(db: DbSession) -> ArticlePage:
    # TODO: query parameters limit (1..100, default 20), offset (>= 0, default 0), status,
    # author and sort (id, title or created_at, '-' in front for descending; default id).
    # Answer one page of the matching articles and the total number of matches.
    raise HTTPException(NOT_DONE, "list_articles is not written yet")


@router.get("/{article_id}")
def read_article(article_id: int, db: DbSession) -> ArticleOut:
    # TODO: the article, or 404 with a JSON detail.
    raise HTTPException(NOT_DONE, "read_article is not written yet")


@router.patch("/{article_id}")
def update_article(article_id: int, data: ArticleUpdate, db: DbSession) -> ArticleOut:
    # TODO: change only the fields sent; 404 for an unknown id; 409 for a taken slug.
    raise HTTPException(NOT_DONE, "update_article is not written yet")


@router.delete("/{article_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_article(article_id: int, db: DbSession) -> Response:
    # TODO: delete the row and answer 204 with an empty body; 404 for an unknown id.
    raise HTTPException(NOT_DONE, "delete_article is not written yet")
