"""Articles: a paginated list for everyone, writes for holders of an API key."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, HTTPException, Response, status
from pydantic import BaseModel, Field

from app.dependencies import Context, CurrentUser, Db, Page, Tx, get_current_user
from app.resources import Article, AuditLog, Database


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """A fresh database of 12 articles and an empty audit log for each app."""
    app.state.audit_log = AuditLog()
    app.state.database = Database(app.state.audit_log)
    yield


app = FastAPI(title="Articles", lifespan=lifespan)


class ArticleOut(BaseModel):
    id: int
    title: str
    author: str

    @classmethod
    def of(cls, article: Article) -> "ArticleOut":
        return cls(id=article.id, title=article.title, author=article.author)


class ArticleIn(BaseModel):
    title: str = Field(min_length=1)


class ArticlePage(BaseModel):
    items: list[ArticleOut]
    total: int
    limit: int
    offset: int


class WhoAmI(BaseModel):
    user: str
    request_id: str
    auth_request_id: str


@app.get("/articles")
def list_articles(db: Db, page: Page) -> ArticlePage:
    articles = db.list_articles()
    return ArticlePage(
        items=[ArticleOut.of(article) for article in page.page(articles)],
        total=len(articles),
        limit=page.limit,
        offset=page.offset,
    )


@app.get("/articles/{article_id}")
def read_article(article_id: int, db: Db) -> ArticleOut:
    article = db.get_article(article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"article {article_id} not found")
    return ArticleOut.of(article)


@app.post("/articles", status_code=status.HTTP_201_CREATED)
def create_article(data: ArticleIn, user: CurrentUser, tx: Tx) -> ArticleOut:
    return ArticleOut.of(tx.connection.add_article(data.title, user.name))


@app.delete(
    "/articles/{article_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(get_current_user)],
)
def delete_article(article_id: int, tx: Tx) -> Response:
    if tx.connection.get_article(article_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"article {article_id} not found")
    tx.connection.delete_article(article_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@app.get("/whoami")
def whoami(user: CurrentUser, ctx: Context) -> WhoAmI:
    """Two ids that are one: the user's (from get_current_user) and the route's own."""
    return WhoAmI(user=user.name, request_id=ctx.request_id, auth_request_id=user.request_id)
