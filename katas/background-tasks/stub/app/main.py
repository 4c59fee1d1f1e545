"""E-mail jobs: a client asks for an e-mail to be sent to a list of recipients.

Sending takes time, so the client must not wait for it: accept the job at once and send the
e-mails after the response, with FastAPI's BackgroundTasks.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.mailer import Mailer


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One mailer per app. Send every e-mail through request.app.state.mailer: the graders read
    its outbox to see what your jobs sent."""
    app.state.mailer = Mailer()
    yield


app = FastAPI(title="Mail jobs", lifespan=lifespan)

# TODO: POST /jobs with {"subject", "body", "recipients"}:
#   - validate it (422 on bad input), record a job and answer 202 {"id": ..., "status": "pending"}
#     with a Location header pointing at /jobs/{id};
#   - send the e-mail to each recipient in a background task (BackgroundTasks), after the response.
# TODO: GET /jobs/{id}: {"id", "status": "pending" | "done" | "failed", "sent", "error"}, or 404.
#   A job whose recipient is refused (mailer.send raises DeliveryError) ends "failed" with the
#   error message.
