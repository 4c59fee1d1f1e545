"""What the file routes answer."""

from pydantic import BaseModel


class StoredFile(BaseModel):
    id: str
    filename: str
    content_type: str
    size: int
    description: str


class UploadResult(BaseModel):
    files: list[StoredFile]
