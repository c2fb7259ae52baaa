"""What each Claude model family accepts on the Messages API, and what it costs: one table for the client,
the fake transport of the tests and ``manage.py check_claude``.

The sources of the table and what each says are in the comment above ``FAMILIES``.
"""

import logging
import re
from dataclasses import dataclass
from functools import cache

log = logging.getLogger(__name__)

ALL_EFFORTS = frozenset({"low", "medium", "high", "xhigh", "max"})
UP_TO_HIGH = frozenset({"low", "medium", "high"})
_DATED = re.compile(r"^(?P<family>.+?)-\d{8}$")


@dataclass(frozen=True)
class Prices:
    """USD per million tokens; cache_write is the 5-minute prompt cache write."""

    input: float
    output: float
    cache_write: float
    cache_read: float


@dataclass(frozen=True)
class ModelContract:
    family: str
    prices: Prices | None
    max_output_tokens: int
    forced_tool_choice: bool = False
    sampling_params: bool = False
    prefill: bool = False
    thinking_types: frozenset[str] = frozenset()  # the thinking.type values accepted
    thinking_off: dict | None = None  # sent to keep thinking off; None: the model's default is off, send nothing
    thinking_off_efforts: frozenset[str] = ALL_EFFORTS  # efforts at which thinking may be turned off
    effort_levels: frozenset[str] = frozenset()
    structured_outputs: bool = True
    long_prompt: tuple[int, Prices] | None = None  # (prompt tokens above which, the prices that then apply)
    known: bool = True


# Sources, read on 2026-12-01 (Anthropic's platform docs; prices in USD per million tokens):
#
# - Sonnet 5.5 ("What's new in Claude Sonnet 5.5", its migration guide and model page). Five request settings
#   that earlier Sonnets took now fail with HTTP 400: a forced tool choice (``tool_choice`` of type ``any`` or
#   ``tool``), sampling parameters (temperature, top_p, top_k), an assistant prefill (messages ending on an
#   assistant turn), a thinking budget (``thinking.type: enabled`` with ``budget_tokens``) and
#   ``thinking.type: disabled``. Adaptive thinking is on by default (effort ``high``); the lowest setting is
#   ``thinking: {"type": "between_tools"}``, taken at effort low, medium or high only. Structured outputs work.
#   1M context, 128K output. $2 input, $10 output, $2.50 5-minute cache write; cache reads were cut from $0.20
#   to $0.10 on 2026-10-07 (the migration guide: half the Sonnet 5 rate).
# - Haiku 5.5 (its overview, what's new and migration guide; released 2026-10-07). Thinking budgets, sampling
#   parameters and prefill fail with 400; adaptive thinking is on by default (effort ``medium``) and
#   ``disabled`` is taken at effort high or below. The guide lists no forced-tool-choice change, but thinking is
#   on by default and a forced choice with thinking on is refused, so it counts as unsupported here (unverified;
#   nothing we send relies on it). Priced in two bands by prompt size (input + cache writes + cache reads): up
#   to 100,000 tokens $0.10 / $0.50 / $0.125 / $0.01 (input, output, cache write, cache read), above it
#   $0.50 / $2.50 / $0.625 / $0.05 on every token of the request. 128K output.
# - Sonnet 5 (model page; legacy since Sonnet 5.5): adaptive or disabled thinking, no budgets, no non-default
#   sampling; forced tool choice works; prefill counts as refused (refused on 4.6 and later models).
#   $2 / $10 / $2.50 / $0.20, 128K output.
# - Sonnet 4.5 and Haiku 4.5 (pricing page, Haiku 4.5 migration guide): everything above is accepted
#   (temperature or top_p, not both), thinking is off unless ``enabled`` with a budget, no effort parameter.
#   Sonnet 4.5 $3 / $15 / $3.75 / $0.30; Haiku 4.5 $1 / $5 / $1.25 / $0.10; 64K output.
#
# Structured outputs (``output_config.format`` with a JSON schema, and ``strict`` tools) are generally available
# on all of these. An unknown model gets the safe subset: no forced tool choice, sampling, prefill or thinking
# settings, structured outputs assumed, no price (cost 0.0), and one logged warning.
FAMILIES: dict[str, ModelContract] = {
    contract.family: contract
    for contract in (
        ModelContract(
            family="claude-sonnet-5-5",
            prices=Prices(input=2.00, output=10.00, cache_write=2.50, cache_read=0.10),
            max_output_tokens=128_000,
            thinking_types=frozenset({"adaptive", "between_tools"}),
            thinking_off={"type": "between_tools"},
            thinking_off_efforts=UP_TO_HIGH,
            effort_levels=ALL_EFFORTS,
        ),
        ModelContract(
            family="claude-haiku-5-5",
            prices=Prices(input=0.10, output=0.50, cache_write=0.125, cache_read=0.01),
            long_prompt=(100_000, Prices(input=0.50, output=2.50, cache_write=0.625, cache_read=0.05)),
            max_output_tokens=128_000,
            thinking_types=frozenset({"adaptive", "disabled"}),
            thinking_off={"type": "disabled"},
            thinking_off_efforts=UP_TO_HIGH,
            effort_levels=ALL_EFFORTS,
        ),
        ModelContract(
            family="claude-sonnet-5",
            prices=Prices(input=2.00, output=10.00, cache_write=2.50, cache_read=0.20),
            max_output_tokens=128_000,
            forced_tool_choice=True,
            thinking_types=frozenset({"adaptive", "disabled"}),
            thinking_off={"type": "disabled"},
            effort_levels=ALL_EFFORTS,
        ),
        ModelContract(
            family="claude-sonnet-4-5",
            prices=Prices(input=3.00, output=15.00, cache_write=3.75, cache_read=0.30),
            max_output_tokens=64_000,
            forced_tool_choice=True,
            sampling_params=True,
            prefill=True,
            thinking_types=frozenset({"enabled", "disabled"}),
        ),
        ModelContract(
            family="claude-haiku-4-5",
            prices=Prices(input=1.00, output=5.00, cache_write=1.25, cache_read=0.10),
            max_output_tokens=64_000,
            forced_tool_choice=True,
            sampling_params=True,
            prefill=True,
            thinking_types=frozenset({"enabled", "disabled"}),
        ),
    )
}


def family_of(model: str) -> str:
    """``claude-haiku-4-5-20251001`` → ``claude-haiku-4-5``; an alias stays as it is."""
    dated = _DATED.match(model)
    return dated["family"] if dated and dated["family"] in FAMILIES else model


def contract(model: str) -> ModelContract:
    """The model's row; an unknown model gets the safe subset (and one warning per process)."""
    return FAMILIES.get(family_of(model)) or _unknown(model)


@cache
def _unknown(model: str) -> ModelContract:
    log.warning(
        "Claude model %r is not in websites/claude_models.py: sending only settings every current model accepts "
        "(structured outputs; no forced tool choice, sampling, prefill or thinking settings); cost reported as 0.0",
        model,
    )
    return ModelContract(family=model, prices=None, max_output_tokens=32_000, known=False)


def prices_for(model: str, usage: dict) -> Prices | None:
    """The prices of one request: Haiku 5.5 charges the higher band when its prompt is over the threshold."""
    row = contract(model)
    if row.long_prompt is None:
        return row.prices
    threshold, long_prices = row.long_prompt
    prompt = usage["input_tokens"] + usage["cache_creation_input_tokens"] + usage["cache_read_input_tokens"]
    return long_prices if prompt > threshold else row.prices


def cost_usd(model: str, usage: dict) -> float:
    """What the request cost in USD, from the table; 0.0 for a model without a price (warned once)."""
    price = prices_for(model, usage)
    if price is None:
        return 0.0
    total = (
        usage["input_tokens"] * price.input
        + usage["output_tokens"] * price.output
        + usage["cache_creation_input_tokens"] * price.cache_write
        + usage["cache_read_input_tokens"] * price.cache_read
    )
    return round(total / 1_000_000, 6)
