"""A website's facts as stored: listed, added, changed and deleted for one website at a time, each write checked
against its kind (``fact_kinds.clean_fact``) and its media against the website's own library, so a fact can
never point at another tenant's picture."""

import json

from django.db import transaction
from django.db.models import Max, QuerySet

from websites.errors import InvalidInput, NotFound
from websites.fact_kinds import KINDS, MEDIA, clean_fact, fact_kind
from websites.models import MediaRecord, SiteFact, Website

MAX_FACTS_PER_KIND = 30


def facts_of(website: Website, kind: str | None = None) -> QuerySet[SiteFact]:
    facts = SiteFact.objects.filter(website=website)
    return facts.filter(kind=fact_kind(kind).key) if kind else facts


def fact_of(website: Website, fact_id: int) -> SiteFact:
    """The fact ``fact_id`` of this website; NotFound for a fact of another website, as for none at all."""
    fact = SiteFact.objects.filter(website=website, pk=fact_id).first()
    if fact is None:
        raise NotFound(f"Website {website.pk} has no fact {fact_id}.")
    return fact


def add_fact(website: Website, kind: str, data: object, *, source: str = SiteFact.Source.EDITOR) -> SiteFact:
    """A new fact at the end of its kind's list. A kind the site has once (address, phone, e-mail) is replaced."""
    spec = fact_kind(kind)
    cleaned = checked_fact(website, spec.key, data)
    with transaction.atomic():
        existing = facts_of(website, spec.key).select_for_update()
        if spec.single:
            existing.delete()
        elif existing.count() >= MAX_FACTS_PER_KIND:
            raise InvalidInput(
                f"This website already has {MAX_FACTS_PER_KIND} {spec.plural}, the most it can keep; delete one first."
            )
        position = (existing.aggregate(last=Max("position"))["last"] or 0) + 1 if not spec.single else 0
        return SiteFact.objects.create(website=website, kind=spec.key, data=cleaned, position=position, source=source)


def update_fact(website: Website, fact_id: int, changes: object) -> SiteFact:
    """The fact with ``changes`` merged into its fields (a field set to null or "" is cleared), checked again."""
    if not isinstance(changes, dict):
        raise InvalidInput('Send the fields to change as an object, e.g. {"role": "Founder"}.')
    with transaction.atomic():
        fact = SiteFact.objects.select_for_update().filter(pk=fact_of(website, fact_id).pk).get()
        merged = {**fact.data, **changes}
        fact.data = checked_fact(website, fact.kind, {k: v for k, v in merged.items() if v not in (None, "")})
        fact.save(update_fields=["data", "updated_at"])
    return fact


def delete_fact(website: Website, fact_id: int) -> None:
    fact_of(website, fact_id).delete()


def save_found(website: Website, found: list[tuple[str, dict]], *, source: str) -> list[SiteFact]:
    """Facts found in a request or a chat message, saved unless the website already has the same fact."""
    return [add_fact(website, kind, data, source=source) for kind, data in not_stored(website, found)]


def not_stored(website: Website, found: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """The facts of ``found`` (cleaned) that the website does not have yet, each once; one query."""
    known = {(kind, json.dumps(data, sort_keys=True)) for kind, data in facts_of(website).values_list("kind", "data")}
    new = []
    for kind, data in found:
        cleaned = clean_fact(kind, data)
        key = (kind, json.dumps(cleaned, sort_keys=True))
        if key not in known:
            known.add(key)
            new.append((kind, cleaned))
    return new


def checked_fact(website: Website, kind: str, data: object) -> dict:
    """``data`` cleaned by its kind's rules, its media ids checked against the website's library."""
    cleaned = clean_fact(kind, data)
    media_fields = [f.name for f in KINDS[kind].fields if f.type == MEDIA and f.name in cleaned]
    ids = {cleaned[name] for name in media_fields}
    if ids:
        own = set(MediaRecord.objects.filter(website=website, pk__in=ids).values_list("pk", flat=True))
        wrong = {name: "not a media record of this website" for name in media_fields if cleaned[name] not in own}
        if wrong:
            raise InvalidInput(f"{', '.join(wrong)}: pick a picture from this website's media library.", details=wrong)
    return cleaned
