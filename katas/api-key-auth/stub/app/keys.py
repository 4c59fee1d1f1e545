"""The API keys the app has issued, and how a presented key is checked against them."""

from dataclasses import dataclass


@dataclass
class ApiKey:
    id: str
    name: str
    key_hash: str  # never the key itself
    revoked: bool = False
    admin: bool = False


class KeyStore:
    """The issued keys, plus the admin key from the environment."""

    def __init__(self) -> None:
        self._keys: dict[str, ApiKey] = {}

    # TODO: create(name) -> (ApiKey, plaintext): a random key (secrets.token_urlsafe(32)) and a
    # random id; keep only a hash of the key (hashlib.sha256). The plaintext is returned once.

    # TODO: find(presented) -> ApiKey | None: the active (not revoked) key whose hash matches the
    # presented key's hash, compared with hmac.compare_digest. The admin key (ADMIN_API_KEY)
    # counts too, as {"id": "admin", "name": "admin", "admin": True}; keep only its hash as well.

    # TODO: revoke(key_id) -> bool, and a way to list the issued keys.
