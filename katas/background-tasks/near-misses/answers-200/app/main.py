"""E-mail jobs: accepted at once with 202, sent after the response by a background task."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Request, Response, status

from app.jobs import Job, JobStore, run_job
from app.mailer import Mailer
from app.schemas import JobAccepted, JobRequest, JobView


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One mailer and one job store per app; they live and die with it."""
    app.state.mailer = Mailer()
    app.state.jobs = JobStore()
    yield


app = FastAPI(title="Mail jobs", lifespan=lifespan)


def get_mailer(request: Request) -> Mailer:
    return request.app.state.mailer


def get_jobs(request: Request) -> JobStore:
    return request.app.state.jobs


MailerDep = Annotated[Mailer, Depends(get_mailer)]
JobsDep = Annotated[JobStore, Depends(get_jobs)]


@app.post("/jobs")
async def create_job(
    payload: JobRequest,
    background_tasks: BackgroundTasks,
    jobs: JobsDep,
    mailer: MailerDep,
    request: Request,
    response: Response,
) -> JobAccepted:
    """Record the job and answer at once; the e-mails go out after the response is sent."""
    job = jobs.create()
    background_tasks.add_task(run_job, job, payload, mailer)
    response.headers["Location"] = request.app.url_path_for("read_job", job_id=job.id)
    return JobAccepted(id=job.id, status=job.status)


@app.get("/jobs/{job_id}")
async def read_job(job_id: str, jobs: JobsDep) -> JobView:
    job: Job | None = jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Job not found")
    return JobView(id=job.id, status=job.status, sent=job.sent, error=job.error)
