"""The redaction that keeps e-mail addresses and phone numbers out of Claude's requests: what is found (in the ways
people write them) and what is not (prices, years, hours, dates, postcodes, ids), one placeholder per written
value, JSON text kept intact, and the answer restored with placeholders that stand for nothing removed."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from websites.personal_data import EXAMPLE_EMAIL, EXAMPLE_PHONE, Redaction, without_contacts

PHONES = [
    "+44 151 234 5678",
    "0151 234 5678",
    "01512345678",
    "+441512345678",
    "+44 (0)151 234 5678",
    "0151-234-5678",
    "0151.234.5678",
    "020 7946 0958",
    "(212) 555-0123",
    "212-555-0123",
    "212.555.0123",
    "+1 212 555 0123",
    "+1 555 0100",  # the demo sites' numbers: possible, though no real exchange
    "612 34 56 78",
    "+34 612 345 678",
    "0034 612 345 678",
    "030 12345678",
    "+49 30 12345678",
    "01 23 45 67 89",
    "+33 1 23 45 67 89",
    "06 12345678",
    "+31 6 12345678",
]
EMAILS = ["mia@clay.example", "first.last+orders@mail.clay.co.uk", "Hello@Crumb-And-Co.example", "ventas@panadería.es"]
NOT_PERSONAL = [
    "From £45, or €1.250,00 for the family box, $3.50 a croissant",
    "Since 1952; 1998–2024; 1998-2024",
    "Open 9:00–17:00, Mon–Fri 08:00–18:00, Sat 6:30–14:00",
    "It takes 2 hours; 36h fermentation; 400 loaves a day; 1,500 customers; 10% off; 4.9 stars from 120 reviews",
    "On 12.03.2024, 12/03/2024 or 2024-03-12",
    "Order #4821937, order 10023451, order no. 2125550123, invoice 2024-000123, ref 0042, id 100000000001",
    "SW1A 1AA, L1 8JQ, 28013 Madrid, Beverly Hills 90210-1234, 12 Mill Lane, Springfield, 12345",
    "logo@2x.png, photo@3x.JPG, @crumbandco on Instagram, v3.14159265",
    "550e8400-e29b-41d4-a716-446655440000 and ISBN 978-3-16-148410-0",
    "1 200 000 € raised; page 3 of 12; 2 x 250 g; +20% more",
]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_are_replaced_however_they_are_written(phone):
    redaction = Redaction()

    redacted = redaction.redact(f"Reach us on {phone} today.")

    assert redacted == "Reach us on [PHONE_1] today."
    assert [(value.kind, value.text) for value in redaction.values] == [("PHONE", phone)]


@pytest.mark.parametrize("email", EMAILS)
def test_email_addresses_are_replaced(email):
    redaction = Redaction()

    assert redaction.redact(f"Write to {email}, we answer fast.") == "Write to [EMAIL_1], we answer fast."
    assert redaction.values[0].text == email


def test_a_bare_run_of_digits_is_a_phone_only_after_a_trunk_prefix_or_a_phone_word():
    redaction = Redaction()

    assert redaction.redact("tel 2125550123, call 612345678") == "tel [PHONE_1], call [PHONE_2]"
    assert Redaction().redact("Order 2125550123 and 612345678 shipped") == "Order 2125550123 and 612345678 shipped"
    assert Redaction().redact("Phone: 0151 23 45 678; 0151 23 45 678") == "Phone: [PHONE_1]; [PHONE_1]", "seen once"


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_prices_years_hours_dates_postcodes_and_ids_are_left_alone(text):
    redaction = Redaction()

    assert redaction.redact(text) == text
    assert redaction.values == ()
    assert redaction.note() == ""


def test_the_same_value_gets_the_same_placeholder_and_each_kind_counts_on_its_own():
    redaction = Redaction()
    first = redaction.redact("mia@clay.example or +44 151 234 5678; ops@clay.example")
    second = redaction.redact("Again: +44 151 234 5678 and mia@clay.example, or 0151 234 5678")

    assert first == "[EMAIL_1] or [PHONE_1]; [EMAIL_2]"
    assert second == "Again: [PHONE_1] and [EMAIL_1], or [PHONE_2]"
    assert redaction.redact("0151 234 5678 +44 151 234 5678 0151 234 5678") == "[PHONE_2] [PHONE_1] [PHONE_2]"


def test_the_note_describes_each_placeholder_without_its_value():
    redaction = Redaction()
    redaction.redact("Mia: mia@clay.example, +44 151 234 5678, 0151 234 5678")

    note = redaction.note()

    listed = json.loads(note[note.index("<placeholders>") + 14 : note.index("</placeholders>")])
    assert listed == {
        "[EMAIL_1]": "an e-mail address of 16 characters",
        "[PHONE_1]": "a phone number of 16 characters",
        "[PHONE_2]": "a phone number of 13 characters, the same number as [PHONE_1]",
    }
    assert "mia@" not in note and "151" not in note
    assert "mailto:[EMAIL_1]" in note and "tel:[PHONE_1]" in note


def test_a_request_carries_the_note_at_the_end_of_its_prompt_only_when_something_was_replaced():
    system, stable, prompt = Redaction().redact_request("Rules.", None, "Build it for mia@clay.example.")
    assert (system, stable) == ("Rules.", None)
    assert prompt.startswith("Build it for [EMAIL_1].\nContact details in this request were replaced")

    assert Redaction().redact_request("Rules.", "Guide.", "Build it.") == ("Rules.", "Guide.", "Build it.")


def test_json_text_stays_valid_and_escapes_are_never_split():
    data = {
        "facts": "Email:\nmia@clay.example\tPhone:\t+44 151 234 5678",
        "quoted": '"mia@clay.example"',
        "tagged": "<mia@clay.example>",
        "href": "tel:+441512345678",
    }
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    redaction = Redaction()

    redacted = redaction.redact(text)

    assert json.loads(redacted) == {
        "facts": "Email:\n[EMAIL_1]\tPhone:\t[PHONE_1]",
        "quoted": '"[EMAIL_1]"',
        "tagged": "<[EMAIL_1]>",
        "href": "tel:[PHONE_2]",
    }
    assert redaction.restore(json.loads(redacted)) == data


def test_the_answer_gets_the_values_back_everywhere_and_tel_links_the_e164_number():
    redaction = Redaction()
    redaction.redact("Mia: mia@clay.example, 0151 234 5678")
    answer = {
        "title": "Call [PHONE_1] or write to [EMAIL_1]",
        "items": [{"href": "tel:[PHONE_1]"}, {"href": "mailto:[EMAIL_1]?subject=Cake"}, ["[ phone_1 ]"]],
        "count": 2,
        "ok": True,
        "none": None,
    }

    restored = redaction.restore(answer)

    assert restored == {
        "title": "Call 0151 234 5678 or write to mia@clay.example",
        "items": [
            {"href": "tel:+441512345678"},
            {"href": "mailto:mia@clay.example?subject=Cake"},
            ["0151 234 5678"],
        ],
        "count": 2,
        "ok": True,
        "none": None,
    }
    assert answer["title"] == "Call [PHONE_1] or write to [EMAIL_1]", "the answer itself is not changed"


def test_placeholders_that_stand_for_nothing_are_removed_never_shown(caplog):
    redaction = Redaction()
    redaction.redact("mia@clay.example")

    restored = redaction.restore(
        {
            "text": "Call [PHONE_1] today.",
            "href": "tel:[PHONE_3]",
            "more": "Mail [EMAIL_7] or [EMAIL_1] .",
            "example": "[PHONE]",
        }
    )

    assert restored == {"text": "Call today.", "href": "", "more": "Mail or mia@clay.example.", "example": ""}
    assert "stand for no value" in caplog.text
    assert "mia@" not in caplog.text


def test_example_contact_details_become_markers_that_stand_for_nothing():
    shown = without_contacts("Email hello@example.com or call +1 (555) 123-4567; tel:+10000000000")

    assert shown == f"Email {EXAMPLE_EMAIL} or call {EXAMPLE_PHONE}; tel:{EXAMPLE_PHONE}"
    assert Redaction().restore(shown) == "Email or call;", "a link to nothing goes with its placeholder"
    assert without_contacts("Open 9:00–17:00 since 1998") == "Open 9:00–17:00 since 1998"


_PIECES = st.sampled_from(
    [*PHONES, *EMAILS, "£45", "1998", "9:00–17:00", "order #4821937", "SW1A 1AA", "Mia", "bread", "\n", '"', "\\"]
)


# Pieces joined by words or punctuation, as people write: digit groups joined by bare spaces have no one reading.
@given(st.lists(_PIECES, max_size=12), st.sampled_from([", ", "; ", " | ", " or ", "\n", " and then "]))
def test_whatever_the_text_redacting_leaves_nothing_to_find_and_restoring_gives_it_back(pieces, separator):
    text = separator.join(pieces)
    redaction = Redaction()

    redacted = redaction.redact(text)

    assert Redaction().redact(redacted) == redacted
    assert not any(value.text in redacted for value in redaction.values)
    assert redaction.restore(redacted) == text
