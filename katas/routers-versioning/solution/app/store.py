"""The users, kept in memory; both API versions read and write this one store."""

from dataclasses import dataclass


@dataclass
class User:
    id: int
    first_name: str
    last_name: str
    email: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


def split_name(name: str) -> tuple[str, str]:
    """ "Grace Brewster Hopper" -> ("Grace", "Brewster Hopper"); "Plato" -> ("Plato", "")."""
    first, _, last = name.strip().partition(" ")
    return first, last.strip()


class UserStore:
    def __init__(self) -> None:
        self._users: dict[int, User] = {}

    @classmethod
    def with_demo_users(cls) -> "UserStore":
        store = cls()
        store.add("Ada", "Lovelace", "ada@example.com")
        store.add("Alan", "Turing", "alan@example.com")
        return store

    def add(self, first_name: str, last_name: str, email: str) -> User:
        user = User(len(self._users) + 1, first_name, last_name, email)
        self._users[user.id] = user
        return user

    def get(self, user_id: int) -> User | None:
        return self._users.get(user_id)

    def all(self) -> list[User]:
        return list(self._users.values())
