"""The ``docker`` sandbox: a fresh container per run, serving the submission black-box.

The container is created, never ``run``: it has no network, a read-only root, the image's
non-root user, no capabilities, no-new-privileges, an init process, memory equal to memory+swap,
pids, CPU, open-file and file-size limits, and size-capped tmpfs work areas. The submission and
the harness go in as a tar that the grader builds itself (regular files only, owner and mode
set explicitly), streamed through stdin after the control token. The specs never go in. Only the
sockets folder is shared with the host. The wall clock is kept from outside, and the container
is always removed. Labels let the next run sweep away anything a crash left behind.
"""

import contextlib
import io
import json
import os
import shutil
import socket
import tarfile
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from grader.channel import TOKEN_WAIT_SECONDS
from grader.errors import SandboxError
from grader.models import RunEnd
from grader.sandbox.base import LaunchRequest, Outcome, Sandbox, wait_for_end

LABEL_RUN = "org.kata.run"
LABEL_DEADLINE = "org.kata.deadline"
LABEL_SPARE_SOCKETS = "org.kata.spare-sockets"  # a spare's host folder, removed with it
SPARES_PREFIX = "kata-spares-"
PYTHON = "/opt/kata/bin/python"
WORK = "/work"
SOCKETS = "/run/kata"
SANDBOX_UID = 10001
WORK_SIZE_MB = 64
# Host paths and the host's PATH mean nothing inside the image; the image sets its own.
_HOST_ONLY_VARIABLES = {"PATH", "HOME", "TMPDIR"}
# How long a spare waits for its run: as long as its launcher waits for the token.
SPARE_SECONDS = TOKEN_WAIT_SECONDS


def submission_tar(submission: Path, harness: Path | None) -> bytes:
    """The tar that carries the submission (and harness) in: regular files, owner and mode set."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:

        def add(name: str, data: bytes | None, mode: int) -> None:
            info = tarfile.TarInfo(name)
            info.uid = info.gid = SANDBOX_UID
            info.uname = info.gname = "kata"
            info.mode = mode
            if data is None:
                info.type = tarfile.DIRTYPE
                archive.addfile(info)
            else:
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))

        add("submission", None, 0o755)
        for path in sorted(submission.rglob("*")):
            name = f"submission/{path.relative_to(submission).as_posix()}"
            if path.is_symlink():
                continue  # intake never makes links; a copy that has one is not ours
            if path.is_dir():
                add(name, None, 0o755)
            elif path.is_file():
                add(name, path.read_bytes(), 0o644)
        if harness is not None:
            add("harness.py", harness.read_bytes(), 0o444)
    return buffer.getvalue()


def launcher_command(request: LaunchRequest) -> list[str]:
    command = [
        PYTHON, "-I", "-B", "-m", request.module,
        "--unpack", WORK, "--submission", f"{WORK}/submission",
        "--app", request.app, "--sockets", SOCKETS,
    ]  # fmt: skip
    if request.harness is not None:
        command += ["--harness", f"{WORK}/harness.py"]
    return command


@dataclass(frozen=True)
class _Spare:
    """A container started ahead of its run: its launcher has done its imports and waits for the
    token and the submission on stdin."""

    container: Any
    sockets: Path


def _spare_key(request: LaunchRequest) -> str:
    """What a container is fixed to when it is created; a spare serves only runs that match."""
    fixed = {
        "command": launcher_command(request),
        "environment": _environment(request),
        "limits": request.limits.model_dump(mode="json"),
    }
    return json.dumps(fixed, sort_keys=True)


def _environment(request: LaunchRequest) -> dict[str, str]:
    kept = {name: value for name, value in request.env.items() if name not in _HOST_ONLY_VARIABLES}
    return {**kept, "HOME": "/tmp", "TMPDIR": "/tmp"}  # noqa: S108 - the container's own tmpfs


class DockerSandbox(Sandbox):
    """A fresh container per run; asked to start some ahead, it keeps that many spares ready.

    Getting ready (importing the SDK, reaching the engine, finding the image, sweeping leftovers)
    happens in the background from the start, so that it overlaps with the specs' side starting
    up; its errors are raised at the first use.
    """

    name = "docker"

    def __init__(self, image: str | None = None) -> None:
        from grader.image import default_image_ref

        self.image = image or default_image_ref()
        self.spares = 0
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kata-docker")
        self._setup = self._background.submit(self._connect)
        self._lock = threading.Lock()
        self._idle: dict[str, list[_Spare]] = {}
        self._claimed: dict[str, _Spare] = {}
        self._spare_root: Path | None = None

    def _connect(self) -> tuple[Any, str]:
        from docker.errors import ImageNotFound

        from grader.sandbox.available import connect_docker

        client = connect_docker()
        try:
            image_id = str(client.images.get(self.image).id)
        except ImageNotFound:
            raise SandboxError(
                f"the sandbox image {self.image} is not built; run `kata image build`"
            ) from None
        self._sweep(client)
        return client, image_id

    @property
    def _client(self) -> Any:
        return self._setup.result()[0]

    @property
    def image_id(self) -> str:  # type: ignore[override]
        return self._setup.result()[1]

    def check(self) -> None:
        """Raise now if the engine or the image is missing, rather than at the first run."""
        self._setup.result()

    @staticmethod
    def _sweep(client: Any) -> None:
        """Remove containers of earlier runs that are past their deadline (a crashed grader's)."""
        now = time.time()
        for container in client.containers.list(all=True, filters={"label": LABEL_RUN}):
            deadline = float(container.labels.get(LABEL_DEADLINE, "0") or 0)
            if deadline < now:
                try:
                    container.remove(force=True)
                except Exception:  # noqa: S112 - another grader may be sweeping too
                    continue
                _remove_spare_folder(container.labels.get(LABEL_SPARE_SOCKETS))

    def _create(self, request: LaunchRequest, sockets: Path, *, spare: bool = False) -> Any:
        from docker.types import LogConfig, Mount, Ulimit

        limits = request.limits
        mib = 1024 * 1024
        file_size = limits.file_size_mb * mib
        tmpfs_options = f"size={WORK_SIZE_MB}m,uid={SANDBOX_UID},gid={SANDBOX_UID},mode=0700"
        return self._client.containers.create(
            self.image,
            command=launcher_command(request),
            user=f"{SANDBOX_UID}:{SANDBOX_UID}",
            environment=_environment(request),
            working_dir=WORK,
            network_mode="none",
            read_only=True,
            tmpfs={WORK: tmpfs_options, "/tmp": tmpfs_options},  # noqa: S108
            mounts=[Mount(target=SOCKETS, source=str(sockets), type="bind")],
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            init=True,
            mem_limit=limits.memory_mb * mib,
            memswap_limit=limits.memory_mb * mib,
            pids_limit=limits.processes,
            nano_cpus=int(limits.cpus * 1e9),
            ulimits=[
                Ulimit(name="nofile", soft=limits.open_files, hard=limits.open_files),
                Ulimit(name="fsize", soft=file_size, hard=file_size),
                Ulimit(name="cpu", soft=limits.cpu_seconds, hard=limits.cpu_seconds + 5),
                Ulimit(name="core", soft=0, hard=0),
            ],
            log_config=LogConfig(type="json-file", config={"max-size": f"{limits.output_kb}k"}),
            labels={
                LABEL_RUN: "1",
                LABEL_DEADLINE: str(
                    time.time() + (SPARE_SECONDS if spare else 0) + limits.wall_seconds + 60
                ),
                **({LABEL_SPARE_SOCKETS: str(sockets)} if spare else {}),
            },
            # Created attached (not detached) with stdin open, the container's stdin closes
            # once the submission has been sent (StdinOnce), so the launcher sees its end.
            stdin_open=True,
            tty=False,
        )

    # Spares: containers started ahead, so that a run does not wait for one to start.

    def start_ahead(self, count: int) -> None:
        self.spares = count

    def prepare(self, request: LaunchRequest) -> LaunchRequest:
        if not self.spares:
            return request
        key = _spare_key(request)
        with self._lock:
            spare = self._idle.get(key, []).pop(0) if self._idle.get(key) else None
        self._background.submit(self._top_up, request, key)
        if spare is None or not self._running(spare):
            return request
        self._claimed[request.token] = spare
        return replace(request, sockets=spare.sockets)

    @staticmethod
    def _running(spare: _Spare) -> bool:
        """A spare whose launcher died while it waited is no use; it is removed."""
        from docker.errors import DockerException

        try:
            spare.container.reload()
            if spare.container.status == "running":
                return True
            spare.container.remove(force=True)
        except DockerException:
            pass
        shutil.rmtree(spare.sockets, ignore_errors=True)
        return False

    def _top_up(self, request: LaunchRequest, key: str) -> None:
        from docker.errors import DockerException

        while True:
            with self._lock:
                if self._spare_root is None:
                    prefix = f"{SPARES_PREFIX}{os.getpid()}-"
                    self._spare_root = Path(tempfile.mkdtemp(prefix=prefix))
                if len(self._idle.get(key, [])) >= self.spares:
                    return
                sockets = Path(tempfile.mkdtemp(dir=self._spare_root))
            sockets.chmod(0o777)  # the sandbox's own user creates the sockets here
            try:
                container = self._create(request, sockets, spare=True)
                container.start()
            except DockerException:
                shutil.rmtree(sockets, ignore_errors=True)
                return  # the next run starts its own container, and says what is wrong
            with self._lock:
                self._idle.setdefault(key, []).append(_Spare(container, sockets))

    def close(self) -> None:
        """Remove the spares nobody used (the sweep gets them otherwise, once they expire)."""
        from docker.errors import DockerException

        self._background.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            spares = [spare for waiting in self._idle.values() for spare in waiting]
            self._idle.clear()
        for spare in spares:
            with contextlib.suppress(DockerException):
                spare.container.remove(force=True)
        if self._spare_root is not None:
            shutil.rmtree(self._spare_root, ignore_errors=True)

    @staticmethod
    def _send_stdin(container: Any, data: bytes) -> None:
        """Stream the token and the tar to the launcher, then close its stdin."""
        attached = container.attach_socket(params={"stdin": 1, "stream": 1})
        raw = getattr(attached, "_sock", attached)  # the SDK wraps the socket in a reader
        try:
            # A launcher that dies at once closes its end first; its output will say why.
            with contextlib.suppress(OSError):
                raw.sendall(data)
                raw.shutdown(socket.SHUT_WR)
        finally:
            raw.close()
            attached.close()

    def launch(self, request: LaunchRequest, stop: threading.Event) -> Outcome:
        from docker.errors import APIError, DockerException

        started = time.monotonic()
        tar = submission_tar(request.submission, request.harness)
        spare = self._claimed.pop(request.token, None)
        container = spare.container if spare else self._create(request, request.sockets)
        try:
            sender = threading.Thread(
                target=self._send_stdin,
                args=(container, request.token.encode() + b"\n" + tar),
                daemon=True,
            )
            sender.start()
            if spare is None:
                container.start()
            exited = threading.Event()
            threading.Thread(target=lambda: (container.wait(), exited.set()), daemon=True).start()
            timed_out = wait_for_end(exited.wait, stop, started + request.limits.wall_seconds)
            if not exited.is_set():
                with contextlib.suppress(APIError):  # it may have ended on its own meanwhile
                    container.kill()
                exited.wait(10)
            container.reload()
            state = container.attrs["State"]
            logs = container.logs(stdout=True, stderr=True, tail=2000)
        except DockerException as exc:
            raise SandboxError(f"docker sandbox: {exc}") from exc
        finally:
            with contextlib.suppress(DockerException):  # else swept at the next start
                container.remove(force=True)
            if spare is not None:
                shutil.rmtree(spare.sockets, ignore_errors=True)
        output, dropped = _capped(logs.decode(errors="replace"), request.limits.output_kb * 1024)
        return Outcome(
            returncode=state.get("ExitCode"),
            run_end=_run_end(state, timed_out, stop.is_set()),
            duration=time.monotonic() - started,
            output=output,
            output_dropped=dropped,
        )


def _remove_spare_folder(label: str | None) -> None:
    """The host folder of a spare that a killed grader left behind; never anything else."""
    if not label:
        return
    folder = Path(label)
    if folder.parent.name.startswith(SPARES_PREFIX) and folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            folder.parent.rmdir()  # the last of that grader's spares


def _run_end(state: dict[str, Any], timed_out: bool, stopped: bool) -> RunEnd:
    if state.get("OOMKilled"):
        return RunEnd.out_of_memory
    if timed_out:
        return RunEnd.timed_out
    if not stopped and (state.get("ExitCode") or 0) >= 128:  # died of a signal before the end
        return RunEnd.killed
    return RunEnd.finished


def _capped(text: str, limit: int) -> tuple[str, int]:
    dropped = max(0, len(text) - limit)
    note = f"\n[... {dropped} more bytes of output dropped]" if dropped else ""
    return text[:limit] + note, dropped
