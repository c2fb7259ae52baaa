"""A real ``redis-server`` for tests: started on a free loopback port with its own temporary folder, without
persistence (no RDB snapshot, no AOF), so a restart loses every queued message as a crashed Redis without
persistence would. Tests that need it skip, saying why, only when the binary is absent (CI installs it)."""

import contextlib
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis

PORTS = range(6390, 6400)  # the range this project's tests may use for Redis
START_TIMEOUT = 20.0


def _free_port() -> int:
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"No free port for redis-server in {PORTS.start}-{PORTS.stop - 1}.")


class RedisServer:
    """One redis-server process; ``restart`` stops it (dropping its data) and starts it on the same port."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.binary, self.folder = binary, folder
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder)]
        command += ["--save", "", "--appendonly", "no", "--protected-mode", "no"]
        log = (self.folder / "redis.log").open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not answer PING: {self.log_tail()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop without saving: queued messages are gone, as after a crash of a Redis without persistence."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(redis.ConnectionError):  # SHUTDOWN closes the connection it came on
            self.client().shutdown(nosave=True)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()

    def _answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.ConnectionError:
            return False

    def log_tail(self) -> str:
        path = self.folder / "redis.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""


@pytest.fixture
def redis_server(tmp_path):
    """A running redis-server of its own, stopped after the test."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)")
    server = RedisServer(binary, tmp_path)
    server.start()
    yield server
    server.stop()
