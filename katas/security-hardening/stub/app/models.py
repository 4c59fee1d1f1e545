"""The users table, and the people it starts with."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.database import Base


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    bio: Mapped[str] = mapped_column(default="")
    password_hash: Mapped[str | None] = mapped_column(default=None)


SEED = [
    ("alice", "Alice Martin", "alice@example.com"),
    ("bob_obrien", "Bob O'Brien", "bob@example.com"),
    ("carol", "Carol Danvers", "carol@example.com"),
    ("dave_ops", "Dave Ops", "dave@example.com"),
    ("erin", "Erin Tanaka", "erin@example.com"),
]


def seed(session: Session) -> None:
    """The five seeded users; their password hashes must never leave the server."""
    for number, (username, name, email) in enumerate(SEED, start=1):
        session.add(
            User(
                username=username,
                name=name,
                email=email,
                password_hash=f"$argon2id$v=19$m=65536,t=3,p=4$c2VlZHNhbHQ{number}$aGFzaA{number}",
            )
        )
    session.commit()
