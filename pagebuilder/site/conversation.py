"""The site builder's chat as stored: the website's site-level ``Conversation`` (slug ``SITE_CHAT_SLUG``) and what
a message does there: propose a sitemap (a site plan task, shown as a progress card), change the sitemap
(``site.chat``), start the build, or answer with the help. Refusals of a change (an unknown page, a sitemap being
built, a build with nothing to build) are answered in the chat; an empty message, or one sent while a sitemap is
being proposed, is refused before it is recorded (the editor's text stays in the box).
"""

from django.db import transaction

from pagebuilder.chat import MESSAGE_MAX
from pagebuilder.models import Conversation, Message
from pagebuilder.services import Started, start_site_plan
from pagebuilder.site.chat import BUILD, HELP, HELP_TEXT, PLAN, SITE_CHAT_SLUG, apply, parse
from pagebuilder.site.plans import current_plan
from pagebuilder.site.starting import start_site_build
from pagebuilder.tasks import SITE_PLAN_TASK_TYPE
from websites.errors import AppError, Conflict, InvalidInput
from websites.models import AiTask, Website
from websites.text import require_storable

RUNNING = (AiTask.Status.PENDING, AiTask.Status.PROCESSING)


def site_conversation(website: Website, user=None) -> Conversation:
    conversation, _ = Conversation.objects.get_or_create(
        website=website, slug=SITE_CHAT_SLUG, defaults={"created_by": user}
    )
    return conversation


def site_messages(website: Website) -> list[Message]:
    conversation = Conversation.objects.filter(website=website, slug=SITE_CHAT_SLUG).first()
    return list(conversation.messages.all()) if conversation else []


def running_plan_task(website: Website) -> AiTask | None:
    return (
        AiTask.objects.filter(website_id=website.pk, task_type=SITE_PLAN_TASK_TYPE, status__in=RUNNING)
        .order_by("-created_at")
        .first()
    )


def send_site_message(website: Website, text: str, user) -> tuple[Message, Message]:
    """Record the editor's message and answer it (see the module's docstring)."""
    text = require_storable((text or "").strip(), "message")
    if not text:
        raise InvalidInput("Type a message first, e.g. “a website for our yoga studio”.")
    if len(text) > MESSAGE_MAX:
        raise InvalidInput(f"The message is {len(text)} characters long; at most {MESSAGE_MAX}.")
    if running_plan_task(website) is not None:
        raise Conflict("A sitemap is being proposed; wait until it is ready, then change it.")
    plan = current_plan(website)
    pages = [dict(page) for page in plan.pages] if plan else None
    conversation = site_conversation(website, user)
    with transaction.atomic():
        asked = Message.objects.create(conversation=conversation, role=Message.Role.USER, text=text, author=user)
        answer = _answer(website, conversation, text, pages, user)
    Conversation.objects.filter(pk=conversation.pk).update(updated_at=answer.created_at)
    return asked, answer


def _answer(website: Website, conversation: Conversation, text: str, pages: list[dict] | None, user) -> Message:
    def reply(kind: str, body: str, **extra) -> Message:
        return Message.objects.create(conversation=conversation, role=Message.Role.ASSISTANT, kind=kind, text=body,
                                      **extra)  # fmt: skip

    try:
        command = parse(text, pages)
        if command.action == HELP:
            return reply(Message.Kind.HELP, HELP_TEXT)
        with transaction.atomic():  # a refused start or change leaves nothing half done
            if command.action == PLAN:
                started = start_site_plan(website, command.value, user=user)
                return reply(Message.Kind.GENERATION, "Proposing a sitemap…", task_id=started.task.pk,
                             data={"site_task": "plan"})  # fmt: skip
            if command.action == BUILD:
                started = start_build(website, user, only=[command.slug] if command.slug else None)
                return reply(Message.Kind.TEXT, build_note(started, command.slug), task_id=started.task.pk,
                             data={"site_task": "build"})  # fmt: skip
            return reply(Message.Kind.EDIT, apply(website, command, pages or [], user=user))
    except AppError as error:
        return reply(Message.Kind.ERROR, error.message)


def start_build(website: Website, user, only: list[str] | None = None) -> Started:
    """Build every page of the current sitemap, or the ``only`` ones (drafts; publishing is a separate step)."""
    return start_site_build(website, user=user, publish=False, only=only)


def build_note(started: Started, slug: str = "") -> str:
    verb = "Building" if started.created else "Already building"
    if slug:
        return f"{verb} /{slug} again: the other pages keep their drafts and the same navigation."
    return f"{verb} the site: each page's progress shows in the sitemap panel."
