"""Where the built-in catalog and the templates live.

A wheel carries them inside the package (``grader/katas``, ``grader/templates``); a checkout or an
editable install keeps them at the top of the repository, next to the package.
"""

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the grader's {name}/ folder is missing; reinstall kata")


def builtin_catalog_dir() -> Path:
    return _data_dir("katas")


def templates_dir() -> Path:
    return _data_dir("templates")
