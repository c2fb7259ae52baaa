"""The builder chat: who may work on which website, conversations per page, and what a message does.

A message on a page without a draft (or one that asks for a new page: "make …", "create …", "start over …")
starts a generation task; any other message refines the current draft through ``pagebuilder.refine``. A
generation is one assistant message whose look follows its AiTask: a progress card while it runs, the
sections with their reasoning when it completes, the error with a Retry button when it fails. A message whose
Claude work would pass the website's monthly AI budget is refused (402, ``monitoring.budgets``) before it is
recorded, so the editor's text stays in the box.
"""

import re
from dataclasses import asdict, dataclass, is_dataclass

from django.db import transaction

from monitoring.budgets import ensure_within_budget
from pagebuilder.chat_facts import note_found_facts
from pagebuilder.chat_questions import answer_in_chat, waiting_generation
from pagebuilder.models import Conversation, Message
from pagebuilder.pages import SLUG, PageSummary, latest_version, page_summaries
from pagebuilder.refine import asks_to_undo, refine_page
from pagebuilder.services import GenerationInput, start_generation
from websites.errors import Conflict, InvalidInput
from websites.models import AiTask, Website
from websites.text import require_storable

MESSAGE_MAX = 2000
FACTS_MAX = 10000
ANSWER, GENERATE, REFINE = "answer", "generate", "refine"  # what a message does (``_route``)
# "make an about page …", "create a new page …", "start over": a new page. "make the hero punchier" is an edit.
_NEW_PAGE = re.compile(
    r"^\s*(please\s+)?((make|create|build|generate|design|draft|write)\b.*\bpage\b|start over\b)", re.IGNORECASE
)


def conversation_for(website: Website, slug: str, user=None) -> Conversation:
    conversation, _ = Conversation.objects.get_or_create(website=website, slug=slug, defaults={"created_by": user})
    return conversation


def page_rows(website: Website) -> list[PageSummary]:
    """Every page of the website, published ones and drafts, plus pages whose chat has no draft yet; newest
    first."""
    chats = Conversation.objects.filter(website=website).values_list("slug", flat=True)
    # The site builder's chat (slug "_site") is about no page: only page slugs are pages.
    rows = page_summaries(website, extra_slugs=[slug for slug in chats if SLUG.match(slug)])
    return sorted(rows, key=lambda row: row.updated_at.timestamp() if row.updated_at else 0.0, reverse=True)


def running_generation(conversation: Conversation) -> Message | None:
    """The conversation's generation message whose task has not finished, if any."""
    for message in conversation.messages.filter(kind=Message.Kind.GENERATION).order_by("-created_at")[:3]:
        status = AiTask.objects.filter(pk=message.task_id).values_list("status", flat=True).first()
        if status in (AiTask.Status.PENDING, AiTask.Status.PROCESSING):
            return message
    return None


def _clean(text: str, limit: int, what: str) -> str:
    text = require_storable((text or "").strip(), what)
    if len(text) > limit:
        raise InvalidInput(f"The {what} is {len(text)} characters long; at most {limit}.")
    return text


def wants_new_page(text: str) -> bool:
    return bool(_NEW_PAGE.match(text))


def send_message(website: Website, slug: str, text: str, user, *, facts: str | None = None) -> tuple[Message, Message]:
    """Record the editor's message and answer it: start a generation or refine the draft."""
    text = _clean(text, MESSAGE_MAX, "message")
    if not text:
        raise InvalidInput("Type a message first, e.g. 'Make an about page for our family bakery'.")
    conversation = conversation_for(website, slug, user)
    if facts is not None:
        conversation.facts = _clean(facts, FACTS_MAX, "facts text")
        conversation.save(update_fields=["facts", "updated_at"])
    if running_generation(conversation):
        raise Conflict("A generation is still running for this page; wait until it finishes.")
    waiting = waiting_generation(conversation)
    route = _route(website, slug, text, waiting)
    _ensure_budget(website, route, text, waiting)  # 402 before the message is recorded or any model reads it
    asked = Message.objects.create(conversation=conversation, role=Message.Role.USER, text=text, author=user)
    note_found_facts(asked, "\n".join(filter(None, [text, facts])))
    if route == ANSWER:
        answer = answer_in_chat(conversation, waiting, asked)
    elif route == GENERATE:
        answer = _start_generation(conversation, text, user)
    else:
        answer = _refine(conversation, text, user)
    Conversation.objects.filter(pk=conversation.pk).update(updated_at=answer.created_at)
    return asked, answer


def _route(website: Website, slug: str, text: str, waiting: Message | None) -> str:
    """What the message does: answer the waiting generation's questions, start a generation, or refine the draft."""
    if waiting is not None and not wants_new_page(text):
        return ANSWER
    if latest_version(website, slug) is None or wants_new_page(text):
        return GENERATE
    return REFINE


def _ensure_budget(website: Website, route: str, text: str, waiting: Message | None) -> None:
    """Refuse (402) a message whose Claude work would pass the website's monthly AI budget. Generations and edits
    use settings.LLM_PROVIDER; an answer continues its task with the provider that task was started with; asking
    to undo is answered without a model."""
    provider = None
    if route == REFINE and asks_to_undo(text):
        return
    if route == ANSWER:
        provider = (AiTask.objects.filter(pk=waiting.task_id).values_list("input", flat=True).first() or {}).get(
            "provider"
        )
    ensure_within_budget(website, "edit" if route == REFINE else "generation", provider=provider)


def _start_generation(conversation: Conversation, intent: str, user) -> Message:
    request = GenerationInput(
        page_intent=intent,
        page_category_slug=conversation.slug,
        additional_context=conversation.facts,
        publish=False,
    )
    with transaction.atomic():
        started = start_generation(conversation.website, request, user=user)
        return Message.objects.create(
            conversation=conversation,
            role=Message.Role.ASSISTANT,
            kind=Message.Kind.GENERATION,
            text="Generating the page…",
            task_id=started.task.pk,
        )


def _refine(conversation: Conversation, text: str, user) -> Message:
    outcome = refine_page(
        conversation.website, conversation.slug, text, author=user, additional_context=conversation.facts or None
    )
    kind = Message.Kind.EDIT if outcome.changed else Message.Kind.HELP
    usage = [asdict(u) if is_dataclass(u) else u for u in getattr(outcome, "usage", [])]
    return Message.objects.create(
        conversation=conversation,
        role=Message.Role.ASSISTANT,
        kind=kind,
        text=outcome.reply,
        data={"summary": outcome.summary, "usage": usage},
        version=outcome.version,
    )


def retry_generation(message: Message, user) -> Message:
    """Start the failed generation of ``message`` again with the same request."""
    task = AiTask.objects.filter(pk=message.task_id).first()
    if message.kind != Message.Kind.GENERATION or task is None or task.status != AiTask.Status.FAILED:
        raise Conflict("Only a failed generation can be retried.")
    conversation = message.conversation
    if running_generation(conversation):
        raise Conflict("A generation is still running for this page; wait until it finishes.")
    return _start_generation(conversation, (task.input or {}).get("page_intent") or "Retry the page", user)


@dataclass(frozen=True)
class GenerationView:
    """What a generation message shows: the task's live state, or its result or error."""

    task: AiTask | None
    running: bool
    failed: bool
    result: dict
    needs_input: bool = False  # stopped to ask for data: ``result["questions"]``

    @property
    def phases(self) -> list[tuple[str, str]]:
        """(phase, state) for the card: done, current or waiting."""
        order = ["research", "structure", "style", "validate", "store"]
        current = self.task.phase if self.task else None
        if self.task and self.task.status == AiTask.Status.COMPLETED:
            return [(phase, "done") for phase in order]
        position = order.index(current) if current in order else -1
        return [
            (phase, "done" if index < position else "current" if index == position else "waiting")
            for index, phase in enumerate(order)
        ]


def generation_view(message: Message) -> GenerationView:
    task = AiTask.objects.filter(pk=message.task_id).first()
    status = task.status if task else AiTask.Status.FAILED
    waiting = task is not None and task.public_status == "needs_input"
    return GenerationView(
        task=task,
        running=status in (AiTask.Status.PENDING, AiTask.Status.PROCESSING),
        failed=status == AiTask.Status.FAILED and not waiting,
        result=(task.result or {}) if task and (status == AiTask.Status.COMPLETED or waiting) else {},
        needs_input=waiting,
    )
