"""Web and worker "hosts" as child processes, as an operator runs them: gunicorn serving the app, and
``manage.py qcluster``, each with its own environment, all on the test database (and Redis when given).

A worker host runs in its own process group, so ``kill`` takes the cluster and its worker processes down at
once, as a machine that loses power would.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.helpers.processes import ROOT, child_env

WEB_PORTS = range(8830, 8840)  # the range this project's scale-out tests may use


def _free_web_port() -> int:
    for port in WEB_PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"No free port for a web host in {WEB_PORTS.start}-{WEB_PORTS.stop - 1}.")


class Host:
    """One child process (group) whose output goes to a log file, read back when a test fails."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], logs: Path) -> None:
        self.name, self.log_path = name, logs / f"{name}.log"
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def kill(self) -> None:
        """SIGKILL the whole process group: the main process and every worker it forked, with no clean-up."""
        with contextlib.suppress(ProcessLookupError):  # the group is already gone
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def terminate(self) -> None:
        """Ask politely (SIGTERM): gunicorn and qcluster finish what they are doing and exit."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def stop(self, timeout: float = 15) -> None:
        """Wait for a terminated host to exit, then kill whatever of its group is left."""
        with contextlib.suppress(subprocess.TimeoutExpired):  # killed below
            self.process.wait(timeout=timeout)
        self.kill()

    def log_tail(self, chars: int = 3000) -> str:
        return f"--- {self.name} ---\n" + self.log_path.read_text(errors="replace")[-chars:]


class WebHost(Host):
    """gunicorn with a few threads: a web host whose database connections stay few under a burst."""

    def __init__(self, name: str, env: dict[str, str], logs: Path) -> None:
        self.port = _free_web_port()
        command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", "1", "--threads", "4", "--timeout", "120"]
        super().__init__(name, command, env, logs)
        self.url = f"http://127.0.0.1:{self.port}"
        self._wait_until_serving(timeout=60)

    def _wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"web host {self.name} exited:\n{self.log_tail()}")
            try:
                httpx.get(f"{self.url}/api/v1/openapi.json", timeout=5)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError(f"web host {self.name} did not answer within {timeout} s:\n{self.log_tail()}")


class WorkerHost(Host):
    def __init__(self, name: str, env: dict[str, str], logs: Path) -> None:
        super().__init__(name, [sys.executable, "manage.py", "qcluster"], env, logs)


def stop_all(hosts: list[Host], timeout: float = 15) -> None:
    """Terminate every host at once, then wait for them together (not one timeout after another)."""
    for host in hosts:
        host.terminate()
    deadline = time.monotonic() + timeout
    for host in hosts:
        host.stop(timeout=max(0.1, deadline - time.monotonic()))


def host_env(database: str, redis_url: str = "", **overrides: str) -> dict[str, str]:
    """The environment every host shares (one database, one broker), plus this host's own settings."""
    return child_env(
        DEBUG="true",
        EMBEDDED_DB_NAME=database,
        REDIS_URL=redis_url,
        Q_WORKERS="2",
        LLM_PROVIDER="offline",
        EMBEDDING_PROVIDER="local",
        **overrides,
    )
