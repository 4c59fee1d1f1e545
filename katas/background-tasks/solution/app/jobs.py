"""The jobs an app has accepted, and the work one job does once its response has gone out."""

import uuid
from dataclasses import dataclass

from app.mailer import DeliveryError, Mailer
from app.schemas import JobRequest, JobStatus


@dataclass
class Job:
    id: str
    status: JobStatus = JobStatus.pending
    sent: int = 0
    error: str | None = None


class JobStore:
    """Jobs by id, in memory: they live as long as the app that accepted them."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}

    def create(self) -> Job:
        job = Job(id=uuid.uuid4().hex)
        self._jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)


async def run_job(job: Job, request: JobRequest, mailer: Mailer) -> None:
    """Send the e-mail to each recipient in turn; stop at the first refusal.

    Nobody is waiting for this coroutine: it runs after the 202 went out, so an exception
    escaping it would only reach a log. Every ending is recorded on the job instead, so
    that GET /jobs/{id} never reports `pending` for a job that will not move again.
    """
    try:
        for recipient in request.recipients:
            await mailer.send(recipient, request.subject, request.body)
            job.sent += 1
    except DeliveryError as exc:
        job.error = str(exc)
        job.status = JobStatus.failed
    except Exception as exc:
        job.error = f"unexpected error: {exc}"
        job.status = JobStatus.failed
        raise
    else:
        job.status = JobStatus.done
