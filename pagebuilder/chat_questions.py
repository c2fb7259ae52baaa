"""The chat side of a generation that stopped to ask for data: the editor's next message answers it (its facts
are read and saved, and the page is built), or tells the builder to go on without those sections. A message
with no fact of the kind asked for gets a reply saying what to write, and the question stays open."""

import re

from django.db import transaction

from pagebuilder.answers import answer_task
from pagebuilder.models import Conversation, Message
from websites.errors import AppError
from websites.models import AiTask

_SKIP = re.compile(
    r"\b(?:build it without|without (?:it|them|that|those|the \w+|any \w+|prices|people|reviews)|skip(?: it| that)?|"
    r"leave (?:it|them|that|those) out|go ahead without|we don'?t have (?:any|them|that)|none|"
    r"sin (?:eso|ellos|ellas|precios|equipo|reseñas)|no (?:tenemos|hay))\b",
    re.IGNORECASE,
)


def waiting_generation(conversation: Conversation) -> Message | None:
    """The conversation's newest generation message if its task waits for answers."""
    message = conversation.messages.filter(kind=Message.Kind.GENERATION).order_by("-created_at", "-id").first()
    if message is None:
        return None
    task = AiTask.objects.filter(pk=message.task_id).first()
    return message if task is not None and task.public_status == "needs_input" else None


def answer_in_chat(conversation: Conversation, waiting: Message, asked: Message) -> Message:
    """Answer the waiting generation with the editor's message ``asked``; the reply, or a new progress card for
    the same task. The facts of an answer are saved by answering, so the message says so."""
    text = asked.text
    task = AiTask.objects.get(pk=waiting.task_id)
    questions = (task.result or {}).get("questions") or []
    try:
        if _SKIP.search(text):
            answered = answer_task(task, skip=True)
        else:
            answered = answer_task(task, [{"question_id": q["id"], "answer": text} for q in questions[:1]])
    except AppError as error:
        return Message.objects.create(conversation=conversation, role=Message.Role.ASSISTANT,
                                      kind=Message.Kind.HELP, text=error.message)  # fmt: skip
    if answered.found and asked.data.get("found_facts"):
        asked.data = {**asked.data, "facts_saved": len(asked.data["found_facts"])}
        asked.save(update_fields=["data"])
    with transaction.atomic():
        # The old card keeps the question as text; the new one follows the same task as it builds the page.
        Message.objects.filter(pk=waiting.pk).update(kind=Message.Kind.TEXT, text=task.message or "",
                                                     data={"questions": questions})  # fmt: skip
        lead = f"{answered.found} " if answered.found else ""
        verb = "Building the page without those sections…" if not answered.found else "Building the page…"
        return Message.objects.create(conversation=conversation, role=Message.Role.ASSISTANT,
                                      kind=Message.Kind.GENERATION, text=f"{lead}{verb}", task_id=task.pk)  # fmt: skip
