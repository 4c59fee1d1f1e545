"""``kata create``: a new kata from the templates in ``templates/new-kata``, ready to edit.

The scaffold is a complete, tiny kata (one route, one spec, a harness, a solution and one
near-miss), so the fresh kata passes ``kata verify`` and every edit an author makes can be
verified from the first minute. Files ending in ``.j2`` are rendered with jinja2 (a name the
renderer does not pass is an error, never an empty string); the others are copied as they are.

The kata is built in a hidden folder next to its target and renamed into place, so a failure
half-way leaves nothing behind, and it goes only into a catalog folder that already exists and
is not the built-in catalog.
"""

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import jinja2
from pydantic import TypeAdapter, ValidationError

from grader.catalog import KATA_PATH_VARIABLE, Catalog, load_kata
from grader.errors import UsageError
from grader.models import KataId
from grader.resources import builtin_catalog_dir, templates_dir

TEMPLATE_DIR = "new-kata"
TEMPLATE_SUFFIX = ".j2"
_KATA_ID = TypeAdapter(KataId)


def check_id(kata_id: str) -> str:
    try:
        return _KATA_ID.validate_python(kata_id)
    except ValidationError:
        raise UsageError(
            f"{kata_id!r} is not a valid kata id: use lowercase letters and digits in words "
            f"joined by single hyphens, like rate-limiter (at most 64 characters)"
        ) from None


def choose_catalog(catalog: Path | None, environ: Mapping[str, str] | None = None) -> Path:
    """The catalog folder to write into: --catalog, else the one folder KATA_PATH names."""
    environ = os.environ if environ is None else environ
    if catalog is None:
        folders = [part for part in environ.get(KATA_PATH_VARIABLE, "").split(os.pathsep) if part]
        if not folders:
            raise UsageError(
                f"say which catalog folder the kata goes in: pass --catalog DIR (or set "
                f"{KATA_PATH_VARIABLE} to that one folder)"
            )
        if len(folders) > 1:
            raise UsageError(
                f"{KATA_PATH_VARIABLE} names {len(folders)} folders; pass --catalog DIR to "
                f"say which one the kata goes in"
            )
        catalog = Path(folders[0])
    if not catalog.is_dir():
        raise UsageError(
            f"catalog {catalog} is not a folder; create it first (mkdir -p {catalog}) or check "
            f"the path"
        )
    if catalog.resolve() == builtin_catalog_dir().resolve():
        raise UsageError(
            f"{catalog} is the built-in catalog, which kata never writes into; create the kata "
            f"in a catalog of your own"
        )
    return catalog


def _render(source: Path, destination: Path, context: Mapping[str, str]) -> None:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(source),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(default=False),
        keep_trailing_newline=True,
    )
    for path in sorted(source.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(source)
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.name.endswith(TEMPLATE_SUFFIX):
            template = environment.get_template(relative.as_posix())
            target.with_name(path.name.removesuffix(TEMPLATE_SUFFIX)).write_text(
                template.render(context), encoding="utf-8"
            )
        else:
            shutil.copyfile(path, target)


def create_kata(kata_id: str, catalog: Path | None) -> Path:
    """Scaffold kata ``kata_id`` in the catalog folder; returns the new kata's folder."""
    kata_id = check_id(kata_id)
    folder = choose_catalog(catalog)
    target = folder / kata_id
    if target.exists():
        raise UsageError(f"{target} already exists; choose another id or remove it first")
    reachable = Catalog.discover([folder])
    if kata_id in reachable.ids():
        raise UsageError(
            f"a kata named {kata_id!r} already exists (kata show {kata_id} says which); a second "
            f"one would make both unusable, so choose another id"
        )
    context = {"kata_id": kata_id, "title": kata_id.replace("-", " ").capitalize()}
    # The staging folder sits one level down, so no catalog scan takes it for a kata meanwhile.
    with tempfile.TemporaryDirectory(prefix=".kata-create-", dir=folder) as tmp:
        staging = Path(tmp) / kata_id
        _render(templates_dir() / TEMPLATE_DIR, staging, context)
        load_kata(staging)  # the templates must make a kata that loads
        staging.rename(target)
    return target
