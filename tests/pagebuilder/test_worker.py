"""Background execution: a real qcluster runs a generation queued by the API; a task whose worker was lost is
retried once and then failed with "worker lost", never left processing."""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Schedule

from pagebuilder.models import GENERATION_TASK_TYPE
from pagebuilder.tasks import recover_lost_generations, run_generation
from tests.config.test_worker import qcluster  # noqa: F401 - the real cluster fixture
from tests.helpers.registry import resync_demo_registry
from websites import jobs
from websites.demo import seed_demo
from websites.models import AiTask, Website


def _stale(task: AiTask, minutes: int = 30) -> None:
    AiTask.objects.filter(pk=task.pk).update(updated_at=timezone.now() - timedelta(minutes=minutes))


def _lost_task(website: Website, attempts: int) -> AiTask:
    task = jobs.create_task(
        task_type=GENERATION_TASK_TYPE,
        website_id=website.pk,
        input={"page_intent": "contact us page", "page_category_slug": "contact", "provider": "offline"},
        message="queued",
    )
    for _ in range(attempts):  # each claim is one attempt; the worker then died without a word
        AiTask.objects.filter(pk=task.pk).update(status="pending")
        jobs.claim(task.pk)
    _stale(task)
    return AiTask.objects.get(pk=task.pk)


@pytest.mark.django_db
def test_a_lost_task_is_retried_once_then_completes(crumb, monkeypatch):
    monkeypatch.setattr(Conf, "SYNC", True)
    task = _lost_task(crumb, attempts=1)
    outcome = recover_lost_generations()
    assert outcome == {"requeued": [str(task.pk)], "failed": [], "resent": []}
    task.refresh_from_db()
    assert task.status == "completed"
    assert task.attempts == 2


@pytest.mark.django_db
def test_a_task_lost_twice_fails_with_worker_lost(crumb):
    task = _lost_task(crumb, attempts=2)
    assert recover_lost_generations() == {"requeued": [], "failed": [str(task.pk)], "resent": []}
    task.refresh_from_db()
    assert task.status == "failed"
    assert "worker lost" in task.error
    assert task.completed_at


@pytest.mark.django_db
def test_a_busy_task_is_not_taken_for_lost_and_a_duplicate_message_runs_nothing(crumb):
    task = _lost_task(crumb, attempts=1)
    AiTask.objects.filter(pk=task.pk).update(updated_at=timezone.now())
    assert recover_lost_generations() == {"requeued": [], "failed": [], "resent": []}
    assert run_generation(str(task.pk)) == "skipped", "a processing task is not claimed twice"


def _stranded_task(website: Website) -> AiTask:
    """A pending task whose queue message is gone (a Redis restart without persistence) and that nobody ran."""
    task = jobs.create_task(
        task_type=GENERATION_TASK_TYPE,
        website_id=website.pk,
        input={"page_intent": "contact us page", "page_category_slug": "contact", "provider": "offline"},
        message="queued",
    )
    _stale(task)
    return AiTask.objects.get(pk=task.pk)


@pytest.mark.django_db
def test_a_pending_task_whose_message_was_lost_is_sent_again_once_and_runs(crumb, monkeypatch):
    fresh = jobs.create_task(task_type=GENERATION_TASK_TYPE, website_id=crumb.pk, input={}, message="queued")
    stranded = _stranded_task(crumb)
    assert jobs.stranded_pending(GENERATION_TASK_TYPE, 60) == [stranded.pk], "a task just queued is not resent"
    assert jobs.stranded_pending(GENERATION_TASK_TYPE, 60) == [], "a resent task waits another period"
    AiTask.objects.filter(pk=fresh.pk).delete()
    _stale(stranded)
    monkeypatch.setattr(Conf, "SYNC", True)
    assert recover_lost_generations() == {"requeued": [], "failed": [], "resent": [str(stranded.pk)]}
    stranded.refresh_from_db()
    assert (stranded.status, stranded.attempts) == ("completed", 1)


@pytest.mark.django_db
def test_polling_a_stranded_pending_task_sends_it_again(client, crumb, api_key_for, monkeypatch):
    monkeypatch.setattr(Conf, "SYNC", True)
    task = _stranded_task(crumb)
    body = client.get(f"/api/v1/tasks/{task.pk}", HTTP_AUTHORIZATION=f"Bearer {api_key_for(crumb)}").json()
    assert body["status"] == "completed"
    assert AiTask.objects.get(pk=task.pk).attempts == 1


@pytest.mark.django_db
def test_polling_a_silent_task_recovers_it(client, crumb, api_key_for, monkeypatch):
    monkeypatch.setattr(Conf, "SYNC", True)
    task = _lost_task(crumb, attempts=2)
    body = client.get(f"/api/v1/tasks/{task.pk}", HTTP_AUTHORIZATION=f"Bearer {api_key_for(crumb)}").json()
    assert body["status"] == "failed"
    assert "worker lost" in body["error"]


@pytest.mark.django_db
def test_the_recovery_runs_every_minute_from_a_schedule():
    schedule = Schedule.objects.get(func="pagebuilder.tasks.recover_lost_generations")
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (Schedule.MINUTES, 1, -1)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_generation_queued_by_the_api(qcluster, client, api_key_for, settings):  # noqa: F811
    resync_demo_registry()
    settings.DEBUG = True
    seed_demo()
    settings.DEBUG = False
    crumb = Website.objects.get(subdomain="crumbandco")
    key = api_key_for(crumb, may_publish=True)
    response = client.post(
        f"/api/v1/websites/{crumb.pk}/pages/generate",
        json.dumps({"page_intent": "contact us page", "page_category_slug": "contact"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 202
    task_id = response.json()["task_id"]
    deadline = time.monotonic() + 90  # the worker process starts, loads the model and runs every phase
    while (body := client.get(f"/api/v1/tasks/{task_id}", HTTP_AUTHORIZATION=f"Bearer {key}").json())["status"] not in (
        "completed",
        "failed",
    ) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert body["status"] == "completed", body
    assert body["result"]["published"] is True
    assert body["result"]["sections"]
