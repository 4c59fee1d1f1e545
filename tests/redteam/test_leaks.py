"""What a submission may learn or reach: secrets, the network, the specs, the reference
solution, and the host's files through what it shares with the grader.

The process sandbox shares the user's identity, files, /proc and network with the grader, so it
can stop none of these but the first: the secret hunter, the network, the spec and solution
hunts and the planted links are graded in bwrap and docker only. (In the process sandbox the
app can read /proc/<pid>/environ of the grader, connect anywhere, read the kata's catalog and
write any file the grader's user can.)
"""

import json
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.hashing import tree_hash

from .support import (
    ALL_RUNS,
    HONEST_STUB,
    ISOLATED_RUNS,
    RATE_LIMITER,
    E,
    Expect,
    all_output,
    check_one_of,
    check_report,
    compose,
    grade_in,
    marker,
    markers_on_host,
    no_hostile_processes,
)

pytestmark = pytest.mark.slow

SECRET_VARIABLES = ("KATA_REDTEAM_SECRET", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN")


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Distinctive secrets in the grader's own environment, as a CI job would have them."""
    values = []
    for name in SECRET_VARIABLES:
        value = f"kata-redteam-{name.lower()}-{uuid.uuid4().hex}"
        monkeypatch.setenv(name, value)
        values.append(value)
    return values


@pytest.mark.parametrize("run", ALL_RUNS)
def test_the_environment_holds_no_secret_of_the_grader(
    run: str, tmp_path: Path, secrets: list[str]
) -> None:
    """The app prints its whole environment: none of the grader's variables is in it."""
    report = grade_in(run, compose("env_secret", tmp_path))

    check_report(report, HONEST_STUB, run)
    output = all_output(report)
    assert "REDTEAM-ENV {" in output
    for secret in secrets:
        assert secret not in output
    for name in SECRET_VARIABLES:
        assert f'"{name}"' not in output


@pytest.mark.parametrize("run", ISOLATED_RUNS)
def test_no_process_in_sight_gives_a_secret_away(
    run: str, tmp_path: Path, secrets: list[str]
) -> None:
    """The app prints the environment and command line of every process it can see."""
    report = grade_in(run, compose("secret_hunter", tmp_path))

    check_report(report, HONEST_STUB, run)
    assert "REDTEAM-PROC-SEEN" in report.output
    for secret in secrets:
        assert secret not in report.output


class Listener:
    """A real listener on the host (TCP on the loopback, or a Unix socket at ``path``) that
    records every connection it accepts."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._server = socket.create_server(("127.0.0.1", 0))
            self.port = self._server.getsockname()[1]
        else:
            self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self._server.bind(str(path))
            self._server.listen()
            self.port = 0
        self._server.settimeout(0.2)
        self.accepted: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, address = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(address)
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._server.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    opened = Listener()
    yield opened
    opened.close()


@pytest.mark.parametrize("run", ISOLATED_RUNS)
def test_the_network_is_out_of_reach(run: str, tmp_path: Path, listener: Listener) -> None:
    """The app tries the host's loopback (where a listener waits), a public address and DNS."""
    project = compose("network", tmp_path)
    (project / "redteam_target.json").write_text(json.dumps({"port": listener.port}))

    report = grade_in(run, project)

    check_report(report, HONEST_STUB, run)
    assert listener.accepted == []
    attempts = [line for line in report.output.splitlines() if "REDTEAM-NET" in line]
    assert len(attempts) == 3, report.output
    assert f"tcp 127.0.0.1:{listener.port}: unreachable" in attempts[0]
    assert all(": unreachable (" in attempt for attempt in attempts)


@pytest.mark.parametrize("run", ISOLATED_RUNS)
def test_the_specs_and_the_solution_cannot_be_found(run: str, tmp_path: Path) -> None:
    """The app hunts for the kata's spec files and reference solution (the grader's catalog,
    beside any grader package on sys.path, every run's folder, where the spec runner's command
    line points, the usual places) and tries to open each one for writing."""
    specs_before = tree_hash(RATE_LIMITER.specs_dir)

    report = grade_in(run, compose("spec_reader", tmp_path))

    check_report(report, HONEST_STUB, run)
    assert "REDTEAM-SEARCH-DONE" in report.output
    found = [line for line in report.output.splitlines() if "REDTEAM-FOUND-" in line]
    assert found == []
    assert tree_hash(RATE_LIMITER.specs_dir) == specs_before


@pytest.mark.parametrize("run", ISOLATED_RUNS)
def test_the_reference_solution_cannot_be_served(run: str, tmp_path: Path) -> None:
    """The app looks for the kata's reference solution at run time and, if it finds it, serves
    it instead of its own code (the stub): found, it would pass all 12 specs."""
    report = grade_in(run, compose("solution_thief", tmp_path))

    check_report(report, HONEST_STUB, run)
    assert "REDTEAM-SOLUTION None" in report.output


@pytest.mark.parametrize("run", ISOLATED_RUNS)
def test_links_planted_beside_the_sockets_lead_nowhere(run: str, tmp_path: Path) -> None:
    """The folder of the launcher's sockets is the one place the sandbox shares with the grader.
    The app plants links there, named like what the grader writes in it, pointing at a host path:
    the grader must never write through them."""
    report = grade_in(run, compose("sockets_symlink", tmp_path))

    check_report(report, HONEST_STUB, run)
    assert "REDTEAM-PLANT" in report.output
    assert not marker("sockets").exists(), "the grader wrote through a link the sandbox planted"
    assert markers_on_host() == []
    assert no_hostile_processes() == []


HIJACK_SOCKET = Path("/tmp/kata-redteam-hijack.sock")


@pytest.fixture
def host_socket() -> Iterator[Listener]:
    """A Unix socket on the host, standing in for any local service that speaks HTTP."""
    HIJACK_SOCKET.unlink(missing_ok=True)
    opened = Listener(HIJACK_SOCKET)
    yield opened
    opened.close()
    HIJACK_SOCKET.unlink(missing_ok=True)


@pytest.mark.parametrize("run", ISOLATED_RUNS)
def test_the_grader_never_connects_where_a_planted_link_points(
    run: str, tmp_path: Path, host_socket: Listener
) -> None:
    """The app swaps its own socket, in the folder it shares with the grader, for a link to a
    socket on the host. The specs must never be sent there: the grader talks to the sandbox or
    to nothing (then, every spec is an error: the app cannot be reached)."""
    report = grade_in(run, compose("sockets_hijack", tmp_path))

    assert "REDTEAM-HIJACK" in report.output
    assert host_socket.accepted == []
    # Either the swap is refused (the app goes on serving), or the grader will not connect
    # through the link, and from the swap on (during the first spec) no app can be reached.
    check_one_of(report, [HONEST_STUB, Expect([E] * 12, 0)], run)
