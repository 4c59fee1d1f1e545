"""Checking and storing uploads: size and type are decided from the bytes, never trusted."""

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import anyio
from fastapi import HTTPException, UploadFile, status

MAX_FILE_BYTES = 1024 * 1024
"""The largest file accepted: 1 MiB, exactly 1,048,576 bytes."""
CHUNK_BYTES = 64 * 1024

SIGNATURES = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "application/pdf": b"%PDF-",
}
"""The accepted types and the bytes every file of that type starts with."""

UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_filename(raw: str | None) -> str:
    """The client's name reduced to a harmless one: no folders, no odd characters."""
    name = Path(raw or "").name
    name = UNSAFE.sub("_", name).lstrip(".")
    return name or "upload"


def declared_type(upload: UploadFile) -> str:
    """The part's Content-Type without parameters, if it is one we accept; else 415."""
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    if content_type not in SIGNATURES:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"{upload.filename!r} is {content_type or 'untyped'}; accepted types are "
            + ", ".join(SIGNATURES),
        )
    return content_type


@dataclass(frozen=True)
class Staged:
    """A file written to storage, not yet recorded: undone if another file is refused."""

    id: str
    path: Path
    filename: str
    content_type: str
    size: int


async def stage(upload: UploadFile, folder: Path) -> Staged:
    """Copy one upload into `folder` chunk by chunk, refusing it as soon as it breaks a rule.

    The size is counted while reading, so the check holds however the request was framed
    (a Content-Length header says nothing about one part, and a chunked request has none).
    """
    content_type = declared_type(upload)
    file_id = uuid.uuid4().hex
    path = folder / file_id
    size = 0
    try:
        async with await anyio.open_file(path, "wb") as out:
            while chunk := await upload.read(CHUNK_BYTES):
                if size == 0 and not chunk.startswith(SIGNATURES[content_type]):
                    raise HTTPException(
                        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                        f"{upload.filename!r} does not hold {content_type} data",
                    )
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise HTTPException(
                        status.HTTP_413_CONTENT_TOO_LARGE,
                        f"{upload.filename!r} is larger than {MAX_FILE_BYTES} bytes",
                    )
                await out.write(chunk)
        if size == 0:
            raise HTTPException(
                status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, f"{upload.filename!r} is empty"
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Staged(file_id, path, safe_filename(upload.filename), content_type, size)
