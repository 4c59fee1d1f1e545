"""Stand-ins for a database: no I/O, but the same life cycle, written down in an audit log.

Every resource notes in the `AuditLog` when it opens and when it ends, under the id of the
request it serves, so the log shows what each request opened and closed, and in which order.
"""

from dataclasses import dataclass, field


@dataclass
class AuditLog:
    """Everything the resources did, in order: {"request_id": ..., "event": ...} each."""

    entries: list[dict[str, str]] = field(default_factory=list)

    def record(self, request_id: str, event: str) -> None:
        self.entries.append({"request_id": request_id, "event": event})


@dataclass
class Article:
    id: int
    title: str
    author: str


class Database:
    """The article store. Reach it only through `connect()`."""

    def __init__(self, audit: AuditLog) -> None:
        self.audit = audit
        self.articles: dict[int, Article] = {
            number: Article(number, f"Article {number}", "ada") for number in range(1, 13)
        }

    def connect(self, request_id: str) -> "Connection":
        """Open a connection for one request (event "db.open"); close it when done."""
        return Connection(self, request_id)


class Connection:
    def __init__(self, database: Database, request_id: str) -> None:
        self._database = database
        self.request_id = request_id
        self.closed = False
        self.note("db.open")

    def note(self, event: str) -> None:
        """Write an event of this connection's request to the audit log."""
        self._database.audit.record(self.request_id, event)

    def begin(self) -> "Transaction":
        """Start a transaction (event "tx.begin"); end it with commit() or rollback()."""
        return Transaction(self)

    def close(self) -> None:
        """Event "db.close"."""
        self.closed = True
        self.note("db.close")

    def list_articles(self) -> list[Article]:
        return sorted(self._database.articles.values(), key=lambda article: article.id)

    def get_article(self, article_id: int) -> Article | None:
        return self._database.articles.get(article_id)

    def add_article(self, title: str, author: str) -> Article:
        article = Article(max(self._database.articles, default=0) + 1, title, author)
        self._database.articles[article.id] = article
        return article

    def delete_article(self, article_id: int) -> None:
        del self._database.articles[article_id]


class Transaction:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        connection.note("tx.begin")

    def commit(self) -> None:
        """Event "tx.commit"."""
        self.connection.note("tx.commit")

    def rollback(self) -> None:
        """Event "tx.rollback"."""
        self.connection.note("tx.rollback")
