"""After the response: the job's e-mails go out, and GET /jobs/{id} tells how it ended."""

import pytest
from job_helpers import WELCOME, submit, wait_for_job

ANNOUNCEMENT = {
    "subject": "Maintenance tonight",
    "body": "The service is down from 22:00 to 23:00.",
    "recipients": ["ops@example.com", "dee@nowhere.invalid", "eve@example.com"],
}


@pytest.mark.points(2)
@pytest.mark.hint(
    "When the background task has sent every e-mail, set the job's status to done and its "
    "sent count to the number of recipients.",
    'GET /jobs/{id} answers {"id", "status", "sent", "error"}; error is null unless the job '
    "failed.",
)
def test_job_ends_done(client):
    """A job whose e-mails all go out ends done, with sent counting them and no error"""
    job_id = submit(client, WELCOME)
    job = wait_for_job(client, job_id)
    expected = {"id": job_id, "status": "done", "sent": 3, "error": None}
    assert job == expected, f"expected GET /jobs/{job_id} to answer {expected}, got {job}"


@pytest.mark.points(2)
@pytest.mark.hint(
    "Send through request.app.state.mailer (the Mailer the lifespan creates): one "
    "`await mailer.send(to, subject, body)` per recipient, in the order given.",
    "Do it in the background task, not in the route itself.",
)
def test_emails_are_sent(client, harness):
    """The job sends the e-mail to each recipient, in order, with its subject and body"""
    job_id = submit(client, WELCOME)
    wait_for_job(client, job_id)
    expected = [
        {"to": to, "subject": WELCOME["subject"], "body": WELCOME["body"]}
        for to in WELCOME["recipients"]
    ]
    outbox = harness.outbox()
    assert outbox == expected, f"expected the mailer's outbox to hold {expected}, got {outbox}"


@pytest.mark.points(3)
@pytest.mark.hint(
    "mailer.send raises DeliveryError for a refused recipient. Catch it in the background "
    'task and record it on the job: status "failed", error the exception\'s message.',
    "An exception escaping a background task reaches no client: the job would stay pending "
    "forever. Stop at the first refusal; what was already sent stays sent.",
)
def test_refused_recipient_fails_the_job(client, harness):
    """A job with a refused recipient ends failed, with an error naming the address"""
    job_id = submit(client, ANNOUNCEMENT)
    job = wait_for_job(client, job_id)
    assert job.get("status") == "failed", (
        f'expected status "failed" for a job with the refused recipient dee@nowhere.invalid, '
        f"got {job}"
    )
    error = job.get("error")
    assert isinstance(error, str) and "dee@nowhere.invalid" in error, (
        f'expected "error" to be a message naming dee@nowhere.invalid, got {error!r}'
    )
    assert job.get("sent") == 1, (
        f'expected "sent": 1 (only ops@example.com went out before the refusal), got {job}'
    )
    sent_to = [email["to"] for email in harness.outbox()]
    assert sent_to == ["ops@example.com"], (
        "expected only ops@example.com in the outbox: sending stops at the first refused "
        f"recipient, got {sent_to}"
    )


@pytest.mark.hint(
    "Keep every job in a store keyed by its id, not in one 'current job' variable.",
    "A failing job must not change another job's status or e-mails.",
)
def test_jobs_are_independent(client, harness):
    """A failing job and a good one each end their own way and send their own e-mails"""
    failing = submit(client, ANNOUNCEMENT)
    good = submit(client, WELCOME)
    good_job = wait_for_job(client, good)
    failing_job = wait_for_job(client, failing)
    assert good_job.get("status") == "done", (
        f"expected the job without refused recipients to end done, got {good_job}"
    )
    assert failing_job.get("status") == "failed", (
        f"expected the job with a refused recipient to end failed, got {failing_job}"
    )
    sent_to = sorted(email["to"] for email in harness.outbox())
    expected = sorted(["ops@example.com", *WELCOME["recipients"]])
    assert sent_to == expected, f"expected e-mails to {expected}, got {sent_to}"


@pytest.mark.hint(
    'Answer 404 with a JSON "detail" for an id no job has; HTTPException does that.',
)
def test_unknown_job_is_404(client):
    """GET /jobs/{id} for an unknown id answers 404"""
    job_id = submit(client, WELCOME)
    wait_for_job(client, job_id)
    r = client.get("/jobs/no-such-job")
    assert r.status_code == 404, (
        f"expected 404 from GET /jobs/no-such-job, got {r.status_code}: {r.text}"
    )
    try:
        detail = r.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    assert isinstance(detail, str) and detail, f'expected a JSON "detail", got {r.text!r}'


@pytest.mark.hint(
    "A DeliveryError is not the only way sending can fail: the connection to the mail server "
    "can drop too. Whatever mailer.send raises, record it on the job: status failed, and an "
    "error message.",
    "Catch any Exception in the background task as well (after DeliveryError), set the job's "
    "status and error, and stop sending.",
)
def test_unexpected_error_fails_the_job(client, harness):
    """A job whose sending breaks some other way ends failed too, with an error"""
    harness.drop_connection_to("bob@example.org")
    job_id = submit(client, WELCOME)
    job = wait_for_job(client, job_id)
    assert job.get("status") == "failed", (
        'expected status "failed" for a job whose mailer raised ConnectionError (the connection '
        f"to the mail server dropped) at its 2nd recipient, bob@example.org, got {job}"
    )
    error = job.get("error")
    assert isinstance(error, str) and error, f'expected "error" to be a message, got {error!r}'
    assert job.get("sent") == 1, (
        f'expected "sent": 1 (only ann@example.com went out before the failure), got {job}'
    )
