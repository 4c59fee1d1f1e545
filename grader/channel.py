"""What both sides of the black-box mode agree on: socket names, the token's place, timeouts.

Kept apart from the code of either side so that the grader's command line can name them
without importing pytest, httpx or uvicorn.
"""

APP_SOCKET = "app.sock"  # the learner's app, served by uvicorn
CONTROL_SOCKET = "control.sock"  # fresh apps, harness calls and the end of the run
TOKEN_VARIABLE = "KATA_CONTROL_TOKEN"  # noqa: S105 - where the spec side finds the token
REQUEST_SECONDS = 15.0  # the longest one request may take, unless the whole run is shorter
# Test-writing katas: the learner's suite runs in a sandbox of its own that shares only the sockets
# folder, so the grader marks the end of the app's side there.
APP_ENDED = "app-ended"
# How long the launcher waits for its token: it comes at once to a fresh sandbox, or when its run
# is handed to a container started ahead (a docker spare), which waits no longer than this.
TOKEN_WAIT_SECONDS = 600
