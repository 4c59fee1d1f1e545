"""`kata doctor` and the availability probes the sandboxes' `auto` choice rests on."""

import json
import shutil
from pathlib import Path

import pytest

from grader.image import default_image_ref
from grader.sandbox.available import (
    bwrap_available,
    choose,
    docker_available,
    pick_auto,
    probe_bwrap,
    probe_docker,
    survey,
)
from tests.conftest import require, run_kata

NO_ENGINE = "unix:///nonexistent/docker.sock"


@pytest.mark.parametrize(
    ("docker_ready", "bwrap_ready", "picked"),
    [
        (True, True, "docker"),
        (True, False, "docker"),
        (False, True, "bwrap"),
        (False, False, "process"),
    ],
)
def test_auto_picks_the_strongest_backend_that_works(
    docker_ready: bool, bwrap_ready: bool, picked: str
) -> None:
    assert choose(docker_ready, bwrap_ready) == picked


def test_a_missing_bwrap_says_how_to_install_it() -> None:
    probe = probe_bwrap("kata-no-such-bwrap")
    assert not probe.ok
    assert probe.detail == "bubblewrap is not installed"
    assert "apt-get install bubblewrap" in (probe.fix or "")


def test_a_bwrap_that_cannot_make_namespaces_is_not_usable(tmp_path: Path) -> None:
    fake = tmp_path / "bwrap"
    fake.write_text(
        "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    probe = probe_bwrap(str(fake))
    assert not probe.ok
    assert probe.detail.endswith(
        "cannot create its namespaces: bwrap: No permissions to creating new namespace"
    )
    assert "user namespaces" in (probe.fix or "")


def test_no_engine_is_one_line_and_a_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", NO_ENGINE)
    probe = probe_docker()
    assert not probe.ok
    assert (
        probe.detail
        == "cannot reach a Docker engine: no engine is listening at /nonexistent/docker.sock"
    )
    assert "install and start Docker" in (probe.fix or "")
    assert not docker_available()


def test_without_docker_the_image_is_missing_and_auto_falls_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOCKER_HOST", NO_ENGINE)
    found = survey()
    assert [probe.name for probe in found.probes] == ["process", "bwrap", "docker", "image"]
    image = found.probes[-1]
    assert not image.ok
    assert (image.fix or "").startswith("kata image build")
    assert found.image_id is None
    assert found.auto == ("bwrap" if bwrap_available() else "process")
    assert pick_auto() == found.auto


def test_doctor_json_names_every_check_and_the_auto_pick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", NO_ENGINE)
    done = run_kata("doctor", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [check["name"] for check in found["checks"]] == ["process", "bwrap", "docker", "image"]
    assert found["checks"][0] == {
        "name": "process",
        "ok": True,
        "detail": "a plain subprocess under rlimits; not a security boundary",
        "fix": None,
    }
    assert found["auto"] in ("bwrap", "process")
    assert found["image"] == {"ref": default_image_ref(), "id": None}


def test_doctor_table_says_what_to_fix_and_what_auto_picks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOCKER_HOST", NO_ENGINE)
    done = run_kata("doctor")
    assert done.returncode == 0, done.stderr
    assert "install and start Docker" in done.stdout
    assert "kata image build" in done.stdout
    assert "auto picks: " in done.stdout


def test_bwrap_works_here() -> None:
    require(bwrap_available(), "bwrap is missing or cannot create namespaces here")
    probe = probe_bwrap()
    assert probe.detail == f"{shutil.which('bwrap')}: a trial run with every namespace works"


def test_docker_engine_answers_here() -> None:
    require(docker_available(), "no Docker engine answers")
    probe = probe_docker()
    assert probe.ok
    assert probe.detail.startswith("engine ")
