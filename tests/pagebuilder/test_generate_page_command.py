"""manage.py generate_page: the same workflow in-process, with a progress bar, a summary and the payload."""

import json

import pytest
from django.core.management import CommandError, call_command

from pagebuilder.models import PageCategory
from tests.helpers.generation import FACTS

pytestmark = pytest.mark.django_db


def test_generate_page_prints_a_summary_and_writes_the_payload(crumb, tmp_path, capsys):
    context_file = tmp_path / "facts.txt"
    context_file.write_text(FACTS, encoding="utf-8")
    out = tmp_path / "page.json"
    call_command(
        "generate_page", website=crumb.domain, intent="meet the team", context_file=context_file, out=out, publish=True
    )
    printed = capsys.readouterr()
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["version"] == "1.0"
    assert any(b["_name"] == "team" for b in payload["blocks"])
    assert "Page type: team; provider: offline" in printed.out
    assert "SEO title:" in printed.out
    assert "team-" in printed.out
    assert "Tokens: 0 in, 0 out" in printed.out
    assert "100%" in printed.err
    assert "research" in printed.err
    assert "store" in printed.err
    assert PageCategory.objects.get(website=crumb, slug="team").design_payload == payload


def test_generate_page_by_id_prints_the_payload_and_keeps_a_draft(crumb, capsys):
    call_command("generate_page", website=str(crumb.pk), intent="frequently asked questions", slug="help")
    printed = capsys.readouterr().out
    assert '"_component": "faq-' in printed
    assert "(draft)" in printed
    assert not PageCategory.objects.filter(website=crumb).exists()


def test_generate_page_explains_bad_input(crumb):
    with pytest.raises(CommandError, match="No website has id, domain or subdomain 'nope'"):
        call_command("generate_page", website="nope", intent="x")
    with pytest.raises(CommandError, match="not a slug"):
        call_command("generate_page", website=crumb.domain, intent="x", slug="Not A Slug")
