"""Type: PNG, JPEG or PDF, as declared and as the first bytes show; anything else is 415."""

import pytest
from samples import jpeg, pdf, png, upload

NOT_ACCEPTED = {
    "text": ("notes.txt", b"just some text\n", "text/plain"),
    "program": ("setup.exe", b"MZ\x90\x00" + bytes(500), "application/x-msdownload"),
    "gif": ("cat.gif", b"GIF89a" + bytes(100), "image/gif"),
}


@pytest.mark.parametrize("file", NOT_ACCEPTED.values(), ids=NOT_ACCEPTED.keys())
@pytest.mark.hint(
    "Accept only image/png, image/jpeg and application/pdf as the part's declared "
    "Content-Type (UploadFile.content_type); refuse anything else with 415.",
)
def test_type_not_accepted(client, harness, file):
    """A file declared as a type that is not accepted gets 415 and is not stored"""
    r = upload(client, [file])
    assert r.status_code == 415, (
        f"expected 415 for {file[0]} declared as {file[2]}, got {r.status_code}: {r.text[:300]}"
    )
    stored = harness.stored_files()
    assert stored == [], f"expected nothing in the storage folder, found {stored}"


DISGUISED = {
    "program-as-png": ("cute.png", b"MZ\x90\x00" + bytes(500), "image/png"),
    "pdf-as-jpeg": ("photo.jpg", pdf(800), "image/jpeg"),
    "jpeg-as-pdf": ("invoice.pdf", jpeg(800), "application/pdf"),
    "png-as-jpeg": ("photo.jpeg", png(800), "image/jpeg"),
}


@pytest.mark.parametrize("file", DISGUISED.values(), ids=DISGUISED.keys())
@pytest.mark.points(2)
@pytest.mark.hint(
    "A client can declare any Content-Type: check that the file's first bytes are the "
    "signature of the declared type (PNG: 89 50 4E 47 0D 0A 1A 0A, JPEG: FF D8 FF, PDF: %PDF-).",
)
def test_content_must_match_type(client, harness, file):
    """A file whose first bytes do not match its declared type gets 415 and is not stored"""
    r = upload(client, [file])
    assert r.status_code == 415, (
        f"expected 415 for {file[0]} declared as {file[2]} but starting with "
        f"{file[1][:8]!r}, got {r.status_code}: {r.text[:300]}"
    )
    stored = harness.stored_files()
    assert stored == [], f"expected nothing in the storage folder, found {stored}"


@pytest.mark.hint(
    "An empty file has no signature, so it cannot be the type it claims: refuse it with 415.",
    "After the read loop, a size of 0 means no chunk ever came: raise HTTPException(415).",
)
def test_empty_file_is_refused(client, harness):
    """An empty file gets 415 and is not stored"""
    r = upload(client, [("empty.png", b"", "image/png")])
    assert r.status_code == 415, (
        f"expected 415 for an empty file declared as image/png, got {r.status_code}: {r.text[:300]}"
    )
    stored = harness.stored_files()
    assert stored == [], f"expected nothing in the storage folder, found {stored}"
    r = client.get("/files")
    assert r.status_code == 200 and r.json() == [], (
        f"expected GET /files to list nothing after the refused upload, got {r.status_code}: "
        f"{r.text}"
    )
