"""Which reader a line's label asks for ("Teachers:", "Reseña:", "Hours:", "Plan:", …, folded: case and accents
do not matter). ``Partner:`` and the like name a logo, which needs a media record: no fact, the line stays text.
"""

from collections.abc import Callable
from functools import partial

import pagebuilder.fact_extraction.contact as contact
import pagebuilder.fact_extraction.faqs as faqs
import pagebuilder.fact_extraction.hours as hours
import pagebuilder.fact_extraction.listings as listings
import pagebuilder.fact_extraction.milestones as milestones
import pagebuilder.fact_extraction.offerings as offerings
import pagebuilder.fact_extraction.people as people
import pagebuilder.fact_extraction.prices as prices
import pagebuilder.fact_extraction.reviews as reviews
import pagebuilder.fact_extraction.stats as stats
from pagebuilder.fact_extraction.found import FoundFact

Reader = Callable[[str], list[FoundFact]]

NO_FACT = {"partner", "partners", "accreditation", "accreditations", "logo", "logos", "certified by", "colaborador",
           "colaboradores", "socio colaborador", "acreditacion", "acreditaciones"}  # fmt: skip
# One fact per site: a line under "Address:" is part of the address, not a list of them.
SINGLE = contact.PHONE_LABELS | contact.EMAIL_LABELS | contact.ADDRESS_LABELS
_READERS: list[tuple[set[str], Reader]] = [
    (people.LABELS, people.read_labelled),
    (reviews.LABELS, reviews.read_labelled),
    (prices.LABELS, prices.read_labelled),
    (hours.LABELS, hours.read_labelled),
    (faqs.LABELS, faqs.read_labelled),
    (stats.LABELS, stats.read_labelled),
    (milestones.LABELS, milestones.read_labelled),
    (offerings.LABELS, offerings.read_labelled),
    (listings.MENU_LABELS, listings.read_menu),
    (listings.JOB_LABELS, listings.read_job),
    (listings.POST_LABELS, listings.read_post),
    (contact.ADDRESS_LABELS, partial(contact.read_labelled, "address")),
    (contact.PHONE_LABELS, partial(contact.read_labelled, "phone")),
    (contact.EMAIL_LABELS, partial(contact.read_labelled, "email")),
]


def reader_for(label: str) -> Reader | None:
    """The reader for a folded label; None when no reader knows it."""
    return next((reader for labels, reader in _READERS if label in labels), None)


def is_known(label: str) -> bool:
    return label in NO_FACT or reader_for(label) is not None
