"""GET /models/{model_name}: a path parameter limited to the values of an Enum."""

from typing import Any

import pytest

MODELS = {"alexnet": 2012, "resnet": 2015, "lenet": 1998}


@pytest.mark.points(2)
@pytest.mark.hint(
    'GET /models/{model_name} answers {"model_name": <the name>, "year": <its year>} for each '
    "model listed in the README."
)
def test_listed_models_are_served(client: Any) -> None:
    """GET /models/{model_name} answers each listed model with its year"""
    for name, year in MODELS.items():
        r = client.get(f"/models/{name}")
        expected = {"model_name": name, "year": year}
        assert r.status_code == 200 and r.json() == expected, (
            f"expected 200 {expected} from GET /models/{name}, got {r.status_code}: {r.text}"
        )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Annotate model_name with an Enum of the allowed names (a str Enum, so the values are "
    "strings): FastAPI then refuses any other value with a 422 that lists the allowed ones.",
    "A plain str with a dictionary lookup lets unknown names through to your code; answering "
    "404 for them is not what the contract asks.",
)
@pytest.mark.parametrize("name", ["gpt", "AlexNet"], ids=["unknown", "wrong-case"])
def test_unlisted_model_is_422(client: Any, expect_422: Any, name: str) -> None:
    """A model name that is not listed gets FastAPI's 422 pointing at model_name"""
    r = client.get(f"/models/{name}")
    expect_422(r, ["path", "model_name"], f"GET /models/{name}")
