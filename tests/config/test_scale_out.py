"""Scale-out on real parts: web hosts (gunicorn) and worker hosts (two ``manage.py qcluster``, two workers each)
as child processes on one PostgreSQL database, with a real Redis as the broker (or the ORM broker).

- 40 generations submitted at once through the API all complete, each exactly once (one claim, one page
  version, one run that returned "completed"), on Redis and on the ORM broker;
- a worker host killed (SIGKILL, whole process group) while its tasks run or wait in its prefetch queue: the
  other host finishes all of them through recovery;
- Redis restarted without persistence while messages wait in it, and generations submitted while it is down:
  no task is lost.

Recovery is triggered the way a client sees it: polling a silent task through the API runs the same sweep as
the minute schedule (``recover_lost_generations``), with ``GENERATION_STALE_AFTER_SECONDS`` at its minimum (30).
"""

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.conf import settings
from django.db import connection
from django_q.models import Task

from pagebuilder.models import PageVersion
from pagebuilder.tasks import RUN_FUNC
from registry.models import ComponentSyncState
from tests.helpers.hosts import WebHost, WorkerHost, host_env, stop_all
from tests.helpers.redis_server import redis_server  # noqa: F401 - the real Redis fixture
from tests.helpers.registry import resync_demo_registry
from websites.demo import seed_demo
from websites.models import AiTask, Website

pytestmark = pytest.mark.django_db(transaction=True)
FINISHED = ("completed", "failed")
STALE_AFTER = "30"  # the smallest value settings accept
QUEUE_KEY = f"django_q:{settings.Q_CLUSTER['name']}:q"  # the list django-q2's Redis broker pushes to


_SYNC_STATES: list[dict] = []  # the demo registry's sync bookkeeping, kept across this module's tests


def _demo_registry() -> None:
    """The demo registry, synced. A transactional test's flush empties the Django-owned sync states but not the
    Rails-owned components with their vectors, so the states of the first sync are put back and the resync finds
    nothing to embed again (a minute of CPU per test otherwise); a state that no longer matches is fixed by it."""
    if _SYNC_STATES and not ComponentSyncState.objects.exists():
        ComponentSyncState.objects.bulk_create(ComponentSyncState(**row) for row in _SYNC_STATES)
    resync_demo_registry()
    _SYNC_STATES[:] = ComponentSyncState.objects.values()


@pytest.fixture
def site(settings, api_key_for):
    """The demo bakery (facts enough for a contact page without questions) and an API key for it."""
    _demo_registry()
    settings.DEBUG = True
    seed_demo()
    crumb = Website.objects.get(subdomain="crumbandco")
    return crumb, api_key_for(crumb)


@pytest.fixture
def hosts(tmp_path):
    """start(kind, name, **env) -> a web or worker host on the test database; all stopped after the test."""
    started = []

    def start(kind, name: str, redis_url: str = "", **env: str):
        host_class = WebHost if kind == "web" else WorkerHost
        env.setdefault("GENERATION_RATE_LIMIT_PER_MINUTE", "1000")
        env.setdefault("GENERATION_STALE_AFTER_SECONDS", STALE_AFTER)
        host = host_class(name, host_env(connection.settings_dict["NAME"], redis_url, **env), tmp_path)
        started.append(host)
        return host

    yield start
    stop_all(started)


def _submit(web_hosts, website: Website, key: str, count: int, prefix: str) -> list[str]:
    """POST ``count`` generations at the same moment (a barrier releases every thread), spread over the web
    hosts; every answer must be 202. Distinct page slugs, so the pages do not share a draft."""
    barrier = threading.Barrier(count)

    def post(number: int) -> httpx.Response:
        host = web_hosts[number % len(web_hosts)]
        body = {"page_intent": "contact us page", "page_category_slug": f"{prefix}-{number}", "publish": False}
        barrier.wait(timeout=30)
        return httpx.post(
            f"{host.url}/api/v1/websites/{website.pk}/pages/generate",
            json=body,
            headers={"Authorization": f"Bearer {key}"},
            timeout=120,
        )

    with ThreadPoolExecutor(max_workers=count) as pool:
        responses = list(pool.map(post, range(count)))
    assert [r.status_code for r in responses] == [202] * count, [r.text for r in responses if r.status_code != 202]
    task_ids = [r.json()["task_id"] for r in responses]
    assert len(set(task_ids)) == count
    return task_ids


def _statuses(task_ids) -> dict[str, str]:
    return {str(pk): status for pk, status in AiTask.objects.filter(pk__in=task_ids).values_list("pk", "status")}


def _wait_in_database(task_ids, timeout: float, all_hosts) -> dict[str, str]:
    """Poll the task rows until every one has finished (or the deadline passes)."""
    deadline = time.monotonic() + timeout
    statuses = _statuses(task_ids)
    while any(s not in FINISHED for s in statuses.values()) and time.monotonic() < deadline:
        time.sleep(0.5)
        statuses = _statuses(task_ids)
    assert all(s in FINISHED for s in statuses.values()), _diagnosis(statuses, all_hosts)
    return statuses


def _wait_through_api(task_ids, web, key: str, timeout: float, all_hosts) -> dict[str, str]:
    """Poll each unfinished task through the API, as a client would; a silent one is recovered on the way."""
    deadline, statuses = time.monotonic() + timeout, dict.fromkeys(map(str, task_ids), "pending")
    while any(s not in FINISHED for s in statuses.values()) and time.monotonic() < deadline:
        for task_id in [t for t, s in statuses.items() if s not in FINISHED]:
            answer = httpx.get(f"{web.url}/api/v1/tasks/{task_id}", headers={"Authorization": f"Bearer {key}"})
            statuses[task_id] = answer.json()["status"]
        time.sleep(0.5)
    assert all(s in FINISHED for s in statuses.values()), _diagnosis(statuses, all_hosts)
    return statuses


def _diagnosis(statuses: dict, all_hosts) -> str:
    return f"{Counter(statuses.values())}\n" + "\n".join(host.log_tail() for host in all_hosts)


def _assert_each_ran_once(task_ids, *, attempts: dict | None = None) -> None:
    """Completed, claimed the expected number of times (once unless said), and exactly one page version."""
    attempts = attempts or {}
    rows = {str(t.pk): t for t in AiTask.objects.filter(pk__in=task_ids)}
    assert {t.status for t in rows.values()} == {"completed"}, {k: (t.status, t.error) for k, t in rows.items()}
    assert {k: t.attempts for k, t in rows.items()} == {str(k): attempts.get(str(k), 1) for k in task_ids}
    versions = PageVersion.objects.filter(task_id__in=task_ids).values_list("task_id", flat=True)
    versions = Counter(str(task_id) for task_id in versions)
    assert versions == Counter({str(k): 1 for k in task_ids}), "one page version per task"


def _runs_returning(result: str) -> int:
    """How many queue messages ran a generation to this result, as django-q2's monitor recorded them."""
    return sum(1 for task in Task.objects.filter(func=RUN_FUNC) if task.result == result)


@pytest.mark.parametrize("broker", ["redis", "orm"])
def test_forty_generations_at_once_on_two_web_and_two_worker_hosts_run_exactly_once(broker, site, hosts, request):
    redis_url = request.getfixturevalue("redis_server").url if broker == "redis" else ""
    website, key = site
    web = [hosts("web", f"web-{n}", redis_url) for n in (1, 2)]
    workers = [hosts("worker", f"worker-{n}", redis_url) for n in (1, 2)]
    task_ids = _submit(web, website, key, 40, prefix=f"burst-{broker}")
    _wait_in_database(task_ids, timeout=420, all_hosts=web + workers)
    _assert_each_ran_once(task_ids)
    assert _runs_returning("completed") == 40, "every generation ran to completion exactly once"


def test_a_killed_worker_host_loses_no_task(site, redis_server, hosts):  # noqa: F811
    """Worker host 1 holds each claimed task for a minute (GENERATION_DEBUG_DELAY_SECONDS) and is killed while
    two run and the rest wait in Redis or in its prefetch queue; host 2 finishes them all: the ones it was running
    after 30 s of silence (second attempt), the others as pending tasks whose message was lost."""
    website, key = site
    web = hosts("web", "web", redis_server.url)
    doomed = hosts("worker", "worker-doomed", redis_server.url, GENERATION_DEBUG_DELAY_SECONDS="60")
    task_ids = _submit([web], website, key, 6, prefix="killed")
    deadline = time.monotonic() + 120
    while len(running := [k for k, s in _statuses(task_ids).items() if s == "processing"]) < 2:
        assert time.monotonic() < deadline, _diagnosis(_statuses(task_ids), [web, doomed])
        time.sleep(0.2)
    doomed.kill()
    survivor = hosts("worker", "worker-survivor", redis_server.url)
    _wait_through_api(task_ids, web, key, timeout=240, all_hosts=[web, doomed, survivor])
    _assert_each_ran_once(task_ids, attempts=dict.fromkeys(running, 2))


def test_a_redis_restart_loses_no_task(site, redis_server, hosts):  # noqa: F811
    """Redis stops (without saving) while messages wait in it, generations are submitted while it is down, and
    it starts again empty: every task still completes, each exactly once."""
    website, key = site
    web = hosts("web", "web", redis_server.url)
    workers = [hosts("worker", f"worker-{n}", redis_server.url, GENERATION_DEBUG_DELAY_SECONDS="2") for n in (1, 2)]
    task_ids = _submit([web], website, key, 20, prefix="restart")
    deadline = time.monotonic() + 120
    while not (redis_server.client().llen(QUEUE_KEY) and "processing" in _statuses(task_ids).values()):
        assert time.monotonic() < deadline, "the workers never started while messages waited in Redis"
        time.sleep(0.1)
    redis_server.stop()
    task_ids += _submit([web], website, key, 4, prefix="redis-down")
    assert set(_statuses(task_ids[-4:]).values()) == {"pending"}, "stored although the broker was down"
    redis_server.start()
    _wait_through_api(task_ids, web, key, timeout=300, all_hosts=[web, *workers])
    _assert_each_ran_once(task_ids)
