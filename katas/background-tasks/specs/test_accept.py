"""POST /jobs: accepted at once, with somewhere to look for the outcome."""

from urllib.parse import urlsplit

import pytest
from job_helpers import WELCOME, submit, wait_for_job


@pytest.mark.points(2)
@pytest.mark.hint(
    "Answer POST /jobs with status 202 Accepted, not 200 or 201: the work is not done yet.",
    'The body is {"id": "<job id>", "status": "pending"}. Put the sending in a background task '
    "(BackgroundTasks.add_task) instead of awaiting it before you return.",
)
def test_job_is_accepted_pending(client):
    """POST /jobs answers 202 with the job's id and the status pending"""
    r = client.post("/jobs", json=WELCOME)
    assert r.status_code == 202, (
        f"expected 202 Accepted from POST /jobs, got {r.status_code}: {r.text}"
    )
    body = r.json()
    assert isinstance(body, dict), f"expected a JSON object, got {r.text}"
    assert isinstance(body.get("id"), str) and body["id"], (
        f'expected a non-empty string "id" in the 202 body, got {r.text}'
    )
    assert body.get("status") == "pending", (
        'expected "status": "pending" in the 202 body: the e-mails are sent after the response, '
        f"so nothing can be done yet when it is written, got {r.text}"
    )


@pytest.mark.points(2)
@pytest.mark.hint(
    "Add a Location header to the 202 response: the path of the job's status route, /jobs/<id>.",
    "Inject `response: Response` and set response.headers['Location'], or build it with "
    "request.app.url_path_for(...).",
)
def test_location_points_at_the_status_route(client):
    """The 202 carries a Location header that leads to GET /jobs/{id}"""
    r = client.post("/jobs", json=WELCOME)
    assert r.status_code == 202, f"expected 202 from POST /jobs, got {r.status_code}: {r.text}"
    job_id = r.json().get("id")
    location = r.headers.get("location")
    assert location, "the 202 response has no Location header"
    path = urlsplit(location).path
    assert path == f"/jobs/{job_id}", (
        f"expected Location to be /jobs/{job_id} (or a URL with that path), got {location!r}"
    )
    r = client.get(path)
    assert r.status_code == 200, f"expected 200 from GET {path}, got {r.status_code}: {r.text}"
    assert r.json().get("id") == job_id, (
        f"expected GET {path} to describe job {job_id}, got {r.text}"
    )


@pytest.mark.hint(
    "Give every job a new id: a uuid4 or a counter kept per app, never a fixed value.",
)
def test_each_job_has_its_own_id(client):
    """Every job gets its own id"""
    ids = [submit(client, WELCOME) for _ in range(3)]
    assert len(set(ids)) == 3, f"expected three different ids for three jobs, got {ids}"


INVALID = {
    "no-recipients": {**WELCOME, "recipients": []},
    "not-an-address": {**WELCOME, "recipients": ["ann@example.com", "bob at example.org"]},
    "no-subject": {"body": WELCOME["body"], "recipients": WELCOME["recipients"]},
    "empty-subject": {**WELCOME, "subject": ""},
}


@pytest.mark.parametrize("payload", INVALID.values(), ids=INVALID.keys())
@pytest.mark.hint(
    "Validate the request with a Pydantic model: subject and body are non-empty strings, "
    "recipients a list of 1 to 20 e-mail addresses (something@somewhere, no spaces).",
    "A field_validator on recipients can refuse an address; FastAPI answers 422 before your "
    "route runs, so no job is created and nothing is sent.",
)
def test_invalid_job_is_refused(client, harness, payload):
    """A job that cannot be sent is refused with 422 and sends nothing"""
    r = client.post("/jobs", json=payload)
    assert r.status_code == 422, (
        f"expected 422 from POST /jobs with {payload}, got {r.status_code}: {r.text}"
    )
    job_id = submit(client, WELCOME)
    wait_for_job(client, job_id)
    sent_to = [email["to"] for email in harness.outbox()]
    assert sent_to == WELCOME["recipients"], (
        f"after a refused job and a good one, expected e-mails only to the good job's "
        f"recipients {WELCOME['recipients']}, got {sent_to}"
    )


def _job(subject_length: int, body_length: int, recipient_count: int) -> dict:
    return {
        "subject": "s" * subject_length,
        "body": "b" * body_length,
        "recipients": [f"user{n}@example.com" for n in range(recipient_count)],
    }


@pytest.mark.points(2)
@pytest.mark.hint(
    "subject is 1 to 200 characters, body 1 to 10,000 characters, recipients a list of 1 to 20 "
    "addresses: both ends included.",
    "Field(min_length=..., max_length=...) on each field does it, for strings and lists alike; "
    "check the numbers against the contract.",
)
def test_bounds_are_enforced_at_their_edges(client):
    """The shortest and longest valid jobs are accepted; one past any bound answers 422"""
    accepted = {
        "the shortest valid job (1-character subject and body, 1 recipient)": _job(1, 1, 1),
        "the longest valid job (200-character subject, 10,000-character body, 20 recipients)": (
            _job(200, 10_000, 20)
        ),
    }
    for what, payload in accepted.items():
        r = client.post("/jobs", json=payload)
        assert r.status_code == 202, f"expected 202 for {what}, got {r.status_code}: {r.text}"
    refused = {
        "a 201-character subject": _job(201, 1, 1),
        "an empty body": _job(1, 0, 1),
        "a 10,001-character body": _job(1, 10_001, 1),
        "21 recipients": _job(1, 1, 21),
    }
    for what, payload in refused.items():
        r = client.post("/jobs", json=payload)
        assert r.status_code == 422, (
            f"expected 422 for a job with {what}, got {r.status_code}: {r.text[:300]}"
        )
