"""A small file store: upload files with a description, list them, download them back."""

import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

MAX_FILE_BYTES = 1024 * 1024
"""The largest file accepted: 1 MiB, exactly 1,048,576 bytes."""
MAX_REQUEST_BYTES = 4 * 1024 * 1024
"""The largest whole request body accepted, whatever it holds: 4 MiB."""
SIGNATURES = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "application/pdf": b"%PDF-",
}
"""The accepted content types and the bytes every file of that type starts with."""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """A fresh storage folder per app, removed when the app stops.

    Read the folder as request.app.state.upload_dir on every request: the graders point it
    elsewhere after start-up, so never copy it into a global.
    """
    folder = Path(tempfile.mkdtemp(prefix="uploads-"))
    app.state.upload_dir = folder
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


app = FastAPI(title="File store", lifespan=lifespan)

# TODO: POST /files (multipart): one or more files under the field `files` and a `description`
#   form field. Check each file while reading it in chunks: more than MAX_FILE_BYTES -> 413; a
#   declared type not in SIGNATURES, or first bytes that do not match it -> 415. All or nothing:
#   a refused file means no file of the request is kept. Whole body over MAX_REQUEST_BYTES -> 413.
#   Store the bytes in upload_dir under a name you choose; answer 201 with the records.
# TODO: GET /files: the stored files' records, oldest first.
# TODO: GET /files/{id}: the bytes, with the stored content type and
#   Content-Disposition: attachment; filename="<safe name>"; 404 for an unknown id.
