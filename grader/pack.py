"""``kata pack``: the handout a hiring team sends a candidate, as one .zip.

It holds what the candidate needs and nothing the grader keeps to itself: the stub project, the
README, SUBMITTING.md (how to send the work back, and what is graded) and the workspace marker,
so that ``kata check`` works for a candidate who has the grader and the kata. Never the specs, the
solution, the near-misses or the harness. Everything sits in one top folder named after the kata;
``kata grade`` takes the candidate's zip back with or without such a folder.

The zip is written next to ``--out`` and renamed into place, so a failure leaves no half-written
handout, and its entries have fixed dates, so the same kata always packs to the same bytes.
"""

import os
import stat
import zipfile
from pathlib import Path

import jinja2

from grader import __version__
from grader.catalog import Kata
from grader.errors import UsageError
from grader.models import WorkspaceMarker
from grader.workspace import MARKER, marker_text

SUBMITTING = "SUBMITTING.md"
LEFT_OUT = {"__pycache__"}  # folders of the stub never handed out
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold
SUBMITTING_TEMPLATE = """\
# Submitting your work on {{ title }}

README.md says what to build. This page says how to hand it in and how it is graded.

## Working on it
{% if writes_tests %}
The project is a FastAPI app, `{{ app }}`, and your tests of it, in `tests/`. Run your tests
while you work, and the app to try it:

```
pytest
uvicorn {{ app }} --reload
```
{% else %}
The project is a FastAPI app: the specs find it at `{{ app }}`, so keep that module and that
name. Run it while you work:

```
uvicorn {{ app }} --reload
```
{% endif %}
Use only the libraries the starting project can import (FastAPI, pydantic, SQLAlchemy, httpx and
the rest of the grader's stack{% if requirements %}, plus {{ requirements }}{% endif %}): nothing
else is installed where your work is graded.
{%- if builtin %}

If you have the `kata` grader installed, `kata check` in this folder runs the specs on your work.
{%- else %}

If you have the `kata` grader and this kata, `kata check` in this folder runs the specs on your
work.
{%- endif %}

## Handing it in

Send the whole project folder, as it is, or zip it first, from the folder above it:

```
zip -r {{ kata_id }}.zip {{ kata_id }}
```

A zip with or without the top folder is fine. Keep the layout of the starting project. Virtual
environments, `.git` and caches are left out when your work is taken in, so you need not remove
them.

## How it is graded
{% if writes_tests %}
Your tests run against the app as you were given it, where every one must pass, and then against
hidden versions of it, each with one fault (see "What is graded" in README.md). A fault
is caught when at least one of your tests fails on it; your score is the points of the faults
caught, once your tests pass on the correct app. Only your `tests/` folder is taken, without its
`conftest.py`: the grader's own `client` takes its place, bound to the version being graded. Each
run of your tests has {{ timeout }} seconds, with no network access.
{%- else %}
Hidden specs (their behaviours are listed under "What is graded" in README.md) run against your
app the way a client would: over HTTP, on a fresh app for every spec. Your score is the points of
the specs that pass; a spec that errors, times out or is skipped does not count. Only your
project's own code runs: a `conftest.py`, `pytest.ini` or other test set-up in it is ignored.
The whole run has {{ timeout }} seconds, and your app may have no network access, so do not call
outside services.
{%- endif %}
"""


def submitting_text(kata: Kata) -> str:
    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(default=False),
        keep_trailing_newline=True,
    )
    config = kata.config
    return environment.from_string(SUBMITTING_TEMPLATE).render(
        title=config.title,
        kata_id=kata.id,
        app=config.app,
        requirements=", ".join(config.requirements),
        timeout=config.timeout,
        builtin=kata.builtin,
        writes_tests=kata.config.grading == "tests",
    )


def handout(kata: Kata) -> dict[str, bytes]:
    """Path inside the project -> content: the stub, the README, SUBMITTING.md, the marker."""
    files = {}
    for path in sorted(kata.stub_dir.rglob("*")):
        relative = path.relative_to(kata.stub_dir)
        if path.is_file() and not LEFT_OUT & set(relative.parts) and path.suffix != ".pyc":
            files[relative.as_posix()] = path.read_bytes()
    # No catalog folder in the marker: a path on the author's machine means nothing to the
    # candidate, and `kata check` finds the kata in the candidate's own catalogs.
    marker = WorkspaceMarker(kata=kata.id, kata_version=kata.version, grader_version=__version__)
    files["README.md"] = kata.readme.read_bytes()
    files[SUBMITTING] = submitting_text(kata).encode()
    files[MARKER] = marker_text(marker).encode()
    return files


def check_out(out: Path, *, force: bool) -> None:
    if out.suffix.lower() != ".zip":
        raise UsageError(f"--out {out}: name a .zip file, e.g. --out handout.zip")
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; name the .zip file to write")
    if out.exists() and not force:
        raise UsageError(f"--out {out} already exists; choose another name or pass --force")
    if not out.parent.is_dir():
        raise UsageError(f"--out {out}: the folder {out.parent} does not exist; create it first")


def pack(kata: Kata, out: Path, *, force: bool = False) -> list[str]:
    """Write the kata's handout to ``out``; returns the names inside the zip."""
    check_out(out, force=force)
    files = handout(kata)
    partial = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(files.items()):
                entry = zipfile.ZipInfo(f"{kata.id}/{name}", date_time=ZIP_DATE)
                entry.external_attr = (stat.S_IFREG | 0o644) << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, data)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return [f"{kata.id}/{name}" for name in sorted(files)]
