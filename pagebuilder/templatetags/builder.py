"""Template helpers of the builder: a generation message's live view, phase names for people."""

from django import template

from pagebuilder.chat import generation_view

register = template.Library()

PHASE_LABELS = {
    "queued": "Waiting for a worker",
    "research": "Research",
    "structure": "Structure",
    "style": "Style",
    "validate": "Validate",
    "store": "Store",
    "completed": "Completed",
    "failed": "Failed",
}


@register.filter
def generation(message):
    return generation_view(message)


@register.filter
def phase_label(phase: str | None) -> str:
    return PHASE_LABELS.get(phase or "", (phase or "").capitalize())
