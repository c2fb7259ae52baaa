"""The hybrid search as it was before issue 15 (two round trips, a separate model check, components fetched
afterwards), kept verbatim as the reference the one-statement search must match hit for hit."""

from django.db import connection, transaction

from registry.embeddings import get_embedding_provider
from registry.search import (
    CANDIDATES,
    HNSW_EF_SEARCH,
    RRF_K,
    WEIGHTS,
    SearchHit,
    _filters,
    _vector_literal,
    clean_query,
    ensure_vectors_match,
    query_vectors,
    query_words,
)

_SQL = """
WITH q AS (SELECT %(vector)s::vector AS v, to_tsquery('english', %(tsquery)s) AS ts, %(words)s::text[] AS words),
vec AS MATERIALIZED (
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
    SELECT component_id, sum(weight / ({k} + rank)) AS score FROM (
        SELECT component_id, rank, {vector_weight} AS weight FROM vec_ranked
        UNION ALL SELECT component_id, rank, {text_weight} FROM fts
        UNION ALL SELECT component_id, rank, {tag_weight} FROM tags) ranked
    GROUP BY component_id
), scored AS (
    -- Candidates found only by words or tags get their cosine similarity by an index lookup, row by row.
    SELECT f.component_id, f.score, 1 - coalesce(v.distance, (
               SELECT c.embedding <=> (SELECT v FROM q) FROM ai_semantic_components c
               WHERE c.component_id = f.component_id)) AS similarity
    FROM fused f LEFT JOIN vec v USING (component_id)
)
SELECT s.component_id, s.similarity, s.score, fts.rank, coalesce(tags.overlap, 0)
FROM scored s LEFT JOIN fts USING (component_id) LEFT JOIN tags USING (component_id)
WHERE s.similarity >= %(min_similarity)s
ORDER BY s.score DESC, s.similarity DESC
LIMIT %(limit)s
"""


def reference_search(
    query, *, category=None, semantic_type=None, tags=None, limit=10, min_similarity=0.0, exclude_ids=None
) -> list[SearchHit]:
    text = clean_query(query)
    provider = get_embedding_provider()
    ensure_vectors_match(provider)
    vector = query_vectors.get(provider, text)
    words = query_words(text)
    filters, params = _filters(category=category, semantic_type=semantic_type, tags=tags, exclude_ids=exclude_ids)
    sql = _SQL.format(filters=filters, candidates=CANDIDATES, k=RRF_K, **WEIGHTS)
    params |= {
        "vector": _vector_literal(vector),
        "tsquery": " | ".join(words),
        "words": words,
        "min_similarity": min_similarity,
        "limit": limit,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SET LOCAL hnsw.ef_search = {HNSW_EF_SEARCH}; SET LOCAL hnsw.iterative_scan = strict_order; "
            "SET LOCAL enable_seqscan = off"
        )
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        SearchHit(cid, round(float(sim), 4), round(float(score), 6), text_rank, overlap)
        for cid, sim, score, text_rank, overlap in rows
    ]
