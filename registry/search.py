"""Hybrid component search: pgvector cosine similarity, PostgreSQL full-text and tag overlap, fused by
reciprocal rank (RRF).

Each signal ranks the filtered, non-deprecated components on its own; a component's fused score is
``Σ 1 / (RRF_K + rank)`` over the signals that found it. ``min_similarity`` applies to cosine similarity,
which every result also reports. Full-text documents are stored, GIN-indexed, in the Django-owned
``ComponentSyncState.search_document`` (the components table is Rails-owned), refreshed whenever a component's
row is written (``registry.documents.refresh_search_documents``), so a search never computes ``to_tsvector``.

Query vectors are cached per process (an LRU keyed by model and text), so repeated queries skip the model.
"""

import json
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from threading import Lock
from typing import Any

from django.conf import settings
from django.db import connection

from registry.embeddings import EmbeddingProvider, get_embedding_provider
from registry.models import ComponentSyncState
from websites.errors import InvalidInput, ServiceUnavailable

RRF_K = 60
# Meaning leads; words and tags break ties and rescue exact terms the model misses. Tags weigh little: the real
# library tags every block with many generic words, and at 0.5 they pulled 42 editor queries from 39 right
# categories in the top 3 down to 35 (demo registry: 22 of 23 either way).
WEIGHTS = {"vector_weight": 1.0, "text_weight": 0.3, "tag_weight": 0.1}
CANDIDATES = 60
HNSW_EF_SEARCH = 64
MAX_QUERY_LENGTH = 500
MAX_LIMIT = 50
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or our the their this to we with you your".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class SearchHit:
    component_id: str
    similarity_score: float
    score: float
    text_rank: int | None
    tag_overlap: int
    # The component columns the caller asked for, by name (JSON columns decoded).
    row: dict[str, Any] = field(default_factory=dict, compare=False)


class _QueryVectorCache:
    """A small thread-safe LRU of query vectors, each kept with its pgvector literal: writing 1024 floats as
    text costs about as much as the rest of the request's Python, so a cached query skips that too."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[str, str], tuple[list[float], str]] = OrderedDict()
        self._lock = Lock()

    def get(self, provider: EmbeddingProvider, text: str) -> list[float]:
        return self._entry(provider, text)[0]

    def literal(self, provider: EmbeddingProvider, text: str) -> str:
        return self._entry(provider, text)[1]

    def _entry(self, provider: EmbeddingProvider, text: str) -> tuple[list[float], str]:
        key = (provider.model_id, text)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        vector = provider.embed_query(text)
        entry = (vector, _vector_literal(vector))
        with self._lock:
            self._items[key] = entry
            while len(self._items) > settings.EMBEDDING_QUERY_CACHE_SIZE:
                self._items.popitem(last=False)
        return entry

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


query_vectors = _QueryVectorCache()


def clean_query(query: str | None) -> str:
    text = " ".join((query or "").split())
    if not text:
        raise InvalidInput("The search query is empty; describe the section you are looking for.")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"The search query is {len(text)} characters long; keep it under {MAX_QUERY_LENGTH}.")
    return text


def query_words(text: str) -> list[str]:
    return list(dict.fromkeys(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS))


def ensure_vectors_match(provider: EmbeddingProvider) -> None:
    """Refuse to compare a query with vectors another model made: the scores would be meaningless.

    Search itself checks inside its one statement (the ``guard`` row) and calls this only when that found
    foreign vectors, to name them: so a sync in any process that changes the model is seen by the very next
    search, with no per-process cache to invalidate and no query of its own."""
    foreign = ComponentSyncState.objects.exclude(embedding_model__in=["", provider.model_id])
    if not foreign.exists():
        return
    models = sorted(set(foreign.values_list("embedding_model", flat=True)))
    raise ServiceUnavailable(
        f"The registry's vectors were made by {', '.join(models)} but the configured model is "
        f"{provider.model_id}; run `python manage.py sync_registry <registry file> --reembed` first.",
        retryable=False,
    )


# The plain columns of ai_semantic_components a caller may ask for with a hit (never the 1024-d embedding).
COMPONENT_COLUMNS = frozenset(
    {
        "id",
        "component_id",
        "npm_package",
        "import_path",
        "semantic_type",
        "semantic_tags",
        "category",
        "display_name",
        "description",
        "preview_url",
        "data_capabilities",
        "context_adapters",
        "props_schema",
        "usage_count",
        "version",
        "deprecated",
        "replacement_component_id",
    }
)
_JSON_COLUMNS = frozenset({"data_capabilities", "context_adapters", "props_schema"})
# The renderer's export name without the whole contract: block_name() reads only this key of props_schema.
BLOCK_NAME_HINT = "x_block_name"
_BLOCK_NAME_SQL = (
    "CASE WHEN jsonb_typeof(c.props_schema -> 'x-block-name') = 'string' THEN c.props_schema ->> 'x-block-name' END"
)

# Planner settings the statement needs, in the same round trip and the same implicit transaction, so they end
# with it. At a few hundred rows the planner prefers a sequential scan, yet the HNSW index answers in a third of
# the time; ef_search above the candidate count lets the index return every candidate we ask for; iterative
# scans keep walking the graph until enough rows pass the filters (deprecated, category, ...).
_SETTINGS = (
    f"SET LOCAL hnsw.ef_search = {HNSW_EF_SEARCH}; SET LOCAL hnsw.iterative_scan = strict_order; "
    "SET LOCAL enable_seqscan = off;"
)

# One statement: the model check, the three rankings, their fusion, min_similarity and limit, and the hits'
# component columns. The guard row is there even when nothing matches, so the check never needs its own query.
_SQL = """
WITH q AS (SELECT %(vector)s::vector AS v, to_tsquery('english', %(tsquery)s) AS ts, %(words)s::text[] AS words),
guard AS (
    SELECT EXISTS (SELECT 1 FROM registry_componentsyncstate
                   WHERE embedding_model <> '' AND embedding_model <> %(model)s) AS foreign_vectors
), vec AS MATERIALIZED (
    SELECT c.component_id, c.embedding <=> (SELECT v FROM q) AS distance
    FROM ai_semantic_components c
    WHERE c.deprecated IS NOT TRUE AND c.embedding IS NOT NULL {filters}
    ORDER BY c.embedding <=> (SELECT v FROM q) LIMIT {candidates}
), vec_ranked AS (
    SELECT component_id, distance, row_number() OVER (ORDER BY distance) AS rank FROM vec
), fts AS MATERIALIZED (
    SELECT c.component_id,
           row_number() OVER (ORDER BY ts_rank_cd(s.search_document, q.ts) DESC, c.component_id) AS rank
    FROM ai_semantic_components c JOIN registry_componentsyncstate s USING (component_id), q
    WHERE s.search_document @@ q.ts AND c.deprecated IS NOT TRUE AND c.embedding IS NOT NULL {filters}
    ORDER BY rank LIMIT {candidates}
), tags AS MATERIALIZED (
    SELECT component_id, overlap, row_number() OVER (ORDER BY overlap DESC, component_id) AS rank
    FROM (SELECT c.component_id,
                 (SELECT count(*) FROM unnest(c.semantic_tags) t WHERE t = ANY(q.words)) AS overlap
          FROM ai_semantic_components c, q
          WHERE c.semantic_tags && q.words AND c.deprecated IS NOT TRUE AND c.embedding IS NOT NULL {filters}) t
    ORDER BY rank LIMIT {candidates}
), fused AS MATERIALIZED (
    -- The text rank and tag overlap each hit reports are collected here too: joining the CTEs again cost more.
    SELECT component_id, sum(weight / ({k} + rank)) AS score,
           min(rank) FILTER (WHERE signal = 2) AS text_rank,
           coalesce(max(overlap) FILTER (WHERE signal = 3), 0) AS overlap
    FROM (
        SELECT component_id, rank, {vector_weight} AS weight, 1 AS signal, NULL::bigint AS overlap FROM vec_ranked
        UNION ALL SELECT component_id, rank, {text_weight}, 2, NULL FROM fts
        UNION ALL SELECT component_id, rank, {tag_weight}, 3, overlap FROM tags) ranked
    GROUP BY component_id
), scored AS (
    -- Candidates found only by words or tags get their cosine similarity by an index lookup, row by row.
    SELECT f.component_id, f.score, f.text_rank, f.overlap, 1 - coalesce(v.distance, (
               SELECT c.embedding <=> (SELECT v FROM q) FROM ai_semantic_components c
               WHERE c.component_id = f.component_id)) AS similarity
    FROM fused f LEFT JOIN vec v USING (component_id)
), hits AS MATERIALIZED (
    SELECT s.component_id, s.similarity, s.score, s.text_rank, s.overlap
    FROM scored s
    WHERE s.similarity >= %(min_similarity)s
    ORDER BY s.score DESC, s.similarity DESC
    LIMIT %(limit)s
)
SELECT g.foreign_vectors, h.component_id, h.similarity, h.score, h.text_rank, h.overlap{columns}
FROM guard g
LEFT JOIN (hits h JOIN ai_semantic_components c USING (component_id)) ON true
ORDER BY h.score DESC, h.similarity DESC
"""


def search_components(
    query: str,
    *,
    category: str | Sequence[str] | None = None,
    semantic_type: str | None = None,
    tags: list[str] | None = None,
    limit: int = 10,
    min_similarity: float = 0.0,
    exclude_ids: list[str] | None = None,
    columns: Sequence[str] = (),
) -> list[SearchHit]:
    """Ranked hits for ``query``; deprecated components never appear. ``category`` may name several.

    ``columns`` names component columns (``COMPONENT_COLUMNS``, or ``BLOCK_NAME_HINT``) each hit carries in
    ``row``, read in the same statement: one round trip in all, unless the registry's vectors turn out to be
    another model's (then one more query names the models for the error)."""
    text = clean_query(query)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}, got {limit}.")
    if not -1.0 <= min_similarity <= 1.0:
        raise InvalidInput(f"min_similarity is a cosine similarity between -1 and 1, got {min_similarity}.")
    provider = get_embedding_provider()
    vector = query_vectors.literal(provider, text)
    words = query_words(text)
    filters, params = _filters(category=category, semantic_type=semantic_type, tags=tags, exclude_ids=exclude_ids)
    wanted = list(dict.fromkeys(columns))
    sql = _SQL.format(filters=filters, candidates=CANDIDATES, k=RRF_K, columns=_select_list(wanted), **WEIGHTS)
    params |= {
        "vector": vector,
        "tsquery": " | ".join(words),
        "words": words,
        "model": provider.model_id,
        "min_similarity": min_similarity,
        "limit": limit,
    }
    with connection.cursor() as cursor:
        # Django's psycopg cursors bind parameters on the client, so the settings and the statement travel as
        # one simple-protocol message: one round trip, run by PostgreSQL as one implicit transaction.
        cursor.execute(_SETTINGS + sql, params)
        while cursor.cursor.nextset() and cursor.cursor.description is None:
            pass  # past the SET commands' results to the SELECT's
        rows = cursor.fetchall()
    if rows[0][0]:
        ensure_vectors_match(provider)
    return [_hit(row, wanted) for row in rows if row[1] is not None]


def _select_list(columns: list[str]) -> str:
    unknown = [name for name in columns if name not in COMPONENT_COLUMNS and name != BLOCK_NAME_HINT]
    if unknown:  # names are written into the SQL, so only known columns pass
        raise ValueError(f"Not a component column: {', '.join(unknown)}")
    return "".join(f", {_BLOCK_NAME_SQL}" if name == BLOCK_NAME_HINT else f", c.{name}" for name in columns)


def _hit(row: tuple, columns: list[str]) -> SearchHit:
    _, component_id, similarity, score, text_rank, overlap, *values = row
    data = {
        name: json.loads(value) if name in _JSON_COLUMNS and isinstance(value, str) else value
        for name, value in zip(columns, values, strict=True)
    }
    return SearchHit(
        component_id=component_id,
        similarity_score=round(float(similarity), 4),
        score=round(float(score), 6),
        text_rank=text_rank,
        tag_overlap=overlap,
        row=data,
    )


def search_each_category(
    query: str,
    categories: Sequence[str],
    *,
    limit: int,
    exclude_ids: list[str] | None = None,
    columns: Sequence[str] = (),
) -> list[SearchHit]:
    """Up to ``limit`` hits from each category searched on its own, merged best first: searched together, a
    large category (the real library's 79 heroes) can push a smaller one (its 40 patterned heroes) out of the
    pool entirely."""
    merged: dict[str, SearchHit] = {}
    for category in categories:
        for hit in search_components(query, category=category, limit=limit, exclude_ids=exclude_ids, columns=columns):
            merged.setdefault(hit.component_id, hit)
    return sorted(merged.values(), key=lambda hit: (-hit.score, -hit.similarity_score))


def _filters(*, category, semantic_type, tags, exclude_ids) -> tuple[str, dict]:
    clauses, params = [], {}
    categories = [category] if isinstance(category, str) else list(category or [])
    if categories:
        clauses.append("c.category = ANY(%(categories)s)")
        params["categories"] = categories
    if semantic_type:
        clauses.append("c.semantic_type = %(semantic_type)s")
        params["semantic_type"] = semantic_type
    if tags:
        clauses.append("c.semantic_tags @> %(tags)s::text[]")
        params["tags"] = [tag.lower() for tag in tags]
    if exclude_ids:
        clauses.append("NOT (c.component_id = ANY(%(exclude_ids)s))")
        params["exclude_ids"] = list(exclude_ids)
    return "".join(f" AND {clause}" for clause in clauses), params


def _vector_literal(vector: list[float]) -> str:
    return "[" + ",".join(f"{value:.7g}" for value in vector) + "]"
