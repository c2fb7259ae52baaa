"""Reading the facts an editor writes (a request's additional context, a chat message, an answer to a question)
with the provider that serves the request: Claude (``record_facts``, facts checked against the text) or the
offline extractor. Claude is asked only when the text could state a fact (``could_state_facts``); when it fails, or
when reading would pass the website's monthly AI budget, the text is read offline and the note says so. Reading
never fails the caller.
"""

import logging
import re
import time
from dataclasses import asdict, dataclass, field

from monitoring.budgets import over_budget
from monitoring.formatting import usd
from monitoring.models import Operation
from monitoring.recording import record_operation
from pagebuilder.fact_extraction import extract_facts
from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.providers import get_provider
from pagebuilder.structure import ModelUsage, Provider
from websites.errors import AppError
from websites.models import Website

log = logging.getLogger(__name__)

# A text shorter than this with none of the signs below is a chat command ("make the hero shorter"), not facts:
# facts carry a digit (prices, hours, phones, dates), a quote, a "Label:", an e-mail's @ or several lines.
SHORT_TEXT_CHARS = 40
_FACT_SIGNS = re.compile(r"[\d\"“”«»„:@\n]")
VIA = {"anthropic": "claude"}
_PROVIDER = {"offline": "offline", **{via: name for name, via in VIA.items()}}


@dataclass(frozen=True)
class Reading:
    extraction: Extraction
    usage: list[ModelUsage] = field(default_factory=list)  # the model calls it cost
    via: str = "offline"  # "claude" or "offline": who read it
    note: str = ""  # for people, when it was not read as asked ("read offline because Claude was unavailable: …")


def could_state_facts(text: str) -> bool:
    """Whether ``text`` is worth a model call: not empty, and not a short command with no sign of a fact."""
    text = text.strip()
    return bool(text) and (len(text) >= SHORT_TEXT_CHARS or bool(_FACT_SIGNS.search(text)))


def read_facts(
    text: str | None,
    provider_name: str | None = None,
    *,
    provider: Provider | None = None,
    website: Website | None = None,
) -> Reading:
    """The facts ``text`` states, read by ``provider`` (or the one ``provider_name`` or ``settings.LLM_PROVIDER``
    names, as ``get_provider`` picks it); offline when that is the offline provider, when the text is a short
    command, or (with a note) when the model call fails or, given the ``website``, would pass its monthly AI
    budget. Given the ``website``, a reading that called a model is recorded as its operation (a generation
    passes none: it records its reading with the page)."""
    started = time.monotonic()
    reading = _read(str(text or ""), provider_name, provider, website)
    if website is not None and reading.usage:
        record_operation(
            Operation.Kind.FACTS, website_id=website.pk, outcome=Operation.Outcome.COMPLETED,
            provider=_PROVIDER[reading.via], duration_ms=(time.monotonic() - started) * 1000,
            calls=[asdict(u) for u in reading.usage],
        )  # fmt: skip
    return reading


def _read(text: str, provider_name: str | None, provider: Provider | None, website: Website | None) -> Reading:
    if provider is None:
        try:
            provider = get_provider(provider_name)
        except AppError as error:
            return _offline(text, f"read offline because no provider could be used: {error.message}")
    if provider.name != "offline" and not could_state_facts(text):
        return Reading(extract_facts(text))  # a chat command: not worth a call
    past = over_budget(website, "facts", provider=provider.name) if website is not None else None
    if past is not None:
        return _offline(text, f"read offline: this month's AI budget of {usd(past.budget_usd)} is spent")
    try:
        extraction, usage = provider.extract_facts(text)
    except AppError as error:
        log.warning("%s could not read the facts; reading them offline: %s", provider.display_name, error.message)
        paid = [ModelUsage(**entry) for entry in (error.details or {}).get("usage") or []]
        note = f"read offline because {provider.display_name} was unavailable: {error.message}"
        return _offline(text, note, paid)
    return Reading(extraction, list(usage), VIA.get(provider.name, provider.name))


def _offline(text: str, note: str, usage: list[ModelUsage] | None = None) -> Reading:
    return Reading(extract_facts(text), usage or [], "offline", note)
