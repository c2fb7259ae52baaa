"""A real `make run` and `make serve`: they answer, and Ctrl-C (SIGINT to make's process group, as a terminal
sends it) or SIGTERM leaves no process behind — make, the supervisor, the web server and its workers, the
qcluster and its sentinel, pusher, monitor and workers."""

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from tests.helpers.process_tree import Tree, free_port
from tests.helpers.processes import ROOT, child_env

pytestmark = pytest.mark.django_db(transaction=True)

# The bound for one Ctrl-C is "about 10 s"; the supervisor's grace period is 10 s.
GRACEFUL_STOP_SECONDS = 15
# A second signal kills at once; this only absorbs a busy machine's scheduling delays.
IMMEDIATE_STOP_SECONDS = 5


class Running:
    """`make <target>` in its own process group (like a terminal's foreground job), and its output."""

    def __init__(self, target: str, log: Path, **env: str) -> None:
        self.port = free_port()
        self.log = log
        # make's own defaults apply (DEBUG=true for run); the database is this test run's.
        environment = child_env(EMBEDDED_DB_NAME=connection.settings_dict["NAME"], Q_WORKERS="1", **env)
        environment.pop("DEBUG")
        # -o setup: the test database is already migrated; setup's demo data would only slow the test down.
        command = ["make", "--no-print-directory", "-o", "setup", target, "HOST=127.0.0.1", f"PORT={self.port}"]
        with log.open("w") as out:
            self.make = subprocess.Popen(
                command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def output(self) -> str:
        return self.log.read_text()

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def wait_until_healthy(self, timeout: float = 180) -> dict:
        """Poll /api/v1/health until the web server answers and sees the worker's heartbeat."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.make.poll() is None, f"make exited early:\n{self.output()}"
            try:
                status, _, body = self.get("/api/v1/health")
                if status == 200 and (health := json.loads(body))["worker"]["ok"]:
                    return health
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass  # not listening yet
            time.sleep(0.25)
        pytest.fail(f"no healthy answer with a worker within {timeout} s:\n{self.output()}")

    def interrupt(self, signum: int = signal.SIGINT) -> None:
        os.killpg(self.make.pid, signum)

    def wait_for_output(self, text: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert text in self.output(), self.output()

    def stop(self) -> None:
        """Teardown: whatever a failed test left running is killed."""
        if self.make.poll() is None:
            for proc in Tree.of(self.make.pid).processes:
                try:
                    os.killpg(os.getpgid(proc.pid), signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    continue
            self.make.wait(timeout=10)


@pytest.fixture
def make_target(tmp_path):
    cache.clear()  # heartbeats of an earlier test's cluster live on for a minute; wait for this one's
    started: list[Running] = []

    def start(target: str, **env: str) -> Running:
        started.append(running := Running(target, tmp_path / f"{target}.log", **env))
        return running

    yield start
    for running in started:
        running.stop()


def _tree_of_a_running_stack(running: Running, web: str) -> Tree:
    tree = Tree.of(running.make.pid)
    commands = tree.commands()
    assert any("config.supervise" in c or "config.serve" in c for c in commands), commands
    assert any(web in c for c in commands), commands
    qcluster = [p for p in tree.processes if "qcluster" in " ".join(p.cmdline())]
    assert len(qcluster) >= 3, f"qcluster with its sentinel and workers should be running: {commands}"
    assert len(tree.groups) >= 3, "make, the web server and the qcluster each have their process group"
    return tree


def _stopped_within(running: Running, tree: Tree, timeout: float, started: float) -> float:
    try:
        running.make.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"make still running {timeout} s after the signal; left: {tree.left()}\n{running.output()}")
    assert tree.wait_until_gone(timeout=2) == [], running.output()
    return time.monotonic() - started


def test_ctrl_c_stops_make_run_and_everything_it_started(make_target):
    running = make_target("run")
    running.wait_until_healthy()
    tree = _tree_of_a_running_stack(running, web="runserver")
    started = time.monotonic()
    running.interrupt()
    elapsed = _stopped_within(running, tree, GRACEFUL_STOP_SECONDS, started)
    assert "got SIGINT: stopping" in running.output()
    assert "killing" not in running.output(), "a single Ctrl-C should stop everything gracefully"
    print(f"make run stopped {elapsed:.1f} s after one SIGINT")


def test_a_second_ctrl_c_kills_make_run_at_once(make_target):
    running = make_target("run")
    running.wait_until_healthy()
    tree = _tree_of_a_running_stack(running, web="runserver")
    started = time.monotonic()
    running.interrupt()
    running.wait_for_output("got SIGINT: stopping")  # two signals at one instant are one pending signal
    running.interrupt()
    elapsed = _stopped_within(running, tree, IMMEDIATE_STOP_SECONDS, started)
    assert "got SIGINT again: killing" in running.output()
    print(f"make run gone {elapsed:.1f} s after two SIGINTs")


def test_sigterm_during_the_graceful_stop_ends_make_run(make_target):
    running = make_target("run")
    running.wait_until_healthy()
    tree = _tree_of_a_running_stack(running, web="runserver")
    started = time.monotonic()
    running.interrupt()
    running.wait_for_output("got SIGINT: stopping")
    running.interrupt(signal.SIGTERM)  # to the whole group, as `kill -- -PGID` or a service manager does
    elapsed = _stopped_within(running, tree, IMMEDIATE_STOP_SECONDS, started)
    print(f"make run gone {elapsed:.1f} s after SIGINT then SIGTERM")


def test_make_serve_runs_gunicorn_with_debug_off_and_stops_on_ctrl_c(make_target, tmp_path):
    running = make_target("serve", STATIC_ROOT=str(tmp_path / "static"), WEB_WORKERS="2", WEB_THREADS="2")
    health = running.wait_until_healthy()
    assert health["status"] == "ok"
    status, headers, body = running.get("/no-such-page/")
    assert status == 404
    assert "DEBUG = True" not in body, "make serve must run with DEBUG off"
    assert headers.get("Server", "").startswith("gunicorn")
    status, headers, _ = running.get("/static/admin/css/base.css")
    assert status == 200, "whitenoise serves the collected static files"
    assert (tmp_path / "static" / "staticfiles.json").exists(), "collectstatic ran with the manifest storage"
    tree = _tree_of_a_running_stack(running, web="gunicorn")
    assert sum("gunicorn" in c for c in tree.commands()) == 3, "a master and WEB_WORKERS=2 workers"
    started = time.monotonic()
    running.interrupt()
    elapsed = _stopped_within(running, tree, GRACEFUL_STOP_SECONDS, started)
    print(f"make serve stopped {elapsed:.1f} s after one SIGINT")
