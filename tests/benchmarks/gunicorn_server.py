"""gunicorn as the benchmarks run it: 2 workers x 4 threads, DEBUG off, on a free port, against a named database.

Shared by ``search_bench`` and ``load_test`` so both measure the same server; ``serving`` stops it cleanly (SIGTERM,
then SIGKILL if it has not exited within ``STOP_SECONDS``) however the measuring code ends.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60
STOP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, database: str = "pagebuilder_bench", **env: str) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:``port`` with the embedded database ``database``; ``env`` adds or overrides variables
    (a load test raises limits this way, never by changing code). Returns once the port accepts connections."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMBEDDED_DB_NAME": database,
        "DATABASE_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        **env,
    }
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "4",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode} while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(proc)
    raise RuntimeError(f"gunicorn did not accept connections within {START_SECONDS} s")


def stop_gunicorn(proc: subprocess.Popen) -> int:
    """SIGTERM (gunicorn lets requests in flight finish), SIGKILL after ``STOP_SECONDS``; the exit status."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.wait()


@contextmanager
def serving(database: str, port: int | None = None, **env: str) -> Iterator[str]:
    """A gunicorn for the duration of the block, on ``port`` or a free one; yields its base URL."""
    port = port or free_port()
    proc = start_gunicorn(port, database, **env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_gunicorn(proc)
