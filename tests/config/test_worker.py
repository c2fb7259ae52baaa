"""A real django-q2 cluster (``manage.py qcluster``) runs tasks through the ORM broker and shows a heartbeat."""

import signal
import subprocess
import sys
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django_q.tasks import async_task, result

from tests.helpers.processes import ROOT, child_env

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def qcluster():
    cache.clear()  # heartbeats of an earlier test's cluster live on for a minute; this test counts its own
    env = child_env(DEBUG="true", EMBEDDED_DB_NAME=connection.settings_dict["NAME"], Q_WORKERS="1")
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield proc
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def _health_once_worker_is_seen(client, timeout: float) -> dict:
    """Heartbeats are written every guard cycle with no event to wait on, so poll with a deadline."""
    deadline = time.monotonic() + timeout
    while (body := client.get("/api/v1/health").json())["worker"]["ok"] is False and time.monotonic() < deadline:
        time.sleep(0.2)
    return body


def test_qcluster_runs_a_task_and_reports_a_heartbeat(qcluster, client):
    task_id = async_task("math.factorial", 6)
    assert result(task_id, wait=60_000) == 720
    health = _health_once_worker_is_seen(client, timeout=30)
    assert health["worker"]["ok"], "the cluster never reported a heartbeat"
    assert health["worker"]["clusters"] == 1
    assert health["worker"]["broker"] == "orm"
    assert health["status"] == "ok"
