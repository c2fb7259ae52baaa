"""What applying a chat edit ends in: an ``EditOutcome`` for the chat, or an ``EditRefused`` whose reply tells
the editor what to do instead (nothing is saved then)."""

from dataclasses import dataclass, field

from pagebuilder.models import PageVersion

SUMMARY_MAX = 300


@dataclass
class EditOutcome:
    version: PageVersion | None
    reply: str
    summary: str
    changed: bool
    usage: list[dict] = field(default_factory=list)  # model calls (Claude), as ModelUsage dicts
    refused: bool = False  # not applied because something was wrong (not merely: nothing to change)

    def as_result(self) -> dict:
        """The outcome as a task's result (API callers read it)."""
        version_id = self.version.pk if self.version else None
        return {"changed": self.changed, "message": self.reply, "summary": self.summary, "version_id": version_id,
                "usage": self.usage}  # fmt: skip


class EditRefused(Exception):
    """An operation that cannot be applied; ``reply`` tells the editor what to do instead."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply


def summary_line(parts: list[str]) -> str:
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:]
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rstrip() + "…"
