"""Registry sync: bring ai_semantic_components in line with a registry file, writing only what changed.
``sync_registry``'s docstring says what is kept and what is written again.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from registry.documents import embedding_text, refresh_search_documents, sha256
from registry.embeddings import EmbeddingProvider, get_embedding_provider
from registry.formats import ComponentRecord, ParsedRegistry, SkippedEntry
from registry.jsx_examples import FAILED, FULL, PARTIAL
from registry.models import AiSemanticComponent, ComponentSyncState

CURATED_FIELDS = ("semantic_tags", "description", "deprecated", "context_adapters", "props_schema")
SOURCE_ONLY_FIELDS = (
    "display_name",
    "category",
    "semantic_type",
    "import_path",
    "npm_package",
    "version",
    "bundle_size_kb",
)
STATE_FIELDS = (
    "content_hash",
    "source_values",
    "embedding_model",
    "embedding_text_hash",
    "synced_at",
    "example_status",
    "example_reason",
    "non_literal_paths",
)
EMBED_BATCH = 64
WRITE_BATCH = 200

Progress = Callable[[str, int, int], None]


@dataclass
class SyncReport:
    format: str
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deprecated: int = 0
    embeddings: int = 0
    seconds: float = 0.0
    skipped: list[SkippedEntry] = field(default_factory=list)
    missing_from_file: int = 0
    # Export blocks by how their JSX example was read: parsed fully, partly (placeholders), not at all.
    examples: dict[str, int] = field(default_factory=dict)
    # (component id, status, reason) of each example not read fully.
    example_problems: list[tuple[str, str, str]] = field(default_factory=list)

    def example_counts(self) -> dict[str, int]:
        return {
            "parsed fully": self.examples.get(FULL, 0),
            "partly": self.examples.get(PARTIAL, 0),
            "not at all": self.examples.get(FAILED, 0),
        }

    def counts(self) -> dict[str, int | float]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deprecated": self.deprecated,
            "skipped": len(self.skipped),
            "embeddings computed": self.embeddings,
            "seconds": round(self.seconds, 2),
        }


@dataclass
class _Plan:
    """What one sync will write, worked out before anything is written."""

    new: list[AiSemanticComponent] = field(default_factory=list)
    dirty: dict[str, AiSemanticComponent] = field(default_factory=dict)
    dirty_fields: set[str] = field(default_factory=set)
    states: dict[str, ComponentSyncState] = field(default_factory=dict)
    to_embed: list[AiSemanticComponent] = field(default_factory=list)


def _source_curated(record: ComponentRecord) -> dict:
    return {
        "semantic_tags": record.semantic_tags,
        "description": record.description,
        "deprecated": False,
        "context_adapters": {},
        "props_schema": record.props_schema,
    }


def _content_hash(record: ComponentRecord) -> str:
    fields = record.source_fields()
    if record.example is not None:  # a better parse of the same example is a change worth recording
        fields = {**fields, **record.example_outcome()}
    return sha256(fields)


def _count_examples(records: list[ComponentRecord], report: SyncReport) -> None:
    for record in records:
        example = record.example
        if example is None:
            continue
        report.examples[example.status] = report.examples.get(example.status, 0) + 1
        if example.status != FULL:
            report.example_problems.append((record.component_id, example.status, example.reason))


def sync_registry(
    parsed: ParsedRegistry,
    *,
    provider: EmbeddingProvider | None = None,
    reembed: bool = False,
    prune: bool = False,
    dry_run: bool = False,
    force_source: bool = False,
    progress: Progress | None = None,
) -> SyncReport:
    """Per component a Django-owned ``ComponentSyncState`` keeps the hash of what the source last said, the
    curator-editable values it set, and which embedding model made the stored vector. So:

    - an unchanged component is neither written nor re-embedded (a second sync writes nothing);
    - a value a curator changed in admin (tags, description, deprecation, context adapters, the props contract)
      differs from what the source last set, and is kept on resync unless ``force_source``;
    - a vector is recomputed only when its text changed, the configured model differs, or ``reembed`` is asked;
    - components missing from the file are deprecated only with ``prune``, never deleted;
    - how each export block's JSX example was read (fully, partly, not at all, and why) is kept on its sync state.

    Embeddings are computed before the database transaction, so a slow provider never holds locks.
    """
    started = time.perf_counter()
    provider = provider or get_embedding_provider()
    report = SyncReport(format=parsed.format, dry_run=dry_run, skipped=list(parsed.skipped))
    _count_examples(parsed.records, report)
    plan = _plan(parsed.records, report, provider=provider, reembed=reembed, force_source=force_source)
    if not dry_run:
        report.embeddings = _embed(plan, provider, progress)
    with transaction.atomic():
        _write(plan)
        report.deprecated, report.missing_from_file = _prune(parsed.records, apply=prune)
        if dry_run:
            report.embeddings = len(plan.to_embed)
            transaction.set_rollback(True)
    report.seconds = time.perf_counter() - started
    return report


def _plan(
    records: list[ComponentRecord],
    report: SyncReport,
    *,
    provider: EmbeddingProvider,
    reembed: bool,
    force_source: bool,
) -> _Plan:
    ids = [record.component_id for record in records]
    existing = {
        c.component_id: c
        for c in AiSemanticComponent.objects.filter(component_id__in=ids)
        .defer("embedding")
        .annotate(has_embedding=ExpressionWrapper(Q(embedding__isnull=False), output_field=BooleanField()))
    }
    states = {s.component_id: s for s in ComponentSyncState.objects.filter(component_id__in=ids)}
    plan = _Plan()
    now = timezone.now()
    for record in records:
        content_hash = _content_hash(record)
        component, state = existing.get(record.component_id), states.get(record.component_id)
        # Deprecated by an earlier --prune and listed again: the source revives it.
        revived = state is not None and state.source_values.get("deprecated") is True
        if component is None:
            values = {**record.source_fields(), **_source_curated(record)}
            component = AiSemanticComponent(component_id=record.component_id, data_capabilities={}, **values)
            component.has_embedding = False
            plan.new.append(component)
            report.created += 1
        elif state is not None and state.content_hash == content_hash and not force_source and not revived:
            report.unchanged += 1
        elif _apply(component, record, state, force_source=force_source, plan=plan):
            report.updated += 1
        else:
            report.unchanged += 1
        if state is None or state.content_hash != content_hash or force_source or revived:
            state = state or ComponentSyncState(component_id=record.component_id)
            state.content_hash, state.source_values, state.synced_at = content_hash, _source_curated(record), now
            for name, value in record.example_outcome().items():
                setattr(state, name, value)
            plan.states[record.component_id] = state
        if _needs_embedding(component, state, provider, reembed=reembed):
            plan.to_embed.append(component)
            plan.states[record.component_id] = state
    return plan


def _apply(
    component: AiSemanticComponent,
    record: ComponentRecord,
    state: ComponentSyncState | None,
    *,
    force_source: bool,
    plan: _Plan,
) -> bool:
    """Set the source's values on ``component``, keeping curator edits; True if anything changed."""
    wanted = {**record.source_fields(), **_source_curated(record)}
    last = state.source_values if state else {}
    changed = [name for name in SOURCE_ONLY_FIELDS if getattr(component, name) != wanted[name]]
    for name in CURATED_FIELDS:
        edited_by_curator = name in last and getattr(component, name) != last[name]
        if (force_source or not edited_by_curator) and getattr(component, name) != wanted[name]:
            changed.append(name)
    for name in changed:
        setattr(component, name, wanted[name])
    if changed:
        plan.dirty[component.component_id] = component
        plan.dirty_fields.update(changed)
    return bool(changed)


def _needs_embedding(
    component: AiSemanticComponent,
    state: ComponentSyncState | None,
    provider: EmbeddingProvider,
    *,
    reembed: bool,
) -> bool:
    if reembed or state is None or not component.has_embedding:
        return True
    return state.embedding_model != provider.model_id or state.embedding_text_hash != sha256(embedding_text(component))


def _embed(plan: _Plan, provider: EmbeddingProvider, progress: Progress | None) -> int:
    total, now = len(plan.to_embed), timezone.now()
    # Texts of similar length share a batch, so little of the model's work goes into padding.
    queue = sorted(((embedding_text(c), c) for c in plan.to_embed), key=lambda pair: len(pair[0]))
    for start in range(0, total, EMBED_BATCH):
        batch = queue[start : start + EMBED_BATCH]
        texts = [text for text, _ in batch]
        for (text, component), vector in zip(batch, provider.embed_documents(texts), strict=True):
            component.embedding, component.embedding_updated_at = vector, now
            state = plan.states[component.component_id]
            state.embedding_model, state.embedding_text_hash = provider.model_id, sha256(text)
            if component.pk:
                plan.dirty[component.component_id] = component
                plan.dirty_fields.update(("embedding", "embedding_updated_at"))
        if progress:
            progress("embedding", min(start + EMBED_BATCH, total), total)
    return total


def _write(plan: _Plan) -> None:
    AiSemanticComponent.objects.bulk_create(plan.new, batch_size=WRITE_BATCH)
    if plan.dirty:
        now = timezone.now()
        for component in plan.dirty.values():
            component.updated_at = now
        AiSemanticComponent.objects.bulk_update(
            list(plan.dirty.values()), fields=sorted(plan.dirty_fields | {"updated_at"}), batch_size=WRITE_BATCH
        )
    if plan.states:
        ComponentSyncState.objects.bulk_create(
            list(plan.states.values()),
            batch_size=WRITE_BATCH,
            update_conflicts=True,
            unique_fields=["component_id"],
            update_fields=list(STATE_FIELDS),
        )
    refresh_search_documents(sorted(set(plan.states) | set(plan.dirty)))


def _prune(records: list[ComponentRecord], *, apply: bool) -> tuple[int, int]:
    """Deprecate (never delete) live components of the file's packages that the file no longer lists."""
    packages = {record.npm_package for record in records}
    if not packages:
        return 0, 0
    gone = (
        AiSemanticComponent.objects.filter(npm_package__in=packages)
        .exclude(component_id__in=[record.component_id for record in records])
        .exclude(deprecated=True)
    )
    missing = gone.count()
    if not apply or not missing:
        return 0, missing
    gone_ids = list(gone.values_list("component_id", flat=True))
    gone.update(deprecated=True)
    # The source "said" deprecated, so this is not a curator's edit: a later file listing it again revives it.
    states = list(ComponentSyncState.objects.filter(component_id__in=gone_ids))
    for state in states:
        state.source_values = {**state.source_values, "deprecated": True}
    ComponentSyncState.objects.bulk_update(states, ["source_values"], batch_size=WRITE_BATCH)
    return missing, missing
