"""The API keys the app has issued: only their SHA-256 digests are ever kept.

An API key is 32 random bytes, so unlike a password it cannot be guessed from its hash, and a
fast hash is enough: there is no need for argon2's deliberate slowness on every request.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass
class ApiKey:
    id: str
    name: str
    key_hash: str
    revoked: bool = False
    admin: bool = False


class KeyStore:
    """The issued keys, plus the admin key from the environment (its digest only)."""

    def __init__(self, admin_key_hash: str) -> None:
        self._admin = ApiKey(id="admin", name="admin", key_hash=admin_key_hash, admin=True)
        self._keys: dict[str, ApiKey] = {}

    def create(self, name: str) -> tuple[ApiKey, str]:
        """A new key: its record, and the plaintext, which the caller shows once and forgets."""
        plaintext = secrets.token_urlsafe(32)
        record = ApiKey(id=f"key_{secrets.token_hex(6)}", name=name, key_hash=digest(plaintext))
        self._keys[record.id] = record
        return record, plaintext

    def issued(self) -> list[ApiKey]:
        return list(self._keys.values())

    def find(self, presented: str) -> ApiKey | None:
        """The active key matching this one; every digest is compared in constant time."""
        presented_hash = digest(presented)
        match = None
        for record in (self._admin, *self._keys.values()):
            if hmac.compare_digest(record.key_hash, presented_hash):
                match = record
        return match

    def revoke(self, key_id: str) -> bool:
        """Mark a key revoked; False if there is no such key."""
        record = self._keys.get(key_id)
        if record is None:
            return False
        record.revoked = True
        return True
