"""Files for the specs to upload: real signatures, deterministic filler, any size."""

import hashlib
from typing import Any

MIB = 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff\xe0"
PDF_SIGNATURE = b"%PDF-1.7\n"

Upload = tuple[str, bytes, str]
"""(filename, content, declared content type)"""


def _filled(signature: bytes, size: int, seed: str) -> bytes:
    block = hashlib.sha256(seed.encode()).digest() * 64
    filler = block * (size // len(block) + 1)
    return (signature + filler)[:size]


def png(size: int = 2000, seed: str = "png") -> bytes:
    return _filled(PNG_SIGNATURE, size, seed)


def jpeg(size: int = 3000, seed: str = "jpeg") -> bytes:
    return _filled(JPEG_SIGNATURE, size, seed)


def pdf(size: int = 4000, seed: str = "pdf") -> bytes:
    return _filled(PDF_SIGNATURE, size, seed)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload(client: Any, files: list[Upload], description: str = "Holiday pictures") -> Any:
    """POST /files with the files under the field `files` and the description."""
    return client.post(
        "/files",
        data={"description": description},
        files=[("files", (name, content, content_type)) for name, content, content_type in files],
    )


def stored_records(response: Any, count: int) -> list[dict[str, Any]]:
    """The 201 body's `files` list, checked to hold `count` records."""
    assert response.status_code == 201, (
        f"expected 201 from POST /files, got {response.status_code}: {response.text[:500]}"
    )
    body = response.json()
    records = body.get("files") if isinstance(body, dict) else None
    assert isinstance(records, list) and len(records) == count, (
        f'expected a JSON object whose "files" lists {count} stored file(s), got {response.text}'
    )
    return records
