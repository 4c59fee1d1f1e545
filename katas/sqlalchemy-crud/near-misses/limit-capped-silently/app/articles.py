"""Articles: CRUD, a paged and filtered list, and an all-or-nothing bulk import."""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Response, status
from sqlalchemy import ColumnElement, UnaryExpression, func, select
from sqlalchemy.exc import IntegrityError

from app.database import DbSession
from app.models import Article
from app.schemas import ArticleBatch, ArticleCreate, ArticleOut, ArticlePage, ArticleUpdate, Status

router = APIRouter(prefix="/articles", tags=["articles"])

MAX_LIMIT = 100

# Only these columns may be sorted on: a client never names an arbitrary attribute.
SORTABLE = {"id": Article.id, "title": Article.title, "created_at": Article.created_at}
SortKey = Literal["id", "-id", "title", "-title", "created_at", "-created_at"]


def sort_order(sort: SortKey) -> list[UnaryExpression[object]]:
    """The ORDER BY of a sort key; ties always fall back to ascending id, so pages are stable."""
    column = SORTABLE[sort.removeprefix("-")]
    primary = column.desc() if sort.startswith("-") else column.asc()
    return [primary, Article.id.asc()]


def get_article_or_404(db: DbSession, article_id: int) -> Article:
    article = db.get(Article, article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"article {article_id} not found")
    return article


def commit_or_409(db: DbSession) -> None:
    """Commit, or roll back and answer 409 when the unique slug index refuses the write."""
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, "an article with that slug exists") from None


@router.post("", status_code=status.HTTP_201_CREATED)
def create_article(data: ArticleCreate, db: DbSession) -> ArticleOut:
    article = Article(**data.model_dump())
    db.add(article)
    commit_or_409(db)
    return ArticleOut.model_validate(article)


@router.post("/bulk", status_code=status.HTTP_201_CREATED)
def import_articles(data: ArticleBatch, db: DbSession) -> list[ArticleOut]:
    """Every article of the batch is stored, or none: one transaction, one commit."""
    articles = [Article(**item.model_dump()) for item in data.articles]
    db.add_all(articles)
    commit_or_409(db)
    return [ArticleOut.model_validate(article) for article in articles]


@router.get("")
def list_articles(
    db: DbSession,
    limit: Annotated[int, Query(ge=1)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    status_filter: Annotated[Status | None, Query(alias="status")] = None,
    author: str | None = None,
    sort: SortKey = "id",
) -> ArticlePage:
    limit = min(limit, MAX_LIMIT)
    filters: list[ColumnElement[bool]] = []
    if status_filter is not None:
        filters.append(Article.status == status_filter)
    if author is not None:
        filters.append(Article.author == author)
    # The total counts with the same filters as the page, but without limit and offset.
    total = db.scalar(select(func.count()).select_from(Article).where(*filters)) or 0
    page = db.scalars(
        select(Article).where(*filters).order_by(*sort_order(sort)).limit(limit).offset(offset)
    )
    return ArticlePage(
        items=[ArticleOut.model_validate(article) for article in page],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get("/{article_id}")
def read_article(article_id: int, db: DbSession) -> ArticleOut:
    return ArticleOut.model_validate(get_article_or_404(db, article_id))


@router.patch("/{article_id}")
def update_article(article_id: int, data: ArticleUpdate, db: DbSession) -> ArticleOut:
    article = get_article_or_404(db, article_id)
    for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(article, field, value)
    commit_or_409(db)
    return ArticleOut.model_validate(article)


@router.delete("/{article_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_article(article_id: int, db: DbSession) -> Response:
    db.delete(get_article_or_404(db, article_id))
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
