"""A small file store: upload files with a description, list them, download them back."""

import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, File, Form, HTTPException, Request, UploadFile, status
from fastapi.responses import FileResponse

from app.schemas import StoredFile, UploadResult
from app.storage import Staged, stage

MAX_REQUEST_BYTES = 4 * 1024 * 1024
"""The largest whole request body accepted, whatever it holds: 4 MiB."""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """A fresh storage folder and an empty catalogue per app; the folder goes when it stops."""
    folder = Path(tempfile.mkdtemp(prefix="uploads-"))
    app.state.upload_dir = folder
    app.state.files = {}
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


app = FastAPI(title="File store", lifespan=lifespan)


def catalogue(request: Request) -> dict[str, StoredFile]:
    return request.app.state.files


@app.post("/files", status_code=status.HTTP_201_CREATED, max_body_size=MAX_REQUEST_BYTES)
async def upload_files(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    description: Annotated[str, Form(min_length=1, max_length=200)],
) -> UploadResult:
    """Store the files one by one; a refused file stops the request."""
    folder: Path = request.app.state.upload_dir
    staged: list[Staged] = [await stage(upload, folder) for upload in files]
    stored = [
        StoredFile(
            id=item.id,
            filename=item.filename,
            content_type=item.content_type,
            size=item.size,
            description=description,
        )
        for item in staged
    ]
    known = catalogue(request)
    for record in stored:
        known[record.id] = record
    return UploadResult(files=stored)


@app.get("/files")
async def list_files(request: Request) -> list[StoredFile]:
    return list(catalogue(request).values())


@app.get("/files/{file_id}")
async def download_file(file_id: str, request: Request) -> FileResponse:
    """Only ids from the catalogue reach the disk, so a crafted id cannot name another file."""
    record = catalogue(request).get(file_id)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "File not found")
    path = Path(request.app.state.upload_dir) / record.id
    return FileResponse(path, media_type=record.content_type, filename=record.filename)
