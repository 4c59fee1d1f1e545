"""Names: only the client's base name is kept, made of safe characters."""

import re

import pytest
from samples import pdf, png, stored_records, upload

DISPOSITION = re.compile(r'^\s*attachment\s*;\s*filename\s*=\s*"?([^";]*)"?\s*$', re.IGNORECASE)

PATHS = {
    "parent-folders": ("../../etc/passwd", "passwd"),
    "windows-path": ("..\\..\\Windows\\evil.pdf", "evil.pdf"),
    "absolute": ("/etc/cron.d/job.png", "job.png"),
    "one-up": ("../escape.png", "escape.png"),
}


@pytest.mark.parametrize("sent, kept", PATHS.values(), ids=PATHS.keys())
@pytest.mark.points(2)
@pytest.mark.hint(
    "Keep only what follows the last / or \\ of the client's filename, and never build a path "
    "from the client's name: store the bytes under a name you choose (the id, say).",
    "os.path.basename on Linux ignores backslashes: split on both separators yourself.",
)
def test_path_is_stripped(client, harness, sent, kept):
    """A filename with folders in it is stored under its base name, and nothing lands elsewhere"""
    content = pdf(900) if kept.endswith(".pdf") else png(900)
    content_type = "application/pdf" if kept.endswith(".pdf") else "image/png"
    [record] = stored_records(upload(client, [(sent, content, content_type)]), 1)
    assert record.get("filename") == kept, (
        f"expected the file sent as {sent!r} to be stored as {kept!r}, got {record}"
    )
    outside = harness.files_outside_storage()
    assert outside == [], (
        f"the upload named {sent!r} wrote files outside the storage folder: {outside}"
    )
    r = client.get(f"/files/{record['id']}")
    match = DISPOSITION.match(r.headers.get("content-disposition", ""))
    assert r.status_code == 200 and match and match.group(1) == kept, (
        f'expected the download to be an attachment with filename="{kept}", got '
        f"{r.status_code} with Content-Disposition {r.headers.get('content-disposition')!r}"
    )


NAMES = {
    "spaces-and-brackets": ("quarterly report (final).pdf", "quarterly_report__final_.pdf"),
    "hidden": (".profile.png", "profile.png"),
    "only-dots": ("..", "upload"),
    "symbols": ("50% off & more!.png", "50__off___more_.png"),
}


@pytest.mark.parametrize("sent, kept", NAMES.values(), ids=NAMES.keys())
@pytest.mark.hint(
    "Replace every character other than A-Z, a-z, 0-9, dot, dash and underscore with an "
    "underscore, then drop leading dots; a name left empty becomes `upload`.",
)
def test_unsafe_characters_are_replaced(client, sent, kept):
    """Characters outside letters, digits, dot, dash and underscore become underscores"""
    content = pdf(900) if sent.endswith(".pdf") else png(900)
    content_type = "application/pdf" if sent.endswith(".pdf") else "image/png"
    [record] = stored_records(upload(client, [(sent, content, content_type)]), 1)
    assert record.get("filename") == kept, (
        f"expected the file sent as {sent!r} to be stored as {kept!r}, got {record}"
    )
