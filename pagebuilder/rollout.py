"""Gradual rollout of the AI builder, as the plan's rollout phases, switched in the database so a change takes
effect on the next request (``RolloutSwitch``, edited in the admin; the environment's AI_BUILDER_ROLLOUT_PERCENT
and AI_BUILDER_ALLOWLIST are the defaults while no switch is saved). Off: no website has the builder. Otherwise
websites on the allowlist always have it, and the rest when their stable bucket (a hash of the id, 0–99) is below
the percentage, so raising it only ever adds websites."""

import hashlib
from dataclasses import dataclass

from django.conf import settings

from pagebuilder.models import RolloutSwitch
from websites.errors import Forbidden


@dataclass(frozen=True)
class Rollout:
    enabled: bool
    reason: str
    percent: int
    allowlist: tuple[int, ...]


def current_rollout() -> Rollout:
    """The switch as saved now (one indexed query per call, so the admin's change applies at once)."""
    switch = RolloutSwitch.objects.filter(pk=1).first()
    if switch is None:
        return Rollout(True, "", settings.AI_BUILDER_ROLLOUT_PERCENT, tuple(settings.AI_BUILDER_ALLOWLIST))
    return Rollout(switch.enabled, switch.reason, switch.percent, tuple(switch.allowlist))


def rollout_bucket(website_id: int) -> int:
    return int(hashlib.sha256(f"ai-builder:{website_id}".encode()).hexdigest()[:8], 16) % 100


def builder_refusal(website_id: int) -> str | None:
    """Why the website may not use the builder now, or None when it may."""
    rollout = current_rollout()
    if not rollout.enabled:
        why = f": {rollout.reason}" if rollout.reason else ""
        return f"The AI page builder is switched off for now{why}. Your pages are safe; try again later."
    if website_id in rollout.allowlist or rollout_bucket(website_id) < rollout.percent:
        return None
    return (
        f"The AI page builder is not enabled for website {website_id} yet (gradual rollout at {rollout.percent}%); "
        "ask an administrator to add it to the rollout allowlist."
    )


def builder_enabled(website_id: int) -> bool:
    return builder_refusal(website_id) is None


def require_builder(website_id: int) -> None:
    refusal = builder_refusal(website_id)
    if refusal:
        raise Forbidden(refusal)
