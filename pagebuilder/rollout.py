"""Gradual rollout of the AI builder, as the plan's rollout phases: websites on ``AI_BUILDER_ALLOWLIST`` always
have it; otherwise a website is in when its stable bucket (a hash of its id, 0–99) is below
``AI_BUILDER_ROLLOUT_PERCENT``. Raising the percentage only ever adds websites, never removes one."""

import hashlib

from django.conf import settings

from websites.errors import Forbidden


def rollout_bucket(website_id: int) -> int:
    return int(hashlib.sha256(f"ai-builder:{website_id}".encode()).hexdigest()[:8], 16) % 100


def builder_enabled(website_id: int) -> bool:
    if website_id in settings.AI_BUILDER_ALLOWLIST:
        return True
    return rollout_bucket(website_id) < settings.AI_BUILDER_ROLLOUT_PERCENT


def require_builder(website_id: int) -> None:
    if not builder_enabled(website_id):
        raise Forbidden(
            f"The AI page builder is not enabled for website {website_id} yet (gradual rollout at "
            f"{settings.AI_BUILDER_ROLLOUT_PERCENT}%); ask an administrator to add it to AI_BUILDER_ALLOWLIST."
        )
