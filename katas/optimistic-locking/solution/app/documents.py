"""Documents with optimistic locking: every change names the version it was based on.

A client reads a document and gets its version as a strong ETag (`"3"`). To change it, the
client sends that ETag back in If-Match. The write itself is a compare-and-swap,
`UPDATE ... WHERE version = <the version the client saw>`, so of two clients that read the same
version only the first one's change lands; the other gets 412 and must read again. Checking the
version in Python and then writing by id would leave a gap where another writer slips in.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Response, status
from sqlalchemy import select, update

from app.database import DbSession
from app.models import Document
from app.schemas import DocumentIn, DocumentOut, DocumentPatch

router = APIRouter(prefix="/documents", tags=["documents"])

# Optional on purpose: a missing If-Match is 428, which FastAPI's own 422 would hide.
IfMatch = Annotated[str | None, Header()]


def etag_of(version: int) -> str:
    return f'"{version}"'


def live_document_or_404(db: DbSession, document_id: int) -> Document:
    """The document unless it never existed or was soft-deleted: both are 404 to a client."""
    document = db.scalar(
        select(Document).where(Document.id == document_id, Document.deleted_at.is_(None))
    )
    if document is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"document {document_id} not found")
    return document


def check_if_match(if_match: str | None, document: Document, *, required: bool) -> None:
    if if_match is None:
        if required:
            raise HTTPException(
                status.HTTP_428_PRECONDITION_REQUIRED,
                "send If-Match with the ETag of the version you are changing",
            )
        return
    if if_match.strip() != etag_of(document.version):
        raise HTTPException(
            status.HTTP_412_PRECONDITION_FAILED,
            f"the document has changed: it is now at version {document.version}",
        )


def write_if_unchanged(db: DbSession, document: Document, values: dict[str, Any]) -> None:
    """Apply `values` only if the row still has the version we checked, in one UPDATE.

    Zero rows updated means another writer got there between our read and this write.
    """
    result = db.execute(
        update(Document)
        .where(
            Document.id == document.id,
            Document.version == document.version,
            Document.deleted_at.is_(None),
        )
        .values(values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.rollback()
        raise HTTPException(
            status.HTTP_412_PRECONDITION_FAILED, "the document was changed by someone else"
        )
    db.commit()


def answer(response: Response, document: Document) -> DocumentOut:
    response.headers["ETag"] = etag_of(document.version)
    return DocumentOut.model_validate(document)


def change(
    db: DbSession, document_id: int, if_match: str | None, changes: dict[str, Any]
) -> Document:
    document = live_document_or_404(db, document_id)
    check_if_match(if_match, document, required=True)
    write_if_unchanged(db, document, {**changes, "version": document.version + 1})
    return document  # expired by the commit, so reading it loads the row as it is now


@router.post("", status_code=status.HTTP_201_CREATED)
def create_document(data: DocumentIn, db: DbSession, response: Response) -> DocumentOut:
    document = Document(**data.model_dump(), version=1)
    db.add(document)
    db.commit()
    return answer(response, document)


@router.get("")
def list_documents(db: DbSession) -> list[DocumentOut]:
    documents = db.scalars(
        select(Document).where(Document.deleted_at.is_(None)).order_by(Document.id)
    )
    return [DocumentOut.model_validate(document) for document in documents]


@router.get("/{document_id}")
def read_document(document_id: int, db: DbSession, response: Response) -> DocumentOut:
    return answer(response, live_document_or_404(db, document_id))


@router.put("/{document_id}")
def replace_document(
    document_id: int, data: DocumentIn, db: DbSession, response: Response, if_match: IfMatch = None
) -> DocumentOut:
    return answer(response, change(db, document_id, if_match, data.model_dump()))


@router.patch("/{document_id}")
def update_document(
    document_id: int,
    data: DocumentPatch,
    db: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> DocumentOut:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    return answer(response, change(db, document_id, if_match, changes))


@router.delete("/{document_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_document(document_id: int, db: DbSession, if_match: IfMatch = None) -> Response:
    """Soft delete: the row stays, marked with deleted_at; If-Match is honoured when sent."""
    document = live_document_or_404(db, document_id)
    check_if_match(if_match, document, required=False)
    write_if_unchanged(db, document, {"deleted_at": datetime.now(UTC)})
    return Response(status_code=status.HTTP_204_NO_CONTENT)
