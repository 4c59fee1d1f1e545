"""The `client` your tests use, for running them locally with `pytest`.

Grading leaves this file out: the grader gives your tests its own `client`, bound to each version
of the app it grades, with a fresh app for every test, as here. So keep this file as it is, and
put your own helpers in your test modules or in a module of yours such as tests/helpers.py.
"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A client of a fresh app, whose library is empty."""
    with TestClient(create_app()) as test_client:
        yield test_client
