"""What an API caller can do to a page besides generating it: edit it (a chat message or operations), publish
it (with the key's publish permission) or submit it for review, unpublish, undo, restore a version, delete it
softly. Each request becomes a task recorded with its caller (``idempotency.once``: Idempotency-Key, rate limit)
and is applied at once; an edit that Claude plans takes longer, so it is queued for a worker
(``tasks.run_edit``) instead and the caller polls its task."""

from django.conf import settings
from django.db import transaction

from monitoring.budgets import ensure_within_budget
from pagebuilder.editing.apply import apply_edits
from pagebuilder.editing.operations import operation_from
from pagebuilder.idempotency import once, request_fingerprint
from pagebuilder.models import PageVersion
from pagebuilder.pages import delete_page, latest_version, restore_version, undo, unpublish
from pagebuilder.refine import refine_page
from pagebuilder.review import publish_draft, require_publish_permission, submit_for_review
from pagebuilder.rollout import require_builder
from pagebuilder.tasks import enqueue_edit
from websites import jobs
from websites.errors import InvalidInput, NotFound
from websites.models import AiTask, ApiClient, Website

EDIT_TASK_TYPE = "page_edit"
MESSAGE_MAX = 2000


def page_action(
    website: Website,
    slug: str,
    action: str,
    params: dict,
    *,
    api_client: ApiClient,
    idempotency_key: str | None = None,
) -> tuple[AiTask, bool]:
    """(the task, whether this request created it). The task is completed with the action's result, or pending
    for a Claude-planned edit. Errors (nothing to undo, an edit refused, a Claude edit that would pass the monthly
    AI budget, …) raise and leave no task behind."""
    require_builder(website.pk)
    if action == "publish":
        require_publish_permission(api_client)
    if action == "edit":
        params = _edit_params(params)
        if latest_version(website, slug) is None:
            raise NotFound(f"Website {website.pk} has no draft of /{slug} to edit; generate it first.")
    body = {"website_id": website.pk, "slug": slug, "action": action, **params}
    fingerprint = request_fingerprint(body)

    def create() -> AiTask:
        if action == "edit" and _planned_by_a_model(params):
            ensure_within_budget(website, "edit", provider=params["provider"])  # 402 before the task exists
        task = jobs.create_task(task_type=f"page_{action}", website_id=website.pk,
                                input={"slug": slug, "action": action, **params, "api_client_id": api_client.pk},
                                message=f"{action.capitalize()} /{slug}")  # fmt: skip
        if action == "edit" and _planned_by_a_model(params):
            transaction.on_commit(lambda: enqueue_edit(task.pk))
            return task
        result = _ACTIONS[action](website, slug, params, api_client)
        jobs.complete(task, result, result["message"])
        return task

    return once(website, create, fingerprint=fingerprint, api_client=api_client, idempotency_key=idempotency_key)


def _edit_params(params: dict) -> dict:
    message = " ".join(str(params.get("message") or "").split())
    operations = params.get("operations")
    if bool(message) == bool(operations):
        raise InvalidInput("Send either a message (what to change, in words) or a list of operations, not both.")
    if len(message) > MESSAGE_MAX:
        raise InvalidInput(f"The message is {len(message)} characters; at most {MESSAGE_MAX}.")
    if operations is not None:
        if not isinstance(operations, list) or not all(isinstance(op, dict) for op in operations):
            raise InvalidInput('operations must be a list of objects such as {"op": "remove", "section": "faq"}.')
        for number, entry in enumerate(operations, start=1):
            operation_from(entry, number)  # refuse a malformed operation before anything is recorded
        return {"operations": operations}
    return {"message": message, "provider": params.get("provider") or settings.LLM_PROVIDER}


def _planned_by_a_model(params: dict) -> bool:
    return "message" in params and params.get("provider") != "offline"


def _edit(website: Website, slug: str, params: dict, api_client: ApiClient) -> dict:
    if "operations" in params:
        ops = [operation_from(entry, number) for number, entry in enumerate(params["operations"], start=1)]
        outcome = apply_edits(website, slug, ops, provider="offline", api_client=api_client)
    else:
        outcome = refine_page(website, slug, params["message"], provider_name="offline")
    if outcome.refused:
        raise InvalidInput(outcome.reply)
    return outcome.as_result()


def _publish(website: Website, slug: str, params: dict, api_client: ApiClient) -> dict:
    draft = publish_draft(website, slug, api_client=api_client)
    return {"changed": True, "message": f"/{slug} is live.", "version_id": draft.pk, "published": True}


def _submit(website: Website, slug: str, params: dict, api_client: ApiClient) -> dict:
    review = submit_for_review(website, slug, api_client=api_client)
    message = f"Version {review.version_id} of /{slug} is awaiting review; a reviewer or owner publishes it."
    return {"changed": True, "message": message, "version_id": review.version_id, "published": False}


def _unpublish(website: Website, slug: str, params: dict, api_client: ApiClient) -> dict:
    changed = unpublish(website, slug, api_client=api_client)
    message = f"/{slug} is no longer live; its versions are kept." if changed else f"/{slug} was not live."
    return {"changed": changed, "message": message, "published": False}


def _undo(website: Website, slug: str, params: dict, api_client: ApiClient) -> dict:
    draft = undo(website, slug)
    return {"changed": True, "message": f"Undone: the draft is version {draft.pk} again.", "version_id": draft.pk}


def _restore(website: Website, slug: str, params: dict, api_client: ApiClient) -> dict:
    version = PageVersion.objects.filter(website=website, slug=slug, pk=params.get("version_id")).first()
    if version is None:
        raise NotFound(f"/{slug} of website {website.pk} has no version {params.get('version_id')}.")
    restored = restore_version(version)
    return {"changed": True, "message": f"Version {version.pk} is the draft again (as version {restored.pk}).",
            "version_id": restored.pk}  # fmt: skip


def _delete(website: Website, slug: str, params: dict, api_client: ApiClient) -> dict:
    delete_page(website, slug, api_client=api_client)
    message = f"/{slug} is deleted: not live and without a draft; restore a version to bring it back."
    return {"changed": True, "published": False, "message": message}


_ACTIONS = {"edit": _edit, "publish": _publish, "submit": _submit, "unpublish": _unpublish, "undo": _undo,
            "restore": _restore, "delete": _delete}  # fmt: skip
