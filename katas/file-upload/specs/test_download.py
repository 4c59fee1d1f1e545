"""GET /files/{id}: the file back, as an attachment with its name and type."""

import re

import pytest
from samples import pdf, png, stored_records, upload

DISPOSITION = re.compile(r'^\s*attachment\s*;\s*filename\s*=\s*"?([^";]*)"?\s*$', re.IGNORECASE)


@pytest.mark.points(2)
@pytest.mark.hint(
    "Answer with the stored bytes, Content-Type set to the type the file was stored as, and "
    'Content-Disposition: attachment; filename="<stored filename>".',
    "FileResponse(path, media_type=..., filename=...) sets both headers for you.",
)
def test_download_returns_the_file(client):
    """Downloading gives the same bytes, the stored type, and an attachment with the file's name"""
    files = [("beach.png", png(5000), "image/png"), ("tickets.pdf", pdf(7000), "application/pdf")]
    records = stored_records(upload(client, files), 2)
    for (name, content, content_type), record in zip(files, records, strict=True):
        r = client.get(f"/files/{record['id']}")
        assert r.status_code == 200, (
            f"expected 200 from GET /files/{record['id']} ({name}), got {r.status_code}: {r.text}"
        )
        assert r.content == content, (
            f"expected the {len(content)} bytes uploaded as {name}, got {len(r.content)} "
            "bytes that differ"
        )
        served_type = r.headers.get("content-type", "").split(";")[0].strip()
        assert served_type == content_type, (
            f"expected Content-Type: {content_type} for {name}, got {served_type!r}"
        )
        disposition = r.headers.get("content-disposition", "")
        match = DISPOSITION.match(disposition)
        assert match and match.group(1) == name, (
            f'expected Content-Disposition: attachment; filename="{name}", got {disposition!r}'
        )


@pytest.mark.parametrize("file_id", ["no-such-file", "%2e%2e"], ids=["unknown", "dot-dot"])
@pytest.mark.hint(
    "Look the id up among the files you stored and answer 404 with a JSON detail when it is "
    "not there.",
    "Never build a path from the id before you know it: /files/%2e%2e asks for the id `..`.",
)
def test_unknown_id_is_404(client, file_id):
    """GET /files/{id} for an id that was never stored answers 404"""
    stored_records(upload(client, [("beach.png", png(100), "image/png")]), 1)
    r = client.get(f"/files/{file_id}")
    assert r.status_code == 404, (
        f"expected 404 from GET /files/{file_id}, got {r.status_code}: {r.text[:300]}"
    )
