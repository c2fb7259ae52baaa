"""The offline fact extractor: facts written the way people write them, in English and Spanish, become exactly
the facts they state (kind and data, saved unchanged by ``clean_fact``); sentences that state none stay text.
Pure unit tests: no database."""

import dataclasses
import time

import pytest

from pagebuilder.fact_extraction import Extraction, FoundFact, describe, extract_facts
from pagebuilder.stored_facts import text_facts
from websites.fact_kinds import KINDS, clean_fact


def facts_of(text: str) -> list[tuple[str, dict]]:
    return [(fact.kind, fact.data) for fact in extract_facts(text).facts]


def team(name: str, role: str = "") -> tuple[str, dict]:
    return ("team_member", {"name": name, "role": role} if role else {"name": name})


def plan(name: str, price: str, currency: str, period: str = "") -> tuple[str, dict]:
    data = {"name": name, "price": price, "currency": currency, "period": period}
    return ("pricing_plan", {key: value for key, value in data.items() if value})


def hours(days: str, time: str) -> tuple[str, dict]:
    return ("opening_hours", {"days": days, "hours": time})


def review(quote: str, name: str, role: str = "", rating: int | None = None) -> tuple[str, dict]:
    data = {"quote": quote, "name": name, "role": role, "rating": rating}
    return ("testimonial", {key: value for key, value in data.items() if value})


def faq(question: str, answer: str) -> tuple[str, dict]:
    return ("faq", {"question": question, "answer": answer})


def offering(name: str, description: str = "") -> tuple[str, dict]:
    return ("offering", {"name": name, "description": description} if description else {"name": name})


PHRASINGS = [
    # People
    pytest.param(
        "Teachers: Ana Ruiz (founder, restorative and prenatal), Sam Okafor (vinyasa and hot yoga), Lee Chen "
        "(meditation).",
        [
            team("Ana Ruiz", "founder, restorative and prenatal"),
            team("Sam Okafor", "vinyasa and hot yoga"),
            team("Lee Chen", "meditation"),
        ],
        id="people-labelled-parentheses",
    ),
    pytest.param(
        "Staff:\n- Ana Ruiz, founder and lead teacher\n- Sam Okafor – vinyasa\n- Lee Chen",
        [team("Ana Ruiz", "founder and lead teacher"), team("Sam Okafor", "vinyasa"), team("Lee Chen")],
        id="people-heading-one-per-line",
    ),
    pytest.param(
        "Our teachers are Ana Ruiz (founder) and Sam Okafor (vinyasa).",
        [team("Ana Ruiz", "founder"), team("Sam Okafor", "vinyasa")],
        id="people-in-a-sentence",
    ),
    pytest.param("Ana Ruiz is our head coach.", [team("Ana Ruiz", "head coach")], id="people-is-our"),
    pytest.param("Meet Sam, our pastry chef!", [team("Sam", "pastry chef")], id="people-meet"),
    pytest.param(
        "Equipo: Lucía Fernández (fundadora), Jorge de la Torre – yoga prenatal y Marta Gil",
        [team("Lucía Fernández", "fundadora"), team("Jorge de la Torre", "yoga prenatal"), team("Marta Gil")],
        id="people-spanish-label-particles",
    ),
    pytest.param(
        "Nuestros profesores son Lucía Pérez y Jorge Martín.",
        [team("Lucía Pérez"), team("Jorge Martín")],
        id="people-spanish-sentence",
    ),
    pytest.param("Ana Ruiz es nuestra fundadora.", [team("Ana Ruiz", "fundadora")], id="people-spanish-es-nuestra"),
    pytest.param(
        "Instructors: Dr. Jane Smith (physio), Seán O'Neill-Park, Vincent van Gogh – painting",
        [team("Dr. Jane Smith", "physio"), team("Seán O'Neill-Park"), team("Vincent van Gogh", "painting")],
        id="people-titles-apostrophes-hyphens",
    ),
    pytest.param(
        "Meet the team: Ana Ruiz, founder; Sam Okafor, vinyasa teacher",
        [team("Ana Ruiz", "founder"), team("Sam Okafor", "vinyasa teacher")],
        id="people-comma-roles-semicolons",
    ),
    pytest.param(
        "Our coaches: Ana (strength) and Sam (mobility).",
        [team("Ana", "strength"), team("Sam", "mobility")],
        id="people-first-names",
    ),
    # Testimonials
    pytest.param(
        "“The best class of my week.” — Maria G., member since 2021 (5 stars)",
        [review("The best class of my week.", "Maria G.", "member since 2021", 5)],
        id="review-curly-quotes-role-rating",
    ),
    pytest.param(
        '"I was terrified of yoga. Now I go three times a week."\n- Maria G.',
        [review("I was terrified of yoga. Now I go three times a week.", "Maria G.")],
        id="review-name-on-next-line",
    ),
    pytest.param(
        "Jane Doe said: “The teachers really care.”",
        [review("The teachers really care.", "Jane Doe")],
        id="review-said",
    ),
    pytest.param(
        "«Las mejores clases de la ciudad» — Lucía P., alumna ★★★★★",
        [review("Las mejores clases de la ciudad", "Lucía P.", "alumna", 5)],
        id="review-guillemets-stars",
    ),
    pytest.param(
        "Reseña: «Increíble» — Ana (4 estrellas)", [review("Increíble", "Ana", rating=4)], id="review-resena-estrellas"
    ),
    pytest.param(
        'Opinión: "Volveré seguro" - Pedro L., cliente',
        [review("Volveré seguro", "Pedro L.", "cliente")],
        id="review-opinion",
    ),
    pytest.param(
        "Testimonial: Changed my mornings for good. — Tom B.",
        [review("Changed my mornings for good.", "Tom B.")],
        id="review-labelled-unquoted",
    ),
    pytest.param(
        '"Wonderful teachers" 4/5\n— Ana R., student',
        [review("Wonderful teachers", "Ana R.", "student", 4)],
        id="review-out-of-five",
    ),
    pytest.param(
        "“I can’t believe how much I’ve changed.” — Seán O’Neill, member",
        [review("I can’t believe how much I’ve changed.", "Seán O’Neill", "member")],
        id="review-apostrophes-in-quote-and-name",
    ),
    pytest.param('"Amazing place," says Tom.', [review("Amazing place", "Tom")], id="review-says-after-quote"),
    # Prices
    pytest.param("$19/month", [plan("Per month", "19", "USD", "month")], id="price-symbol-slash-period"),
    pytest.param("€120 for 10 classes", [plan("10 classes", "120", "EUR", "10 classes")], id="price-for-n-classes"),
    pytest.param("drop-in 18 USD", [plan("Drop-in", "18", "USD")], id="price-code-after"),
    pytest.param(
        "Monthly unlimited: $89 per month",
        [plan("Monthly unlimited", "89", "USD", "month")],
        id="price-named-per-month",
    ),
    pytest.param("Clase suelta: 15 €", [plan("Clase suelta", "15", "EUR")], id="price-spanish-euro-after"),
    pytest.param("£9.50 per class", [plan("Per class", "9.50", "GBP", "class")], id="price-pounds-decimals"),
    pytest.param(
        "Drop-in is $18, a 10-class pass is $150 and monthly unlimited is $89 per month.",
        [
            plan("Drop-in", "18", "USD"),
            plan("10-class pass", "150", "USD"),
            plan("Monthly unlimited", "89", "USD", "month"),
        ],
        id="price-several-in-a-sentence",
    ),
    pytest.param("Bono mensual: MX$1,200 al mes", [plan("Bono mensual", "1,200", "MXN", "mes")], id="price-mxn"),
    pytest.param(
        "Prices:\n- Drop-in: $18\n- Annual: $900 a year",
        [plan("Drop-in", "18", "USD"), plan("Annual", "900", "USD", "year")],
        id="price-heading-list",
    ),
    pytest.param(
        "Private session 60 EUR per session", [plan("Private session", "60", "EUR", "session")], id="price-session"
    ),
    # Opening hours
    pytest.param("Mon–Fri 7am–9pm", [hours("Mon–Fri", "7am–9pm")], id="hours-abbreviated"),
    pytest.param("Monday to Friday 7:00-21:00", [hours("Monday to Friday", "7:00–21:00")], id="hours-24h-hyphen"),
    pytest.param("Sat & Sun 9-13", [hours("Sat & Sun", "9–13")], id="hours-two-days"),
    pytest.param("Weekends: 9am to 1pm", [hours("Weekends", "9am to 1pm")], id="hours-weekends-to"),
    pytest.param("lunes a viernes de 7 a 21", [hours("lunes a viernes", "7 a 21")], id="hours-spanish-range"),
    pytest.param("sábados de 9 a 14", [hours("sábados", "9 a 14")], id="hours-spanish-saturdays"),
    pytest.param(
        "Hours: Mon - Fri 7am - 9pm, Sat 9am–1pm, Sunday closed",
        [hours("Mon–Fri", "7am–9pm"), hours("Sat", "9am–1pm"), hours("Sunday", "closed")],
        id="hours-labelled-several",
    ),
    pytest.param(
        "We're open Monday to Friday from 7am to 9pm and Saturdays 9 to 1.",
        [hours("Monday to Friday", "7am to 9pm"), hours("Saturdays", "9 to 1")],
        id="hours-in-a-sentence",
    ),
    pytest.param(
        "Horario: lunes a viernes 9:00–13:00 y 17:00–20:00",
        [hours("lunes a viernes", "9:00–13:00 y 17:00–20:00")],
        id="hours-spanish-split-day",
    ),
    pytest.param(
        "De lunes a viernes de 9:00 a 14:00 y de 17:00 a 20:00",
        [hours("lunes a viernes", "9:00 a 14:00 y de 17:00 a 20:00")],
        id="hours-spanish-de-a-twice",
    ),
    pytest.param("Mon 9-5, Tue 10-6", [hours("Mon", "9–5"), hours("Tue", "10–6")], id="hours-day-by-day"),
    # Questions and answers
    pytest.param(
        "Q: Do I need a mat? A: No, we lend them.", [faq("Do I need a mat?", "No, we lend them.")], id="faq-same-line"
    ),
    pytest.param(
        "Q: Is there parking?\nA: Yes, behind the studio.",
        [faq("Is there parking?", "Yes, behind the studio.")],
        id="faq-two-lines",
    ),
    pytest.param(
        "Do I need a mat? No, we lend them.", [faq("Do I need a mat?", "No, we lend them.")], id="faq-question-answer"
    ),
    pytest.param("P: ¿Hay duchas? R: Sí, dos.", [faq("¿Hay duchas?", "Sí, dos.")], id="faq-spanish-p-r"),
    pytest.param(
        "¿Necesito experiencia? No, todas las clases son para principiantes.",
        [faq("¿Necesito experiencia?", "No, todas las clases son para principiantes.")],
        id="faq-spanish-inverted-mark",
    ),
    pytest.param(
        "FAQ: Can I bring my kids? Yes, from age 8.", [faq("Can I bring my kids?", "Yes, from age 8.")], id="faq-label"
    ),
    # Contact
    pytest.param(
        "Address: 12 Harbour Road, Springfield 12345",
        [("address", {"address": "12 Harbour Road, Springfield 12345"})],
        id="address-labelled",
    ),
    pytest.param(
        "221B Baker Street, London NW1 6XE",
        [("address", {"address": "221B Baker Street, London NW1 6XE"})],
        id="address-line",
    ),
    pytest.param(
        "Our address is 12 Harbour Road, Springfield.",
        [("address", {"address": "12 Harbour Road, Springfield"})],
        id="address-our-address-is",
    ),
    pytest.param(
        "Estamos en Avenida de la Paz 23, Sevilla.",
        [("address", {"address": "Avenida de la Paz 23, Sevilla"})],
        id="address-spanish-sentence",
    ),
    pytest.param(
        "Dirección: Calle Mayor 5, 28013 Madrid",
        [("address", {"address": "Calle Mayor 5, 28013 Madrid"})],
        id="address-spanish-label",
    ),
    pytest.param("Phone: +1 555 0100", [("phone", {"phone": "+1 555 0100"})], id="phone-labelled"),
    pytest.param("Call us on (555) 010-0199.", [("phone", {"phone": "(555) 010-0199"})], id="phone-area-code"),
    pytest.param("Llámanos al 612 34 56 78", [("phone", {"phone": "612 34 56 78"})], id="phone-spanish-call"),
    pytest.param(
        "Call +1 555 0100 or email hi@example.com.",
        [("email", {"email": "hi@example.com"}), ("phone", {"phone": "+1 555 0100"})],
        id="phone-and-email-in-a-sentence",
    ),
    pytest.param(
        "Escríbenos a hola@estudio.example", [("email", {"email": "hola@estudio.example"})], id="email-spanish"
    ),
    # Figures, milestones, services
    pytest.param("1,200 members", [("stat", {"value": "1,200", "label": "members"})], id="stat-bare"),
    pytest.param(
        "15 years of experience.", [("stat", {"value": "15", "label": "years of experience"})], id="stat-years"
    ),
    pytest.param("Más de 500 alumnos", [("stat", {"value": "Más de 500", "label": "alumnos"})], id="stat-spanish"),
    pytest.param(
        "Stat: 3 | generations of bakers", [("stat", {"value": "3", "label": "generations of bakers"})], id="stat-pipes"
    ),
    pytest.param(
        "2009: started as a pop-up on the pier",
        [("milestone", {"date": "2009", "title": "Started as a pop-up on the pier"})],
        id="milestone-year-colon",
    ),
    pytest.param(
        "In 2015 we opened our second studio.",
        [("milestone", {"date": "2015", "title": "We opened our second studio"})],
        id="milestone-in-year-we",
    ),
    pytest.param(
        "We moved to Mill Lane in 2018.",
        [("milestone", {"date": "2018", "title": "We moved to Mill Lane"})],
        id="milestone-year-at-end",
    ),
    pytest.param(
        "En 2015 abrimos nuestro segundo estudio.",
        [("milestone", {"date": "2015", "title": "Abrimos nuestro segundo estudio"})],
        id="milestone-spanish",
    ),
    pytest.param("Founded in 1998.", [("milestone", {"date": "1998", "title": "Founded"})], id="milestone-founded"),
    pytest.param(
        "Services: prenatal yoga, vinyasa, meditation",
        [offering("Prenatal yoga"), offering("Vinyasa"), offering("Meditation")],
        id="offering-labelled-list",
    ),
    pytest.param(
        "We offer private lessons, workshops and teacher training.",
        [offering("Private lessons"), offering("Workshops"), offering("Teacher training")],
        id="offering-we-offer",
    ),
    pytest.param(
        "Ofrecemos yoga prenatal (para todos los trimestres), pilates y meditación.",
        [offering("Yoga prenatal", "para todos los trimestres"), offering("Pilates"), offering("Meditación")],
        id="offering-spanish-with-description",
    ),
    pytest.param(
        "Service: Prenatal yoga | gentle classes for every trimester | $20",
        [("offering", {"name": "Prenatal yoga", "description": "gentle classes for every trimester", "price": "$20"})],
        id="offering-pipes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PHRASINGS)
def test_each_phrasing_gives_exactly_its_facts(text, expected):
    assert facts_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), PHRASINGS)
def test_the_phrasing_leaves_no_text_over(text, expected):
    assert extract_facts(text).leftover == ""


def test_there_are_enough_phrasings():
    assert len(PHRASINGS) >= 45


NEGATIVES = [
    pytest.param("We love yoga.", id="love"),
    pytest.param("Our team is friendly", id="friendly-team"),
    pytest.param("Our team is amazing and our teachers are Certified and Experienced.", id="praised-team"),
    pytest.param("Our people are our strength.", id="people-are-strength"),
    pytest.param("Coffee is our founder's obsession.", id="is-our-not-a-role"),
    pytest.param("Saturday is our busiest day.", id="is-our-busiest-day"),
    pytest.param("This is our head coach.", id="is-our-without-a-name"),
    pytest.param("Rosa Martin", id="name-alone-is-no-list"),
    pytest.param("Prices are affordable.", id="affordable"),
    pytest.param("Prices start at $10.", id="from-price"),
    pytest.param("We donated $500 to the shelter.", id="donation"),
    pytest.param("I paid $20 for a class in 2019.", id="paid"),
    pytest.param("Call us anytime!", id="call-without-number"),
    pytest.param("Order 2026-03-01 was shipped.", id="date-not-a-phone"),
    pytest.param("I was there in 2009.", id="not-our-milestone"),
    pytest.param("Our prices haven't changed since 2009.", id="since"),
    pytest.param("I was there on Monday at 7pm.", id="a-day-and-time-are-no-hours"),
    pytest.param("Classes on Monday 7–8pm", id="class-schedule"),
    pytest.param("Why wait? Book now!", id="rhetorical-question"),
    pytest.param("Want to feel better? Come to class today!", id="call-to-action"),
    pytest.param('"Yoga for everyone" - our motto', id="motto-is-no-testimonial"),
    pytest.param('"Great class!"', id="quote-without-name"),
    pytest.param("We offer the best experience in town.", id="praise-is-no-service"),
    pytest.param("We walked 5 miles down the road.", id="road-is-no-address"),
    pytest.param("Partner: Springfield Farmers' Market", id="partner-without-logo"),
    pytest.param("Email: not yet", id="email-label-without-address"),
    pytest.param("Nuestro equipo es muy simpático.", id="spanish-friendly-team"),
    pytest.param("Los precios son económicos.", id="spanish-cheap"),
    pytest.param("Estuve allí en 2009.", id="spanish-not-our-milestone"),
    pytest.param("Hours: 9-5", id="hours-without-days"),
    pytest.param("Gift cards available from $25.", id="from-price-after-name"),
    pytest.param("We are open 7 days a week.", id="open-every-day-is-no-figure"),
    pytest.param("My daughter was born in 2015.", id="a-life-event-is-no-milestone"),
    pytest.param('As Maria says: "Yoga is for everyone."', id="saying-is-no-testimonial"),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_a_sentence_that_states_no_fact_gives_none(text):
    assert facts_of(text) == []


@pytest.mark.parametrize("text", NEGATIVES)
def test_a_sentence_that_states_no_fact_stays_text(text):
    assert extract_facts(text).leftover == text


MIXED = """We are a small yoga studio in Springfield.   Our teachers are Ana Ruiz (founder) and Sam Okafor.
Drop-in is $18. We love yoga!

Partner: Springfield Farmers' Market
Q: Do I need a mat? A: No, we lend them."""


def test_the_leftover_keeps_the_sentences_that_gave_no_fact_as_written():
    assert extract_facts(MIXED).leftover == (
        "We are a small yoga studio in Springfield.\nWe love yoga!\nPartner: Springfield Farmers' Market"
    )


def test_a_bulleted_line_that_gives_no_fact_keeps_its_bullet():
    assert extract_facts("  - Drop-in: $18 (mat included)\n• We love yoga.").leftover == (
        "- Drop-in: $18 (mat included)\n• We love yoga."
    )


def test_facts_come_in_the_order_of_the_text():
    assert [fact.kind for fact in extract_facts(MIXED).facts] == ["team_member", "team_member", "pricing_plan", "faq"]


def test_a_fact_read_from_a_list_names_its_item_as_source():
    sources = [fact.source for fact in extract_facts(MIXED).facts]
    assert sources == ["Ana Ruiz (founder)", "Sam Okafor", "Drop-in is $18", "Q: Do I need a mat? A: No, we lend them."]


def test_a_labelled_fact_names_its_whole_line_as_source():
    (fact,) = extract_facts("  Phone: +1 555 0100  ").facts
    assert fact.source == "Phone: +1 555 0100"


ALL_TEXTS = [param.values[0] for param in PHRASINGS]


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_every_extracted_fact_is_saved_unchanged(text):
    for fact in extract_facts(text).facts:
        assert clean_fact(fact.kind, fact.data) == fact.data, fact


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_every_source_is_a_piece_of_the_text(text):
    for fact in extract_facts(text).facts:
        assert fact.source in text, fact


def test_no_fact_needs_a_media_record():
    kinds = {fact.kind for text in ALL_TEXTS for fact in extract_facts(text).facts}
    assert "logo" not in kinds
    fields = {name for text in ALL_TEXTS for fact in extract_facts(text).facts for name in fact.data}
    assert "portrait" not in fields


# The labelled lines the builder documented before it read free text, and what each must still give.
LABELLED = [
    pytest.param(
        'Testimonial: "Best sourdough in town." — Jane Doe, regular customer (5 stars)',
        review("Best sourdough in town.", "Jane Doe", "regular customer", 5),
        id="testimonial",
    ),
    pytest.param(
        "Team: Rosa Martin | Owner and head baker | Third-generation baker.",
        ("team_member", {"name": "Rosa Martin", "role": "Owner and head baker", "bio": "Third-generation baker."}),
        id="team",
    ),
    pytest.param("Hours: Monday to Friday | 6:30–18:00", hours("Monday to Friday", "6:30–18:00"), id="hours"),
    pytest.param(
        "Address: 12 Mill Lane, Springfield, 12345",
        ("address", {"address": "12 Mill Lane, Springfield, 12345"}),
        id="address",
    ),
    pytest.param("Phone: +1 555 0100", ("phone", {"phone": "+1 555 0100"}), id="phone"),
    pytest.param("Email: hello@crumbandco.example", ("email", {"email": "hello@crumbandco.example"}), id="email"),
    pytest.param(
        "Stat: 3 | generations of bakers", ("stat", {"value": "3", "label": "generations of bakers"}), id="stat"
    ),
    pytest.param(
        "Stat: 1,200 | members (our 2025 records)",
        ("stat", {"value": "1,200", "label": "members", "source": "our 2025 records"}),
        id="stat-with-source",
    ),
    pytest.param(
        "FAQ: Do you bake gluten-free bread? | Yes, every Tuesday and Friday.",
        faq("Do you bake gluten-free bread?", "Yes, every Tuesday and Friday."),
        id="faq",
    ),
    pytest.param(
        "Plan: Starter box | $19 | per month | 2 loaves a week; free delivery",
        ("pricing_plan", {"name": "Starter box", "price": "19", "currency": "USD", "period": "month",
                          "features": ["2 loaves a week", "free delivery"]}),
        id="plan",
    ),
    pytest.param(
        "Menu: Breads | Country sourdough | $7 | Slow-fermented for 36 hours",
        ("menu_item", {"section": "Breads", "name": "Country sourdough", "price": "$7",
                       "description": "Slow-fermented for 36 hours"}),
        id="menu",
    ),
    pytest.param(
        "Job: Early-shift baker | Springfield | Full-time | Bakery",
        ("job", {"title": "Early-shift baker", "location": "Springfield", "type": "Full-time", "department": "Bakery"}),
        id="job",
    ),
    pytest.param(
        "Post: 2026-03-01 | How we feed our starter | A look at the 80-year-old culture.",
        ("post", {"date": "2026-03-01", "title": "How we feed our starter",
                  "excerpt": "A look at the 80-year-old culture."}),
        id="post",
    ),
    pytest.param(
        "Milestone: 1952 | Opened the first shop | Grandma Rosa's bakery on Mill Lane.",
        ("milestone", {"date": "1952", "title": "Opened the first shop",
                       "description": "Grandma Rosa's bakery on Mill Lane."}),
        id="milestone",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("line", "expected"), LABELLED)
def test_the_labelled_lines_keep_working(line, expected):
    assert facts_of(line) == [expected]


@pytest.mark.parametrize(("line", "expected"), LABELLED)
def test_a_labelled_fact_is_saved_unchanged(line, expected):
    (fact,) = extract_facts(line).facts
    assert clean_fact(fact.kind, fact.data) == fact.data


def test_the_labelled_lines_reach_the_builder_as_they_were_found():
    text = "\n".join(param.values[0] for param in LABELLED)
    parsed, extraction = text_facts(text), extract_facts(text)
    found = {kind: extraction.of_kind(kind) for kind in KINDS}
    assert [(t.quote, t.author, t.role, t.rating) for t in parsed.testimonials] == [
        (d["quote"], d["name"], d["role"], d["rating"]) for d in found["testimonial"]
    ]
    assert [(m.name, m.role, m.bio) for m in parsed.team] == [
        (d["name"], d["role"], d["bio"]) for d in found["team_member"]
    ]
    assert list(parsed.hours) == [(d["days"], d["hours"]) for d in found["opening_hours"]]
    assert list(parsed.faqs) == [(d["question"], d["answer"]) for d in found["faq"]]
    assert [(p.name, p.features) for p in parsed.plans] == [
        (d["name"], tuple(d["features"])) for d in found["pricing_plan"]
    ]
    contact = [found["address"][0]["address"], found["phone"][0]["phone"], found["email"][0]["email"]]
    assert [parsed.address, parsed.phone, parsed.email] == contact


def test_a_partner_line_without_a_logo_stays_text():
    line = "Partner: Springfield Farmers' Market"
    assert extract_facts(line) == Extraction((), line)


def test_a_labelled_line_that_reads_as_nothing_stays_whole():
    assert extract_facts("Testimonial: great place").leftover == "Testimonial: great place"


def test_a_label_reads_its_value_as_a_sentence_when_its_own_form_does_not_fit():
    assert facts_of("Team: Ana Ruiz is our head coach.") == [team("Ana Ruiz", "head coach")]


def test_a_heading_list_ends_at_a_blank_line():
    extraction = extract_facts("Teachers:\nAna Ruiz (founder)\nSam Okafor (vinyasa)\n\nWe love them.")
    assert [fact.data["name"] for fact in extraction.facts] == ["Ana Ruiz", "Sam Okafor"]
    assert extraction.leftover == "We love them."


def test_a_heading_list_ends_at_the_next_label():
    assert facts_of("Team:\nAna Ruiz (founder)\nHours: Mon–Fri 9–17") == [
        team("Ana Ruiz", "founder"),
        hours("Mon–Fri", "9–17"),
    ]


def test_windows_line_ends_read_like_any_other():
    assert facts_of('"Lovely."\r\n— Ana R.') == [review("Lovely.", "Ana R.")]


# describe


def test_describe_says_what_was_found_kind_by_kind():
    extraction = extract_facts(
        "Teachers: Ana Ruiz (founder, restorative and prenatal), Sam Okafor (vinyasa and hot yoga), Lee Chen "
        '(meditation).\n"I was terrified of yoga. Now I go three times a week." — Maria G.'
    )
    assert describe(extraction) == (
        "I found 3 team members: Ana Ruiz (founder, restorative and prenatal), Sam Okafor (vinyasa and hot yoga), "
        "Lee Chen (meditation). I found 1 testimonial: “I was terrified of yoga…” — Maria G."
    )


def test_describe_names_prices_hours_and_contact_details():
    extraction = extract_facts("Drop-in: $18\n$89/month\nMon–Fri 7am–9pm, Sat 9am–1pm\nPhone: +1 555 0100")
    assert describe(extraction) == (
        "I found 2 prices: Drop-in (18 USD), Per month (89 USD / month). "
        "I found opening hours: Mon–Fri 7am–9pm, Sat 9am–1pm. I found the phone: +1 555 0100."
    )


def test_describe_counts_one_of_a_kind_in_the_singular():
    extraction = extract_facts("Q: Do I need a mat? A: No.\n2009: started as a pop-up\nServices: yoga")
    assert describe(extraction) == (
        "I found 1 question and answer: “Do I need a mat?”. I found 1 milestone: 2009: Started as a pop-up. "
        "I found 1 service or offering: Yoga."
    )


def test_describe_is_empty_when_nothing_was_found():
    assert describe(extract_facts("We love yoga.")) == ""


# Robustness


@pytest.mark.parametrize("text", ["", "   \n\n  ", None], ids=["empty", "blank", "none"])
def test_no_text_gives_an_empty_extraction(text):
    assert extract_facts(text) == Extraction((), "")


def test_the_extraction_cannot_be_changed():
    extraction = extract_facts("Phone: +1 555 0100")
    with pytest.raises(dataclasses.FrozenInstanceError):
        extraction.leftover = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        extraction.facts[0].kind = "email"  # type: ignore[misc]


def test_a_fact_too_long_for_its_field_is_left_as_text():
    line = f"Team: Ana Ruiz | {'very ' * 40}senior teacher"
    assert extract_facts(line) == Extraction((), line)


def test_long_and_hostile_text_is_read_quickly():
    text = "\n".join(
        ['"' + "a “b” " * 400 + '" — ' + "Ana " * 50, "Mon " * 2000, "$1 " * 2000, "Our team is " + "Ana, " * 2000,
         "1" * 5000 + " members", "Calle " + "Mayor " * 2000, "¿" + "Hay? " * 1000]
    )  # fmt: skip
    started = time.monotonic()
    extraction = extract_facts(text)
    assert time.monotonic() - started < 5
    assert isinstance(extraction.facts, tuple)


def test_a_found_fact_is_a_plain_record():
    assert (
        FoundFact("phone", {"phone": "+1 555 0100"}, "Phone: +1 555 0100")
        == extract_facts("Phone: +1 555 0100").facts[0]
    )
