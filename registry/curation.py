"""Curator workflow on the registry: re-embedding, deprecation, the embedding state the admin shows, and the
"Curators" group. The admin calls these; they hold the rules so that a management command or a test can too.
"""

from collections.abc import Iterable, Sequence
from typing import Literal

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from registry.documents import embedding_text, refresh_search_documents, sha256
from registry.embeddings import get_embedding_provider
from registry.models import AiSemanticComponent, ComponentSyncState
from registry.sync import EMBED_BATCH
from websites.errors import AppError, InvalidInput

CURATORS_GROUP = "Curators"
# Curators edit the registry and may look at (not change) the websites a block is chosen for. The data migration
# registry/0003_curators_group.py holds a frozen copy; apps above the registry grant views of their own models
# (pagebuilder.curation), and tests/registry/test_admin.py checks the lists against the migrations.
CURATOR_PERMISSIONS = (
    "registry.view_aisemanticcomponent",
    "registry.change_aisemanticcomponent",
    "websites.view_website",
    "websites.view_brandguide",
    "websites.view_seokeyword",
    "websites.view_mediarecord",
)

EmbeddingState = Literal["current", "stale", "missing"]
CURRENT: EmbeddingState = "current"
STALE: EmbeddingState = "stale"
MISSING: EmbeddingState = "missing"


def embedding_state(component: AiSemanticComponent, state: ComponentSyncState | None, model_id: str) -> EmbeddingState:
    """Whether the stored vector is the configured model's vector of the component's current text."""
    if not _has_vector(component):
        return MISSING
    if state is None or state.embedding_model != model_id:
        return STALE
    return CURRENT if state.embedding_text_hash == sha256(embedding_text(component)) else STALE


def _has_vector(component: AiSemanticComponent) -> bool:
    # Lists defer the 1024 floats and annotate ``has_vector`` instead (see ``with_embedding_state``).
    if "embedding" in component.get_deferred_fields() and hasattr(component, "has_vector"):
        return component.has_vector
    return component.embedding is not None


def with_embedding_state(queryset: QuerySet[AiSemanticComponent]) -> QuerySet[AiSemanticComponent]:
    """Annotate what ``annotated_embedding_state`` needs, so a page of rows costs one query, not one per row."""
    states = ComponentSyncState.objects.filter(component_id=OuterRef("component_id"))
    return queryset.defer("embedding").annotate(
        has_vector=ExpressionWrapper(Q(embedding__isnull=False), output_field=BooleanField()),
        state_model=Subquery(states.values("embedding_model")[:1]),
        state_text_hash=Subquery(states.values("embedding_text_hash")[:1]),
    )


def annotated_embedding_state(component: AiSemanticComponent, model_id: str) -> EmbeddingState:
    """``embedding_state`` of a row from ``with_embedding_state`` (NULL annotations: no sync state row)."""
    state = None
    if component.state_model is not None:
        state = ComponentSyncState(
            component_id=component.component_id,
            embedding_model=component.state_model,
            embedding_text_hash=component.state_text_hash,
        )
    return embedding_state(component, state, model_id)


def current_embedding_pks(queryset: QuerySet[AiSemanticComponent], model_id: str) -> list[int]:
    """Primary keys of the rows whose vector is current. The text hash is computed in Python (the text is
    built there), over only the rows that have a vector from the configured model."""
    candidates = with_embedding_state(queryset).filter(embedding__isnull=False, state_model=model_id)
    return [row.pk for row in candidates if annotated_embedding_state(row, model_id) == CURRENT]


def reembed_components(component_ids: Iterable[str]) -> int:
    """Recompute the vectors of these components with the configured provider; returns how many.

    The provider runs before the write transaction, as in the sync, so a slow provider holds no locks.
    """
    components = list(AiSemanticComponent.objects.filter(component_id__in=list(component_ids)).defer("embedding"))
    if not components:
        return 0
    provider = get_embedding_provider()
    texts = [embedding_text(component) for component in components]
    vectors: list[list[float]] = []
    for start in range(0, len(texts), EMBED_BATCH):
        vectors += provider.embed_documents(texts[start : start + EMBED_BATCH])
    _write_embeddings(components, texts=texts, vectors=vectors, model_id=provider.model_id)
    return len(components)


@transaction.atomic
def _write_embeddings(
    components: list[AiSemanticComponent], *, texts: list[str], vectors: list[list[float]], model_id: str
) -> None:
    now = timezone.now()
    for component, vector in zip(components, vectors, strict=True):
        component.embedding, component.embedding_updated_at, component.updated_at = vector, now, now
    AiSemanticComponent.objects.bulk_update(components, ["embedding", "embedding_updated_at", "updated_at"])
    states = [
        # content_hash "" on a new row: the next sync treats the component as changed and rewrites its state.
        ComponentSyncState(
            component_id=component.component_id,
            content_hash="",
            source_values={},
            embedding_model=model_id,
            embedding_text_hash=sha256(text),
            synced_at=now,
        )
        for component, text in zip(components, texts, strict=True)
    ]
    ComponentSyncState.objects.bulk_create(
        states,
        update_conflicts=True,
        unique_fields=["component_id"],
        update_fields=["embedding_model", "embedding_text_hash"],
    )
    refresh_search_documents([component.component_id for component in components])


def check_replacement(replacement_id: str, *, replacing: Sequence[str]) -> AiSemanticComponent:
    """The live component ``replacement_id`` names, or InvalidInput saying why it cannot replace ``replacing``."""
    replacement_id = (replacement_id or "").strip()
    if not replacement_id:
        raise InvalidInput("Give the component id of the replacement, e.g. hero-split-image.")
    if replacement_id in replacing:
        raise InvalidInput(
            f"{replacement_id} is one of the components being deprecated, so it cannot replace them; "
            "choose a live component outside the selection."
        )
    replacement = AiSemanticComponent.objects.filter(component_id=replacement_id).defer("embedding").first()
    if replacement is None:
        raise InvalidInput(f"No component has id {replacement_id!r}; check the id on the component's page.")
    if replacement.deprecated:
        successor = replacement.replacement_component_id
        hint = f" (its own replacement is {successor})" if successor else ""
        raise InvalidInput(f"{replacement_id} is itself deprecated{hint}; choose a live component.")
    return replacement


@transaction.atomic
def deprecate_components(component_ids: Iterable[str], *, replacement_id: str) -> int:
    """Mark these components deprecated, pointing pages at ``replacement_id``; returns how many rows changed."""
    ids = list(component_ids)
    replacement = check_replacement(replacement_id, replacing=ids)
    return AiSemanticComponent.objects.filter(component_id__in=ids).update(
        deprecated=True, replacement_component_id=replacement.component_id
    )


@transaction.atomic
def component_saved(component: AiSemanticComponent) -> None:
    """After a curator's edit: refresh the full-text document. The vector is left alone; if the edit changed
    the embedded text, ``embedding_state`` now says "stale" and the list offers a re-embed."""
    refresh_search_documents([component.component_id])


@transaction.atomic
def curators_group(granted_above: Sequence[str] = ()) -> Group:
    """The "Curators" group with exactly ``CURATOR_PERMISSIONS`` and the permissions apps above the registry
    grant it (``granted_above``, "app.codename"); the migrations made it, this restores it."""
    names = (*CURATOR_PERMISSIONS, *granted_above)
    lookup = Q()
    for app_label, codename in (name.split(".", 1) for name in names):
        lookup |= Q(content_type__app_label=app_label, codename=codename)
    perms = list(Permission.objects.filter(lookup).select_related("content_type"))
    missing = set(names) - {f"{p.content_type.app_label}.{p.codename}" for p in perms}
    if missing:
        raise AppError(f"Permissions {', '.join(sorted(missing))} are missing; run `python manage.py migrate` first.")
    group, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    group.permissions.set(perms)
    return group
