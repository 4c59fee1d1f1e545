"""Size: 1 MiB per file, counted while reading; 4 MiB per request; refusals keep nothing."""

from collections.abc import Iterator

import pytest
from samples import MIB, jpeg, png, sha256, stored_records, upload

BOUNDARY = "kata-upload-boundary-7d1f"


def chunked_upload(content: bytes, filename: str, content_type: str) -> Iterator[bytes]:
    """A multipart body sent in pieces: the request has no Content-Length at all."""
    yield (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="description"\r\n\r\n'
        "Sent in chunks\r\n"
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="files"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode()
    for offset in range(0, len(content), 64 * 1024):
        yield content[offset : offset + 64 * 1024]
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


@pytest.mark.points(2)
@pytest.mark.hint(
    "The limit is 1 MiB per file: 1,048,576 bytes are accepted, one byte more gets 413.",
    "Count the bytes as you read the file in chunks (await file.read(64 * 1024)) and stop "
    "with HTTPException(413) as soon as the count goes over.",
)
def test_size_limit_is_one_mib(client, harness):
    """A file of exactly 1 MiB is accepted; one byte more gets 413 and is not stored"""
    r = upload(client, [("exact.png", png(MIB), "image/png")])
    [record] = stored_records(r, 1)
    assert record.get("size") == MIB, f"expected size {MIB}, got {record}"

    over = png(MIB + 1, seed="over")
    r = upload(client, [("over.png", over, "image/png")])
    assert r.status_code == 413, (
        f"expected 413 for a file of {MIB + 1} bytes, got {r.status_code}: {r.text[:300]}"
    )
    stored = {entry["sha256"] for entry in harness.stored_files()}
    assert sha256(over) not in stored, "the refused file's bytes were kept in the storage folder"


@pytest.mark.points(2)
@pytest.mark.hint(
    "A chunked request carries no Content-Length, and a Content-Length only ever sizes the "
    "whole request, never one file: count each file's bytes while you read it.",
)
def test_oversized_file_without_content_length(client, harness):
    """A file over 1 MiB sent in a chunked request (no Content-Length) still gets 413"""
    r = client.post(
        "/files",
        content=chunked_upload(png(MIB + 300_000), "huge.png", "image/png"),
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert r.status_code == 413, (
        f"expected 413 for a {MIB + 300_000}-byte file sent without Content-Length, "
        f"got {r.status_code}: {r.text[:300]}"
    )
    stored = harness.stored_files()
    assert stored == [], f"expected nothing in the storage folder, found {stored}"


@pytest.mark.hint(
    "The 1 MiB limit applies to each file, not to the request: two files of 700 KB each are "
    "both fine.",
)
def test_limit_is_per_file(client):
    """Two files under 1 MiB each, together over it, are both accepted"""
    files = [
        ("left.png", png(700_000, seed="left"), "image/png"),
        ("right.jpg", jpeg(700_000, seed="right"), "image/jpeg"),
    ]
    records = stored_records(upload(client, files), 2)
    sizes = [record.get("size") for record in records]
    assert sizes == [700_000, 700_000], f"expected both files stored whole, got sizes {sizes}"


REFUSALS = {
    "too-large": (("huge.png", png(MIB + 1, seed="huge"), "image/png"), 413),
    "wrong-content": (("fake.png", b"MZ\x90\x00" + bytes(500), "image/png"), 415),
}


@pytest.mark.parametrize("bad, status", REFUSALS.values(), ids=REFUSALS.keys())
@pytest.mark.points(2)
@pytest.mark.hint(
    "A request is all or nothing: when one file is refused, delete what you already wrote "
    "for the files before it (and the refused file's partial copy), and record none of them.",
)
def test_refused_request_keeps_nothing(client, harness, bad, status):
    """When one file of a request is refused, none of the request's files is kept"""
    good = ("first.png", png(1000, seed="first"), "image/png")
    r = upload(client, [good, bad])
    assert r.status_code == status, (
        f"expected {status} for a request whose second file is {bad[0]}, "
        f"got {r.status_code}: {r.text[:300]}"
    )
    stored = harness.stored_files()
    assert stored == [], (
        f"expected the storage folder to be empty after the refused request, found {stored}"
    )
    r = client.get("/files")
    assert r.status_code == 200 and r.json() == [], (
        f"expected GET /files to list nothing after the refused request, got {r.status_code}: "
        f"{r.text}"
    )


@pytest.mark.hint(
    "Besides the 1 MiB per file, a whole request body may hold at most 4 MiB: FastAPI can "
    "enforce that for you with max_body_size on the route (or the app).",
)
def test_request_body_limit(client, harness):
    """A request body over 4 MiB gets 413, even when each file is under 1 MiB"""
    files = [(f"part{n}.png", png(900_000, seed=f"part{n}"), "image/png") for n in range(5)]
    r = upload(client, files)
    assert r.status_code == 413, (
        f"expected 413 for five files of 900,000 bytes (4.5 MB in one request), "
        f"got {r.status_code}: {r.text[:300]}"
    )
    stored = harness.stored_files()
    assert stored == [], f"expected nothing in the storage folder, found {stored}"


MAX_REQUEST_BYTES = 4 * MIB


def multipart_body(files: list[tuple[str, bytes, str]], description: str) -> bytes:
    """The multipart/form-data body of an upload, built by hand so that its size is exact."""
    parts = [
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="description"\r\n\r\n'
        f"{description}\r\n".encode()
    ]
    for filename, content, content_type in files:
        head = (
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


def body_of_size(total: int, seed: str) -> tuple[bytes, int]:
    """A valid upload of five PNGs (each under 1 MiB) whose whole body is `total` bytes."""
    sizes = [1_000_000] * 4
    names = [f"{seed}{n}.png" for n in range(5)]
    overhead = len(multipart_body([(name, b"", "image/png") for name in names], "Exact"))
    sizes.append(total - overhead - sum(sizes))
    files = [
        (name, png(size, seed=f"{seed}{n}"), "image/png")
        for n, (name, size) in enumerate(zip(names, sizes, strict=True))
    ]
    body = multipart_body(files, "Exact")
    assert len(body) == total
    return body, len(files)


@pytest.mark.hint(
    "The whole request body may hold at most 4 MiB: 4,194,304 bytes are accepted, one byte "
    "more gets 413.",
    "max_body_size=4 * 1024 * 1024 on the route (or the app) counts the body as it arrives.",
)
def test_request_body_limit_is_exactly_4_mib(client, harness):
    """A request body of exactly 4 MiB is accepted; one byte more gets 413 and stores nothing"""
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    over, _ = body_of_size(MAX_REQUEST_BYTES + 1, "over")
    r = client.post("/files", content=over, headers=headers)
    assert r.status_code == 413, (
        f"expected 413 for a request body of {MAX_REQUEST_BYTES + 1} bytes (five files under "
        f"1 MiB each), got {r.status_code}: {r.text[:300]}"
    )
    stored = harness.stored_files()
    assert stored == [], f"expected nothing in the storage folder, found {stored}"

    exact, count = body_of_size(MAX_REQUEST_BYTES, "exact")
    r = client.post("/files", content=exact, headers=headers)
    assert r.status_code == 201, (
        f"expected 201 for a request body of exactly {MAX_REQUEST_BYTES} bytes (five files "
        f"under 1 MiB each), got {r.status_code}: {r.text[:300]}"
    )
    stored_records(r, count)
