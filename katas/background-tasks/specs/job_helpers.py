"""What every spec does: submit a job, and wait for its background work to end.

In-process, the test client runs background tasks before it hands the response back; served by
a real server, they may still be running when the response arrives. `wait_for_job` covers both
without sleeping: it asks GET /jobs/{id} again until the job has left `pending`, within a
bounded time.
"""

import time
from typing import Any

WAIT_SECONDS = 3.0

WELCOME = {
    "subject": "Welcome aboard",
    "body": "Thanks for joining the beta.",
    "recipients": ["ann@example.com", "bob@example.org", "cy@example.net"],
}


def submit(client: Any, payload: dict[str, Any]) -> str:
    """POST the job, check it was accepted, return its id."""
    r = client.post("/jobs", json=payload)
    assert r.status_code == 202, (
        f"expected 202 from POST /jobs with {payload}, got {r.status_code}: {r.text}"
    )
    try:
        job_id = r.json().get("id")
    except (ValueError, AttributeError):
        job_id = None
    assert isinstance(job_id, str) and job_id, (
        f'expected the 202 body to have a non-empty string "id", got {r.text}'
    )
    return job_id


def wait_for_job(client: Any, job_id: str) -> dict[str, Any]:
    """GET /jobs/{id} until the job is no longer pending; its last state."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        r = client.get(f"/jobs/{job_id}")
        assert r.status_code == 200, (
            f"expected 200 from GET /jobs/{job_id} for a job the app accepted, "
            f"got {r.status_code}: {r.text}"
        )
        body = r.json()
        assert isinstance(body, dict), (
            f"expected a JSON object from GET /jobs/{job_id}, got {r.text}"
        )
        if body.get("status") != "pending":
            return body
        assert time.monotonic() < deadline, (
            f"job {job_id} was still pending {WAIT_SECONDS:.0f} seconds after it was accepted: "
            f"the background task must set the status to done or failed however it ends "
            f"(last answer: {r.text})"
        )
