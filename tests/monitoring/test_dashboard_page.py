"""``/admin/metrics/``: who may see it, what it shows (charts with text alternatives, each beside a table of
the same figures), its filters, hostile names, the link from the admin index, and the read-only admins of
the recorded rows."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from monitoring.charts import clip, nice_ceiling
from monitoring.models import AlertState, Operation, RequestTally
from registry.models import AiSemanticComponent
from websites.models import Website

pytestmark = pytest.mark.django_db

URL = "/admin/metrics/"
CHARTS = ("generations", "outcomes", "timings", "costs", "components", "endpoints")
SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> dict[str, ET.Element]:
    """Every inline SVG of the page, parsed as XML (so its markup must be well formed), by its title's id."""
    found = {}
    for markup in re.findall(r'<svg class="metrics-chart".*?</svg>', html, flags=re.DOTALL):
        element = ET.fromstring(markup)  # noqa: S314 (our own page, not untrusted input)
        title = element.find(f"{SVG}title")
        found[title.get("id").removesuffix("-title")] = element
    return found


def tables(html: str) -> list[str]:
    return re.findall(r"<table>.*?</table>", html, flags=re.DOTALL)


@pytest.fixture
def seeded(bakery):
    now = timezone.now()
    for minutes_ago, outcome in ((5, "completed"), (15, "completed"), (25, "failed")):
        Operation.objects.create(
            kind="generation",
            outcome=outcome,
            provider="offline",
            website_id=bakery.pk,
            duration_ms=20_000,
            cost_usd=Decimal("0.25"),
            created_at=now - timedelta(minutes=minutes_ago),
        )
    RequestTally.objects.create(
        minute=now.replace(second=0, microsecond=0), route="/api/v1/health", method="GET", status=503, bucket=2, count=4
    )
    return bakery


def test_staff_see_every_chart_with_a_title_a_description_and_a_table_beside_it(client_for, staff, seeded):
    response = client_for(staff).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    charts = svgs(html)
    assert set(charts) == set(CHARTS)
    for slug, svg in charts.items():
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{slug}-title {slug}-desc"
        assert svg.find(f"{SVG}title").text.strip()
        assert svg.find(f"{SVG}desc").get("id") == f"{slug}-desc"
        assert "<script" not in ET.tostring(svg, encoding="unicode")
    assert "Of 3 generations: completed 2 (66.7 %), failed 1 (33.3 %)" in charts["outcomes"].find(f"{SVG}desc").text
    assert "100.0 % (100.0 % 5xx), for GET /api/v1/health" in charts["endpoints"].find(f"{SVG}desc").text
    assert len(tables(html)) == len(CHARTS)
    assert html.count("<caption>") == len(CHARTS) and 'scope="col"' in html and 'scope="row"' in html
    # The same figures in the chart and in the table beside it.
    assert ">2 (66.7 %)</text>" in html and "<td>2</td><td>66.7 %</td>" in html
    assert "<td>$0.75</td><td>$0.2500</td>" in html and ">$0.75</text>" in html
    assert "No alert is firing." in html


@pytest.mark.parametrize("who", ["editor", "anonymous"])
def test_people_who_are_not_staff_are_sent_to_the_admin_login(request, client, seeded, who):
    if who == "editor":
        client.force_login(request.getfixturevalue("editor"))

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={URL}"


def test_the_filters_choose_the_website_and_the_period(client_for, staff, seeded, clinic):
    Operation.objects.create(
        kind="generation",
        outcome="completed",
        provider="offline",
        website_id=clinic.pk,
        created_at=timezone.now() - timedelta(days=3),
    )
    client = client_for(staff)

    def outcomes(query: str) -> str:
        response = client.get(URL, {"period": query.split("/")[0], "website": query.split("/")[1]})
        assert response.status_code == 200
        return svgs(response.content.decode())["outcomes"].find(f"{SVG}desc").text

    assert outcomes("24h/").startswith("Of 3 generations")
    assert outcomes("7d/").startswith("Of 4 generations")
    assert outcomes(f"7d/{clinic.pk}").startswith("Of 1 generation:")
    assert outcomes(f"24h/{clinic.pk}") == "No generations in this period."
    page = client.get(URL, {"period": "30d"}).content.decode()
    assert '<option value="30d" selected>' in page and "Generations per day" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "1y"}, "Select a valid choice. 1y is not one of the available choices."),
        ({"website": "abc"}, "Select a valid choice. abc is not one of the available choices."),
        ({"website": "987654"}, "Select a valid choice. 987654 is not one of the available choices."),
    ],
)
def test_filters_that_are_not_valid_answer_400_with_what_to_change(client_for, staff, seeded, query, message):
    response = client_for(staff).get(URL, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "These filters cannot be shown" in html
    assert "metrics-chart" not in html


def test_hostile_website_and_component_names_are_escaped_in_charts_and_tables(client_for, staff):
    website = Website.objects.create(name='<script>alert("site")</script>', domain="x.test", subdomain="x")
    hostile = "<img src=x onerror=alert(1)>"
    AiSemanticComponent.objects.create(
        component_id="hostile-block",
        npm_package="@tests/dashboard",
        import_path="blocks/hostile",
        semantic_type="test",
        category="dashboardtest",
        display_name=hostile,
        props_schema={},
    )
    Operation.objects.create(
        kind="generation",
        outcome="completed",
        provider="anthropic",
        website_id=website.pk,
        cost_usd=Decimal("1.5"),
        components=["hostile-block"],
        created_at=timezone.now() - timedelta(minutes=1),
    )

    html = client_for(staff).get(URL, {"website": website.pk}).content.decode()

    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;site&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    charts = svgs(html)  # parsed as XML: the names are text in them, never markup
    cost_texts = [text.text for text in charts["costs"].iter(f"{SVG}text")]
    assert '<script>alert("site")</script>' in cost_texts
    component_texts = [text.text for text in charts["components"].iter(f"{SVG}text")]
    assert any(text.startswith(hostile) for text in component_texts)  # cut to fit; whole in the table
    assert hostile in charts["components"].find(f"{SVG}desc").text
    table_cells = "".join(tables(html))
    assert '<th scope="row">&lt;script&gt;alert(&quot;site&quot;)&lt;/script&gt;</th>' in table_cells
    assert '<th scope="row">&lt;img src=x onerror=alert(1)&gt;</th>' in table_cells


def test_firing_alerts_are_shown_at_the_top(client_for, staff):
    AlertState.objects.create(
        name="generation_failure_rate", firing=True, since=timezone.now(), detail="12 % of 40 generations failed"
    )
    AlertState.objects.create(name="api_error_rate", firing=False, detail="resolved long ago")

    html = client_for(staff).get(URL).content.decode()

    alerts = html[html.index('id="alerts-heading"') : html.index("metrics-summary")]
    assert "generation_failure_rate" in alerts and "12 % of 40 generations failed" in alerts
    assert "api_error_rate" not in alerts and "No alert is firing." not in alerts


def test_the_admin_index_links_to_the_dashboard(client_for, staff):
    html = client_for(staff).get("/admin/").content.decode()
    assert f'<a href="{URL}">Metrics dashboard</a>' in html


def test_the_recorded_rows_are_read_only_in_the_admin(client_for, superuser, seeded):
    client = client_for(superuser)
    operation = Operation.objects.first()
    tally = RequestTally.objects.first()
    alert = AlertState.objects.create(name="api_error_rate", firing=True)
    for path, row in (("operation", operation), ("requesttally", tally), ("alertstate", alert)):
        base = f"/admin/monitoring/{path}/"
        assert client.get(base).status_code == 200
        assert client.get(f"{base}add/").status_code == 403
        assert client.get(f"{base}{row.pk}/delete/").status_code == 403
        page = client.get(f"{base}{row.pk}/change/")
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert client.post(f"{base}{row.pk}/change/", {"firing": "false"}).status_code == 403
    alert.refresh_from_db()
    assert alert.firing is True


def test_chart_scales_and_labels():
    values = (0, 0.04, 3, 7, 10, 11, 55, 240, 810)
    assert [nice_ceiling(value) for value in values] == pytest.approx([1, 0.04, 3, 8, 10, 15, 60, 250, 1000])
    assert clip("short") == "short"
    assert clip("x" * 50) == "x" * 35 + "…" and len(clip("x" * 50)) == 36
