"""What each generation, edit, site plan and site build adds to the monitoring tables: outcome, provider (the one that
wrote the page, so a fallback counts as offline with ``fallback`` set), duration, time to first progress, the model
calls' tokens and cost, and the blocks used.

A generation's duration runs from the worker claiming it to its end; its time to first progress runs from the moment
it was asked for (queue wait included) to the first phase an editor sees move.
"""

import time

from django.conf import settings
from django.utils import timezone

from monitoring.models import Operation
from monitoring.recording import record_operation
from websites.models import AiTask


class GenerationMeter:
    """Times one generation; ``progress`` is passed as the workflow's progress callback."""

    def __init__(self, task: AiTask, forward=None, kind: str = Operation.Kind.GENERATION) -> None:
        self.task, self.forward, self.kind = task, forward, kind
        self.started = time.monotonic()
        self.first_progress_ms: float | None = None

    def progress(self, phase: str, value: int, message: str) -> None:
        if self.first_progress_ms is None and self.task.created_at:
            self.first_progress_ms = (timezone.now() - self.task.created_at).total_seconds() * 1000
        if self.forward:
            self.forward(phase, value, message)

    def record(self, outcome: str, result: dict | None = None, error: str = "") -> None:
        result = result or {}
        usage = result.get("usage") or {}
        record_operation(
            self.kind,
            website_id=self.task.website_id,
            task_id=self.task.pk,
            outcome=outcome,
            provider=result.get("provider") or (self.task.input or {}).get("provider") or _default_provider(),
            duration_ms=(time.monotonic() - self.started) * 1000,
            first_progress_ms=self.first_progress_ms,
            calls=usage.get("calls") or [],
            fallback=bool(result.get("fallback")),
            components=[s["component_id"] for s in result.get("sections") or []],
            error=error,
        )


def record_edit(website_id: int, provider: str, started: float, outcome, task_id=None) -> None:
    """One edit planned by a model (``refine_page``): completed when it changed the page, else failed."""
    record_operation(
        Operation.Kind.EDIT,
        website_id=website_id,
        task_id=task_id,
        outcome=Operation.Outcome.COMPLETED if outcome.changed else Operation.Outcome.FAILED,
        provider=provider,
        duration_ms=(time.monotonic() - started) * 1000,
        calls=outcome.usage,
        error="" if outcome.changed else outcome.reply[:300],
    )


def record_site_plan(task: AiTask, started: float, *, provider: str, calls: list[dict], fallback: bool = False,
                     error: str = "") -> None:  # fmt: skip
    """One site plan (``pagebuilder.site.planning``): completed unless ``error`` says why it failed; ``provider`` is
    the one that wrote the sitemap (offline, with ``fallback``, when Claude was unavailable)."""
    record_operation(
        Operation.Kind.SITE_PLAN,
        website_id=task.website_id,
        task_id=task.pk,
        outcome=Operation.Outcome.FAILED if error else Operation.Outcome.COMPLETED,
        provider=provider,
        duration_ms=(time.monotonic() - started) * 1000,
        calls=calls,
        fallback=fallback,
        error=error,
    )


def _default_provider() -> str:
    return settings.LLM_PROVIDER
