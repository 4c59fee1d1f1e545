"""Find katas on disk and load them.

Katas come from the built-in catalog, from each folder in ``KATA_PATH`` and from each
``--catalog DIR``; a catalog folder holds one sub-folder per kata, each with a ``kata.toml``.
"""

import difflib
import os
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from grader.errors import KataConfigError, UsageError
from grader.hashing import tree_hash
from grader.models import FaultConfig, KataConfig, NearMissConfig
from grader.resources import builtin_catalog_dir

KATA_PATH_VARIABLE = "KATA_PATH"
REQUIRED_PARTS = ("README.md", "stub", "specs", "solution")
# A test-writing kata (grading = "tests"): the learner's tests are graded against the correct app
# and its faults, so it has no specs and no harness.
SUITE_REQUIRED_PARTS = ("README.md", "stub", "solution", "faults")
SUITE_FORBIDDEN_PARTS = ("specs", "harness.py")
SUITE_FOLDER = "tests"  # the learner's tests, in the stub and the solution
NEAR_MISS_FILE = "near-miss.toml"
FAULT_FILE = "fault.toml"

_Model = TypeVar("_Model", bound=BaseModel)


def load_toml_model(path: Path, model: type[_Model]) -> _Model:
    """Read a TOML file into a model; any problem becomes one line naming the file and field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KataConfigError(f"{path}: file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KataConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or '(file)'}: {error['msg']}"
            for error in exc.errors()
        )
        raise KataConfigError(f"{path}: {problems}") from None


@dataclass(frozen=True)
class NearMiss:
    """A plausible wrong solution and the specs that must catch it.

    Its folder holds near-miss.toml and only the files that differ from the kata's solution.
    """

    name: str
    path: Path
    config: NearMissConfig


@dataclass(frozen=True)
class Fault:
    """A hidden wrong version of a test-writing kata's app, which the learner's tests must catch.

    Its folder holds fault.toml and only the app files that differ from the correct app.
    """

    name: str
    path: Path
    config: FaultConfig


@dataclass(frozen=True, eq=False)
class Kata:
    """A kata folder on disk, validated."""

    root: Path
    config: KataConfig
    builtin: bool = field(default=False)

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def readme(self) -> Path:
        return self.root / "README.md"

    @property
    def stub_dir(self) -> Path:
        return self.root / "stub"

    @property
    def specs_dir(self) -> Path:
        return self.root / "specs"

    @property
    def solution_dir(self) -> Path:
        return self.root / "solution"

    @property
    def harness(self) -> Path | None:
        path = self.root / "harness.py"
        return path if path.is_file() else None

    @cached_property
    def version(self) -> str:
        """Content hash of every file of the kata: what a report was graded against."""
        return tree_hash(self.root)[:16]

    @property
    def faults_dir(self) -> Path:
        return self.root / "faults"

    def faults(self) -> list[Fault]:
        """The faults of a test-writing kata, by name (none for a spec kata)."""
        if self.config.grading != "tests":
            return []
        return [
            Fault(path.name, path, load_toml_model(path / FAULT_FILE, FaultConfig))
            for path in sorted(self.faults_dir.iterdir())
            if path.is_dir()
        ]

    def near_misses(self) -> list[NearMiss]:
        folder = self.root / "near-misses"
        if not folder.is_dir():
            return []
        return [
            NearMiss(path.name, path, load_toml_model(path / NEAR_MISS_FILE, NearMissConfig))
            for path in sorted(folder.iterdir())
            if path.is_dir()
        ]


def load_kata(root: Path, *, builtin: bool = False) -> Kata:
    config = load_toml_model(root / "kata.toml", KataConfig)
    if config.id != root.name:
        raise KataConfigError(
            f"{root / 'kata.toml'}: id: {config.id!r} does not match its folder name "
            f"{root.name!r}; rename one of them"
        )
    required = SUITE_REQUIRED_PARTS if config.grading == "tests" else REQUIRED_PARTS
    missing = [part for part in required if not (root / part).exists()]
    if missing:
        raise KataConfigError(f"{root}: the kata is missing {', '.join(missing)}")
    kata = Kata(root=root, config=config, builtin=builtin)
    if config.grading == "tests":
        _check_suite_layout(kata)
    return kata


def _files(folder: Path) -> dict[str, bytes]:
    """Relative path -> content of every file under ``folder``, caches left out."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def app_files(project: Path) -> dict[str, bytes]:
    """The app of a test-writing kata's project: every file but the learner's tests."""
    return {
        name: data
        for name, data in _files(project).items()
        if name.split("/", 1)[0] != SUITE_FOLDER
    }


def _check_suite_layout(kata: Kata) -> None:
    """What a test-writing kata must look like, checked when it loads: a bad one is one line."""
    root = kata.root
    for part in SUITE_FORBIDDEN_PARTS:
        if (root / part).exists():
            raise KataConfigError(
                f'{root / part}: a kata with grading = "tests" has no {part}; its faults/ '
                f"grade the learner's tests"
            )
    for project in (kata.stub_dir, kata.solution_dir):
        if not (project / SUITE_FOLDER).is_dir():
            raise KataConfigError(f"{project}: holds no {SUITE_FOLDER}/ folder for the learner")
    correct = app_files(kata.solution_dir)
    folders = {name.split("/", 1)[0] for name in correct if "/" in name}
    faults = kata.faults()
    if not faults:
        raise KataConfigError(f"{kata.faults_dir}: no faults (one folder each, with {FAULT_FILE})")
    for fault in faults:
        changed = _files(fault.path)
        changed.pop(FAULT_FILE)  # load_toml_model above has already required it
        outside = sorted(name for name in changed if name.split("/", 1)[0] not in folders)
        if outside:
            raise KataConfigError(
                f"{fault.path}: holds {', '.join(outside)}, which is not a file of the app; a "
                f"fault holds only app files (under {', '.join(sorted(folders))}/) that differ"
            )
        if all(correct.get(name) == data for name, data in changed.items()):
            raise KataConfigError(
                f"{fault.path}: changes nothing in the correct app; add the app files it alters"
            )


def catalog_dirs(
    extra: Sequence[Path] = (), *, environ: dict[str, str] | None = None
) -> list[Path]:
    """The folders to look for katas in: --catalog first, then KATA_PATH, then the built-in."""
    environ = os.environ if environ is None else environ
    from_env = [
        Path(part) for part in environ.get(KATA_PATH_VARIABLE, "").split(os.pathsep) if part
    ]
    for folder in [*extra, *from_env]:
        if not folder.is_dir():
            origin = "--catalog" if folder in extra else KATA_PATH_VARIABLE
            raise UsageError(f"{origin}: {folder} is not a folder")
    return [*extra, *from_env, builtin_catalog_dir()]


def _kata_folders(folder: Path) -> Iterable[Path]:
    return (path.parent for path in sorted(folder.glob("*/kata.toml")))


class Catalog:
    """Every kata the user can reach, by id; each kata is loaded and validated when first used.

    Loading lazily means one malformed kata only breaks the commands that touch it.
    """

    def __init__(self, folders: Sequence[Path]) -> None:
        builtin = builtin_catalog_dir().resolve()
        self._roots: dict[str, tuple[Path, bool]] = {}
        self._loaded: dict[str, Kata] = {}
        for folder in dict.fromkeys(path.resolve() for path in folders):
            for root in _kata_folders(folder):
                if root.name in self._roots:
                    raise KataConfigError(
                        f"kata {root.name!r} is defined twice: in {self._roots[root.name][0]} "
                        f"and in {root}; remove or rename one"
                    )
                self._roots[root.name] = (root, folder == builtin)

    @classmethod
    def discover(cls, extra: Sequence[Path] = ()) -> "Catalog":
        return cls(catalog_dirs(extra))

    def __iter__(self) -> Iterator[Kata]:
        return iter([self.get(kata_id) for kata_id in self.ids()])

    def ids(self) -> list[str]:
        return sorted(self._roots)

    def __len__(self) -> int:
        return len(self._roots)

    def get(self, kata_id: str) -> Kata:
        if kata_id in self._loaded:
            return self._loaded[kata_id]
        if kata_id not in self._roots:
            close = difflib.get_close_matches(kata_id, self._roots, n=3)
            suggestion = f"; did you mean {' or '.join(close)}?" if close else ""
            raise UsageError(
                f"no kata named {kata_id!r}{suggestion} (run `kata list` to see them all)"
            )
        root, builtin = self._roots[kata_id]
        self._loaded[kata_id] = load_kata(root, builtin=builtin)
        return self._loaded[kata_id]
