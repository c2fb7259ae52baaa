"""The page an edit starts from: the draft's blocks and components, and the site's context rebuilt with the
facts, page type and intent the page was generated with, so that rewritten and added blocks are written from
what the page was made of (found through the generation task the draft descends from)."""

import uuid
from dataclasses import dataclass, field

from pagebuilder.context import WebsiteContext, build_context
from pagebuilder.models import GENERATION_TASK_TYPE, PageVersion
from pagebuilder.playbooks import detect_page_type
from pagebuilder.structure import Candidate
from registry.models import AiSemanticComponent
from registry.selectors import components_by_ids
from websites.models import AiTask, Website


@dataclass
class EditContext:
    """What an edit of one draft knows: the site's context rebuilt with the page's original facts, the page type
    and intent it was generated for, the page's components, and (for Claude) candidate blocks by category."""

    website: Website
    draft: PageVersion
    context: WebsiteContext
    page_type: str
    intent: str
    components: dict[str, AiSemanticComponent]
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    original_context_found: bool = False

    @property
    def slug(self) -> str:
        return self.draft.slug


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def generation_task(website: Website, draft: PageVersion) -> AiTask | None:
    """The generation task the draft descends from: the draft's ``task_id``, else the ``meta.task_id`` its payload
    carries (edits keep it, restored versions copy it), else the newest version of the slug at or before the draft
    that has a ``task_id``. The newest rather than the first, so a page generated again reads its latest facts."""
    meta = (draft.design_payload or {}).get("meta") if isinstance(draft.design_payload, dict) else None
    ids = [draft.task_id, (meta or {}).get("task_id") if isinstance(meta, dict) else None]
    for task_id in filter(None, map(_uuid, ids)):
        task = AiTask.objects.filter(pk=task_id, website_id=website.pk).first()
        if task is not None:
            return task
    earlier = (
        PageVersion.objects.filter(website=website, slug=draft.slug, task_id__isnull=False)
        .filter(created_at__lte=draft.created_at)
        .order_by("-created_at", "-id")
        .values_list("task_id", flat=True)
    )
    for task_id in earlier[:5]:
        task = AiTask.objects.filter(pk=task_id, website_id=website.pk, task_type=GENERATION_TASK_TYPE).first()
        if task is not None:
            return task
    return None


def edit_context(website: Website, draft: PageVersion, additional_context: str | None = None) -> EditContext:
    """The draft's ``EditContext``. ``additional_context`` (the chat's current facts) replaces the facts of the
    generation task; without either, the site's brand, keywords and media still fill most blocks, and blocks
    that need facts are refused with a reply saying which facts to give."""
    task = generation_task(website, draft)
    request = (task.input if task and isinstance(task.input, dict) else None) or {}
    result = (task.result if task and isinstance(task.result, dict) else None) or {}
    found = additional_context is not None or isinstance(request.get("additional_context"), str)
    if additional_context is None and isinstance(request.get("additional_context"), str):
        additional_context = request["additional_context"]
    context = build_context(website, additional_context)
    meta = draft.design_payload.get("meta") if isinstance(draft.design_payload, dict) else {}
    intent = request.get("page_intent") or (meta or {}).get("intent") or draft.title or draft.slug
    page_type = result.get("page_type")
    if not isinstance(page_type, str) or not page_type:
        page_type = detect_page_type(str(intent)[:1000], draft.slug).page_type
    blocks = page_blocks(draft.design_payload)
    components = components_by_ids([b.get("_component") for b in blocks if isinstance(b.get("_component"), str)])
    return EditContext(
        website=website, draft=draft, context=context, page_type=page_type, intent=str(intent),
        components=components, original_context_found=found,
    )  # fmt: skip


def page_blocks(payload: object) -> list[dict]:
    """The payload's blocks that are objects (a payload written elsewhere may hold anything)."""
    blocks = payload.get("blocks") if isinstance(payload, dict) else None
    return [b for b in blocks if isinstance(b, dict)] if isinstance(blocks, list) else []
