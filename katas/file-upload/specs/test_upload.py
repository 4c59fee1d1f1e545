"""POST /files: one or several files and a description in one multipart request."""

import pytest
from samples import jpeg, pdf, png, sha256, stored_records, upload


@pytest.mark.points(2)
@pytest.mark.hint(
    "POST /files takes multipart form data: files under the field `files` (a list of "
    "UploadFile) and a `description` form field; answer 201.",
    'The body is {"files": [{"id", "filename", "content_type", "size", "description"}]}; '
    "write the file's bytes into the folder at request.app.state.upload_dir.",
)
def test_one_file_is_stored(client, harness):
    """Uploading a PNG answers 201 with its id, name, type, size and description, and stores it"""
    content = png(2000)
    r = upload(client, [("beach.png", content, "image/png")], description="Holiday pictures")
    [record] = stored_records(r, 1)
    assert isinstance(record.get("id"), str) and record["id"], (
        f'expected a non-empty string "id" for the stored file, got {record}'
    )
    expected = {
        "filename": "beach.png",
        "content_type": "image/png",
        "size": 2000,
        "description": "Holiday pictures",
    }
    shown = {key: record.get(key) for key in expected}
    assert shown == expected, (
        f"expected the stored file to be described as {expected}, got {record}"
    )
    stored = [entry["sha256"] for entry in harness.stored_files()]
    assert sha256(content) in stored, (
        "expected the file's bytes to be written to a file in app.state.upload_dir, "
        f"found {len(stored)} file(s) there and none with those bytes"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Declare the field as a list: files: Annotated[list[UploadFile], File()]. Each file gets "
    "its own id and its own record, in the order they were sent.",
    "Every file shares the request's one description.",
)
def test_several_files_in_one_request(client, harness):
    """Several files in one request are each stored, in order, with their own id"""
    files = [
        ("beach.png", png(2000), "image/png"),
        ("sunset.jpg", jpeg(3000), "image/jpeg"),
        ("tickets.pdf", pdf(4000), "application/pdf"),
    ]
    records = stored_records(upload(client, files, description="Trip to Crete"), 3)
    shown = [
        (record.get("filename"), record.get("content_type"), record.get("size"))
        for record in records
    ]
    expected = [(name, content_type, len(content)) for name, content, content_type in files]
    assert shown == expected, (
        f"expected (filename, content_type, size) of the three files in order to be {expected}, "
        f"got {shown}"
    )
    descriptions = [record.get("description") for record in records]
    assert descriptions == ["Trip to Crete"] * 3, (
        f'expected each file to carry the description "Trip to Crete", got {descriptions}'
    )
    ids = [record.get("id") for record in records]
    assert len(set(ids)) == 3, f"expected three different ids, got {ids}"
    stored = {entry["sha256"] for entry in harness.stored_files()}
    missing = [name for name, content, _ in files if sha256(content) not in stored]
    assert not missing, f"expected every file's bytes in the storage folder, missing {missing}"


@pytest.mark.hint(
    "GET /files lists every stored file's record, oldest first, in the same shape as the "
    "records POST /files returned.",
)
def test_listing_shows_stored_files(client):
    """GET /files lists the stored files' records, oldest first"""
    first = stored_records(upload(client, [("a.png", png(100), "image/png")], "first"), 1)
    second = stored_records(
        upload(
            client,
            [("b.pdf", pdf(200), "application/pdf"), ("c.jpg", jpeg(300), "image/jpeg")],
            "second",
        ),
        2,
    )
    r = client.get("/files")
    assert r.status_code == 200, f"expected 200 from GET /files, got {r.status_code}: {r.text}"
    expected = first + second
    assert r.json() == expected, f"expected GET /files to list {expected}, got {r.text}"


MISSING_FIELDS = {
    "no-description": ({}, [("files", ("a.png", png(100), "image/png"))]),
    "empty-description": ({"description": ""}, [("files", ("a.png", png(100), "image/png"))]),
    "no-files": ({"description": "nothing attached"}, None),
}


@pytest.mark.parametrize("data, files", MISSING_FIELDS.values(), ids=MISSING_FIELDS.keys())
@pytest.mark.hint(
    "Make both form fields required: at least one file, and a description of 1 to 200 "
    "characters (Form(min_length=1, max_length=200)); FastAPI answers 422 otherwise.",
)
def test_form_fields_are_required(client, harness, data, files):
    """A request without a description or without a file gets 422 and stores nothing"""
    if files is None:
        # Still multipart: a form with only the description field.
        r = client.post("/files", data=data, files={"other": ("x.txt", b"x", "text/plain")})
    else:
        r = client.post("/files", data=data, files=files)
    assert r.status_code == 422, f"expected 422, got {r.status_code}: {r.text}"
    stored = harness.stored_files()
    assert stored == [], f"expected nothing in the storage folder, found {stored}"


@pytest.mark.hint(
    "The description is 1 to 200 characters: both ends are accepted, 201 characters get 422 "
    "(Form(min_length=1, max_length=200)).",
)
def test_description_length_bounds(client, harness):
    """A description of 1 or 200 characters is accepted; 201 characters get 422"""
    for description in ("A", "d" * 200):
        [record] = stored_records(
            upload(client, [("a.png", png(100), "image/png")], description), 1
        )
        assert record.get("description") == description, (
            f"expected the description of {len(description)} character(s) to be kept as sent, "
            f"got {record}"
        )
    before = harness.stored_files()
    content = png(100, seed="long")
    r = upload(client, [("b.png", content, "image/png")], "d" * 201)
    assert r.status_code == 422, (
        f"expected 422 for a description of 201 characters, got {r.status_code}: {r.text[:300]}"
    )
    after = harness.stored_files()
    assert after == before, f"expected the refused upload to store nothing, found {after}"
