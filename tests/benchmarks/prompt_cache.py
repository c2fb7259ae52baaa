"""Prompt-cache accounting of Claude requests as the Messages API would bill them, from the request bodies alone
(used by ``site_token_bench``). Tokens are characters / 4 of the JSON, as in ``claude_bench``.

The cached prefix of a request runs tools -> system -> messages up to its last ``cache_control`` breakpoint
(ours: the last system block, ``anthropic_client._system_blocks``). A prefix shorter than the model's minimum
cacheable length is not cached at all; a longer one is written to the cache the first time (billed as a cache
write) and read on a later request with exactly the same prefix and model (billed as a cache read). The rest of
the request (the user message and the structured-output schema) is uncached input.

Anthropic's structured-outputs documentation adds that changing ``output_config.format`` invalidates the prompt
cache; ``strict_reads`` therefore also counts the reads whose answer schema matched the earlier request's.
"""

import json

# Minimum cacheable prompt length in tokens (Anthropic's prompt-caching docs: 1,024 for Sonnet 4.5, 4.6 and 5;
# 4,096 for Haiku 4.5). The 5.5 models are not in the tables found; assumed the same as their predecessors.
MIN_CACHEABLE = {"claude-sonnet": 1024, "claude-haiku": 4096}
CHARS_PER_TOKEN = 4


def minimum_for(model: str) -> int:
    return next((tokens for prefix, tokens in MIN_CACHEABLE.items() if model.startswith(prefix)), 1024)


def cached_prefix(body: dict) -> str:
    """The JSON of the request's part up to its last breakpoint ('' when it has none)."""
    parts, kept = [], ""
    for tool in body.get("tools") or []:
        parts.append(json.dumps(tool))
        if "cache_control" in tool:
            kept = "".join(parts)
    system = body.get("system")
    for block in system if isinstance(system, list) else []:
        parts.append(json.dumps(block))
        if "cache_control" in block:
            kept = "".join(parts)
    return kept


def account(bodies: list[tuple[dict, int]]) -> list[dict]:
    """Per request (its body and the size in characters of what was sent): input (uncached), cache_write,
    cache_read and strict_read tokens, in the order given (the order they were sent)."""
    written: dict[tuple[str, str], str] = {}  # (model, prefix) -> the answer schema of the request that wrote it
    rows = []
    for body, size in bodies:
        total, prefix = size // CHARS_PER_TOKEN, cached_prefix(body)
        cached = len(prefix) // CHARS_PER_TOKEN
        schema = json.dumps((body.get("output_config") or {}).get("format"), sort_keys=True)
        row = {"model": body["model"], "input": total, "cache_write": 0, "cache_read": 0, "strict_read": 0}
        if prefix and cached >= minimum_for(body["model"]):
            key = (body["model"], prefix)
            row["input"] = total - cached
            if key in written:
                row["cache_read"] = cached
                row["strict_read"] = cached if written[key] == schema else 0
            else:
                row["cache_write"] = cached
            written[key] = schema
        rows.append(row)
    return rows
