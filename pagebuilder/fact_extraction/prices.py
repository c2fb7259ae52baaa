"""Prices: "$19/month", "€120 for 10 classes", "drop-in 18 USD", "Monthly unlimited: $89 per month", "Clase
suelta: 15 €" and the labelled ``Plan: Name | $19 | per month | feature; feature``. Several prices in one
sentence are several plans. The name is what the text calls the price, else its period ("Per month",
"10 classes"); a price the text gives no name or period for is left alone, and no feature is ever made up.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.text import capitalise, fold, one_space, pipe_fields

LABELS = {"plan", "plans", "price", "prices", "pricing", "membership", "memberships", "rates", "precio", "precios",
          "tarifa", "tarifas", "bonos", "cuotas"}  # fmt: skip
_SYMBOLS = {"US$": "USD", "MX$": "MXN", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "NZ$": "NZD",
            "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}  # fmt: skip
_WORDS = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "dolares": "USD", "pound": "GBP",
          "pounds": "GBP", "libras": "GBP", "pesos": "", "peso": ""}  # fmt: skip  # pesos: which country's?
_CODE = r"\b(?:USD|EUR|GBP|MXN|CAD|AUD|NZD|CHF|JPY|BRL|ARS|COP|CLP|PEN|INR|SEK|NOK|DKK|PLN)\b"
_SYMBOL = r"US\$|MX\$|CA\$|AU\$|NZ\$|[CAR]\$|[$€£¥₹]"
_NUMBER = r"\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT = re.compile(
    rf"(?P<pre>{_SYMBOL}|{_CODE})\s?(?P<num>{_NUMBER})(?![\d%])(?:\s?(?P<code>{_CODE}))?"
    rf"|(?<![\d.,])(?P<num2>{_NUMBER})\s?(?P<post>[€£¥$]|{_CODE}|(?i:\b(?:euros?|d[óo]lares|dollars?|pounds?|libras|pesos?)\b))"
)
_UNITS = {"month": "month", "mo": "month", "mth": "month", "year": "year", "yr": "year", "annum": "year",
          "week": "week", "wk": "week", "day": "day", "class": "class", "session": "session", "lesson": "lesson",
          "hour": "hour", "hr": "hour", "visit": "visit", "person": "person", "night": "night", "mes": "mes",
          "año": "año", "semana": "semana", "día": "día", "dia": "día", "clase": "clase", "sesión": "sesión",
          "sesion": "sesión", "hora": "hora", "persona": "persona", "noche": "noche"}  # fmt: skip
_SPANISH_UNITS = {"mes", "año", "semana", "día", "clase", "sesión", "hora", "persona", "noche"}
_ADVERBS = {"monthly": "month", "yearly": "year", "annually": "year", "weekly": "week", "daily": "day",
            "mensual": "mes", "mensuales": "mes", "anual": "año", "anuales": "año", "semanal": "semana"}  # fmt: skip
_PERIOD = re.compile(
    r"\s*(?:(?:/\s*|(?:per|an?|each|every|por|al|a\s+la|cada)\s+)(?P<unit>"
    + "|".join(sorted(_UNITS, key=len)[::-1])
    + r")\b"
    r"|(?:for|por|x)\s+(?P<count>\d+\s+(?:classes|sessions|lessons|visits|months|weeks|days|clases|sesiones|meses"
    r"|semanas|d[íi]as))\b"
    r"|(?P<adverb>" + "|".join(_ADVERBS) + r")\b|(?P<each>each|cada una?|c/u)\b)",
    re.I,
)
_LEAD = re.compile(r"^(?:[\s,;:.|–—-]|\b(?:and|or|y|o|plus|then)\b)+", re.I)
_TAIL = re.compile(
    r"(?:[\s,;:=|–—-]|\b(?:is|are|costs?|es|son|cuesta|cuestan|vale|valen|for|at|por|a|just|only|s[óo]lo)\b)+$", re.I
)
_ARTICLE = re.compile(r"^(?:a|an|the|our|un|una|el|la|los|las|nuestr[oa]s?)\s+", re.I)
# Words that make a sum something other than a plan's price: who paid it, a discount, a "from" price.
_NOT_A_PLAN = {"we", "i", "you", "us", "they", "he", "she", "my", "your", "our", "nosotros", "te", "nos", "from",
               "desde", "starting", "start", "starts", "under", "up", "save", "ahorra", "off", "discount", "descuento",
               "raised", "donated", "paid", "spent", "worth", "partir", "over", "more", "than"}  # fmt: skip
_GENERIC = {"price", "prices", "pricing", "cost", "costs", "fee", "fees", "rate", "rates", "precio", "precios",
            "tarifa", "tarifas", "coste", "costo", "it", "that", "this", "todo"}  # fmt: skip


def has_amount(text: str) -> bool:
    return bool(_AMOUNT.search(text))


def read_sentence(chunk: str) -> list[FoundFact]:
    """Every price in the sentence as a plan, or none when one of them is not a plan's price."""
    plans, start = [], 0
    for amount in _AMOUNT.finditer(chunk):
        period = _PERIOD.match(chunk, amount.end())
        end = period.end() if period else amount.end()
        name = _name(chunk[start : amount.start()], period)
        if name is None:
            return []
        plans.append(found("pricing_plan", _plan(name, amount, period), chunk[_source_start(chunk, start) : end]))
        start = end
    if not plans or chunk[start:].strip(" .!;,)"):
        return []
    return every(plans)


def read_labelled(value: str) -> list[FoundFact]:
    """``Plan: Starter box | $19 | per month | 2 loaves a week; free delivery``, or prices in a sentence."""
    if "|" not in value:
        return read_sentence(value)
    fields = [*pipe_fields(value), "", ""]
    amount = _AMOUNT.fullmatch(fields[1])
    data = _plan(fields[0], amount, None) if amount else {"name": fields[0], "price": fields[1]}
    period = _PERIOD.fullmatch(" " + fields[2]) if fields[2] else None
    data["period"] = _period_of(period)[0] if period else fields[2]
    data["features"] = [one_space(item) for item in fields[3].split(";") if item.strip()]
    return every([found("pricing_plan", data, value)]) if fields[0] and fields[1] else []


def _plan(name: str, amount: re.Match, period: re.Match | None) -> dict:
    number = amount.group("num") or amount.group("num2")
    mark = amount.group("code") or amount.group("pre") or amount.group("post")
    currency = _SYMBOLS.get(mark) or _WORDS.get(fold(mark), mark.upper())
    return {"name": name, "price": number, "currency": currency, "period": _period_of(period)[0] if period else ""}


def _period_of(period: re.Match) -> tuple[str, str]:
    """(the period, what to call a plan with no name of its own: "Per month", "10 classes", "Monthly")."""
    if period.group("unit"):
        unit = _UNITS[period.group("unit").lower()]
        return unit, ("Por " if unit in _SPANISH_UNITS else "Per ") + unit
    if period.group("count"):
        count = one_space(period.group("count"))
        return count, capitalise(count)
    if period.group("adverb"):
        return _ADVERBS[period.group("adverb").lower()], capitalise(period.group("adverb"))
    return "", ""


def _name(text: str, period: re.Match | None) -> str | None:
    """What the text calls this price; None when the words before it say it is no plan's price."""
    text = _ARTICLE.sub("", _TAIL.sub("", _LEAD.sub("", text)))
    words = re.findall(r"[^\W\d_]+", fold(text))
    if any(word in _NOT_A_PLAN for word in words) or re.search(r"[.!?]\s|:", text) or len(text.split()) > 6:
        return None
    if not text or all(word in _GENERIC for word in words):
        fallback = _period_of(period)[1] if period else ""
        return fallback or None
    return capitalise(one_space(text))


def _source_start(chunk: str, start: int) -> int:
    """Where this plan's words begin: after the separator that ended the one before."""
    lead = _LEAD.match(chunk[start:])
    return start + (lead.end() if lead else 0)
