"""All processes share one embedded PostgreSQL server."""

import subprocess
import sys

import psutil
from django.conf import settings

from config.embedded_db import running_postmaster
from tests.helpers.processes import ROOT, child_env

PRINT_POSTMASTER = (
    "import django; django.setup(); from django.db import connection; "
    "cursor = connection.cursor(); cursor.execute('SELECT inet_server_port(), pg_postmaster_start_time()'); "
    "from config.embedded_db import running_postmaster; from django.conf import settings; "
    "print(running_postmaster(settings.EMBEDDED_DB_DIR.resolve()).pid)"
)


def _postmasters() -> list[psutil.Process]:
    data_dir = str(settings.EMBEDDED_DB_DIR.resolve())
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and "-D" in cmdline and data_dir in cmdline:
            found.append(proc)
    return found


def test_concurrent_processes_reuse_the_running_server():
    ours = running_postmaster(settings.EMBEDDED_DB_DIR.resolve())
    assert ours is not None
    children = [
        subprocess.Popen(
            [sys.executable, "-c", PRINT_POSTMASTER],
            cwd=ROOT,
            env=child_env(DEBUG="true"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    pids = set()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        pids.add(int(out.strip()))
    assert pids == {ours.pid}
    assert [p.pid for p in _postmasters()] == [ours.pid]


def test_status_command_reports_the_server_without_starting_django():
    result = subprocess.run(
        [sys.executable, "-m", "config.embedded_db", "status"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert f"pid {running_postmaster(settings.EMBEDDED_DB_DIR.resolve()).pid}" in result.stdout
