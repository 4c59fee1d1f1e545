"""Documents with optimistic locking: every change names the version it was based on.

Every route takes its session from get_db through `DbSession`.
"""

from fastapi import APIRouter, HTTPException, Response, status

from app.database import DbSession
from app.schemas import DocumentIn, DocumentOut, DocumentPatch

router = APIRouter(prefix="/documents", tags=["documents"])

NOT_DONE = status.HTTP_501_NOT_IMPLEMENTED


@router.post("", status_code=status.HTTP_201_CREATED)
def create_document(data: DocumentIn, db: DbSession, response: Response) -> DocumentOut:
    # TODO: store the document at version 1; answer 201 with it and its ETag ("1").
    raise HTTPException(NOT_DONE, "create_document is not written yet")


@router.get("")
def list_documents(db: DbSession) -> list[DocumentOut]:
    # TODO: every document that is not deleted, by id.
    raise HTTPException(NOT_DONE, "list_documents is not written yet")


@router.get("/{document_id}")
def read_document(document_id: int, db: DbSession, response: Response) -> DocumentOut:
    # TODO: the document with its ETag; 404 when it does not exist or was deleted.
    raise HTTPException(NOT_DONE, "read_document is not written yet")


@router.put("/{document_id}")
def replace_document(
    document_id: int, data: DocumentIn, db: DbSession, response: Response
) -> DocumentOut:
    # TODO: replace title and body. Needs If-Match: missing is 428, another version is 412.
    # The write must not overwrite a change another client made after this one read the
    # document. Answer 200 with the new version and its ETag.
    raise HTTPException(NOT_DONE, "replace_document is not written yet")


@router.patch("/{document_id}")
def update_document(
    document_id: int, data: DocumentPatch, db: DbSession, response: Response
) -> DocumentOut:
    # TODO: like PUT, but only the fields sent change.
    raise HTTPException(NOT_DONE, "update_document is not written yet")


@router.delete("/{document_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_document(document_id: int, db: DbSession) -> Response:
    # TODO: soft delete: keep the row, set deleted_at. 204; 404 when already gone; if an
    # If-Match is sent, it must match (412 otherwise).
    raise HTTPException(NOT_DONE, "delete_document is not written yet")
