"""Curator admin: the list and its embedding state, tag and JSON editing, the re-embed and deprecate actions,
the search playground, and the Curators group's exact permissions.

Components here live in their own category, so these tests hold whether or not the demo registry is loaded.
"""

import importlib
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagebuilder.curation import CURATOR_VIEWS, curators_group
from registry.curation import CURATOR_PERMISSIONS, CURATORS_GROUP, deprecate_components
from registry.documents import embedding_text, sha256
from registry.embeddings import get_embedding_provider
from registry.forms import ComponentForm
from registry.models import AiSemanticComponent, ComponentSyncState
from websites.errors import InvalidInput

pytestmark = pytest.mark.django_db

CATEGORY = "admintest"
CHANGELIST = "/admin/registry/aisemanticcomponent/"
PLAYGROUND = f"{CHANGELIST}playground/"
UNIT_VECTOR = [1.0] + [0.0] * 1023
DOCUMENTED_PERMISSIONS = {
    "registry.view_aisemanticcomponent",
    "registry.change_aisemanticcomponent",
    "websites.view_website",
    "websites.view_brandguide",
    "websites.view_seokeyword",
    "websites.view_mediarecord",
    "styleguides.view_websitestyleguide",
    "pagebuilder.view_pagecategory",
}
PROPS_SCHEMA = {"type": "object", "properties": {"title": {"type": "string", "maxLength": 60}}, "required": ["title"]}


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user("cora", password="pw-cora-12345", is_staff=True)
    user.groups.add(Group.objects.get(name=CURATORS_GROUP))
    return user


@pytest.fixture
def model_id() -> str:
    return get_embedding_provider().model_id


def make_component(component_id: str, *, embedding=UNIT_VECTOR, **fields) -> AiSemanticComponent:
    values = {
        "npm_package": "@tests/admin",
        "import_path": f"blocks/{component_id}",
        "semantic_type": CATEGORY,
        "category": CATEGORY,
        "semantic_tags": ["test"],
        "display_name": component_id.replace("-", " ").title(),
        "description": f"The {component_id} block.",
        "props_schema": PROPS_SCHEMA,
        "embedding": embedding,
        **fields,
    }
    return AiSemanticComponent.objects.create(component_id=component_id, **values)


def make_state(component: AiSemanticComponent, *, model: str, text_hash: str | None = None) -> ComponentSyncState:
    return ComponentSyncState.objects.create(
        component_id=component.component_id,
        content_hash="x",
        embedding_model=model,
        embedding_text_hash=text_hash if text_hash is not None else sha256(embedding_text(component)),
        synced_at=component.created_at,
    )


@pytest.fixture
def states(model_id) -> dict[str, AiSemanticComponent]:
    """One component per embedding state, and per reason a vector can be stale."""
    current = make_component("adm-current")
    make_state(current, model=model_id)
    other_model = make_component("adm-other-model")
    make_state(other_model, model="voyage:voyage-3.5")
    edited = make_component("adm-edited")
    make_state(edited, model=model_id, text_hash=sha256("the text before a curator's edit"))
    no_state = make_component("adm-no-state")
    missing = make_component("adm-missing", embedding=None)
    return {c.component_id: c for c in (current, other_model, edited, no_state, missing)}


def change_data(component: AiSemanticComponent, **overrides) -> dict[str, str]:
    """The change form as a browser posts it, from the component's current values."""
    data = {
        "display_name": component.display_name,
        "category": component.category,
        "semantic_type": component.semantic_type,
        "version": component.version,
        "semantic_tags": ", ".join(component.semantic_tags),
        "description": component.description or "",
        "replacement_component_id": "",
        "props_schema": json.dumps(component.props_schema),
        "context_adapters": "{}",
        "data_capabilities": "{}",
        "npm_package": component.npm_package,
        "import_path": component.import_path,
        "preview_url": "",
        "bundle_size_kb": "",
        "render_performance": "",
        "core_web_vitals_impact": "",
        "_save": "Save",
    }
    return data | overrides


def change_url(component: AiSemanticComponent) -> str:
    return f"{CHANGELIST}{component.pk}/change/"


def shown_states(response) -> dict[str, str]:
    model_admin = response.context["cl"].model_admin
    return {row.component_id: model_admin.embedding_state(row) for row in response.context["cl"].result_list}


# The list


@pytest.mark.parametrize("user", ["superuser", "curator"])
def test_superuser_and_curator_open_the_list_and_a_change_page(request, client_for, user, states):
    client = client_for(request.getfixturevalue(user))
    listing = client.get(CHANGELIST, {"category__exact": CATEGORY})
    assert listing.status_code == 200
    html = listing.content.decode()
    for heading in ("Display name", "Component id", "Category", "Tags", "Usage count", "Deprecated", "Embedding"):
        assert heading in html, heading
    assert PLAYGROUND in html
    assert client.get(change_url(states["adm-current"])).status_code == 200


def test_the_list_shows_each_embedding_state(client_for, superuser, states):
    response = client_for(superuser).get(CHANGELIST, {"category__exact": CATEGORY})
    assert shown_states(response) == {
        "adm-current": "current",
        "adm-other-model": "stale",
        "adm-edited": "stale",
        "adm-no-state": "stale",
        "adm-missing": "missing",
    }
    assert '<td class="field-embedding_state">missing</td>' in response.content.decode()


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("current", {"adm-current"}),
        ("stale", {"adm-other-model", "adm-edited", "adm-no-state"}),
        ("missing", {"adm-missing"}),
    ],
)
def test_the_embedding_filter_agrees_with_the_column(client_for, superuser, states, state, expected):
    response = client_for(superuser).get(CHANGELIST, {"category__exact": CATEGORY, "embedding_state": state})
    assert set(shown_states(response)) == expected
    assert set(shown_states(response).values()) == {state}


def test_the_change_page_shows_the_exact_embedding_state(client_for, superuser, states):
    client = client_for(superuser)
    html = client.get(change_url(states["adm-edited"])).content.decode()
    assert '<div class="readonly">stale</div>' in html
    html = client.get(change_url(states["adm-current"])).content.decode()
    assert '<div class="readonly">current</div>' in html


@pytest.fixture
def examples(model_id) -> dict[str, AiSemanticComponent]:
    """Components of a registry export whose JSX example was read fully, partly and not at all, and one without."""
    outcomes = {
        "adm-example-full": ("full", "", []),
        "adm-example-partial": ("partial", "not literal: onDismiss (function)", ["onDismiss"]),
        "adm-example-failed": (
            "failed",
            "syntax error at line 1, column 1: the example's root element could not be read",
            [],
        ),
    }
    components = {}
    for component_id, (status, reason, paths) in outcomes.items():
        component = make_component(component_id)
        state = make_state(component, model=model_id)
        state.example_status, state.example_reason, state.non_literal_paths = status, reason, paths
        state.save()
        components[component_id] = component
    components["adm-no-example"] = make_component("adm-no-example")
    return components


def shown_examples(response) -> dict[str, str]:
    model_admin = response.context["cl"].model_admin
    return {row.component_id: model_admin.example(row) for row in response.context["cl"].result_list}


def test_the_list_shows_how_each_jsx_example_was_read(client_for, curator, examples):
    response = client_for(curator).get(CHANGELIST, {"category__exact": CATEGORY})

    assert shown_examples(response) == {
        "adm-example-full": "parsed fully",
        "adm-example-partial": "parsed partly",
        "adm-example-failed": "not parsed",
        "adm-no-example": "—",
    }
    assert '<td class="field-example">not parsed</td>' in response.content.decode()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("full", {"adm-example-full"}),
        ("partial", {"adm-example-partial"}),
        ("failed", {"adm-example-failed"}),
        ("none", {"adm-no-example"}),
    ],
)
def test_the_example_filter_selects_by_parse_outcome(client_for, curator, examples, status, expected):
    response = client_for(curator).get(CHANGELIST, {"category__exact": CATEGORY, "example": status})
    assert set(shown_examples(response)) == expected


def test_the_change_page_shows_why_an_example_was_not_read_fully(client_for, curator, examples):
    client = client_for(curator)
    html = client.get(change_url(examples["adm-example-partial"])).content.decode()
    assert '<div class="readonly">parsed partly</div>' in html
    assert '<div class="readonly">not literal: onDismiss (function)</div>' in html
    assert '<div class="readonly">onDismiss</div>' in html
    assert "a resync keeps the correction" in html
    html = client.get(change_url(examples["adm-example-failed"])).content.decode()
    assert "the example&#x27;s root element could not be read" in html


def test_the_list_costs_the_same_queries_for_more_rows_and_never_loads_vectors(client_for, superuser, model_id):
    client = client_for(superuser)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(CHANGELIST, {"category__exact": CATEGORY})
        assert all("embedding" in row.get_deferred_fields() for row in response.context["cl"].result_list)
        return len(captured)

    for index in range(2):
        make_state(make_component(f"adm-few-{index}"), model=model_id)
    few = queries_for_list()
    for index in range(6):
        make_state(make_component(f"adm-many-{index}"), model=model_id)
    assert queries_for_list() == few


def test_search_finds_a_component_by_tag(client_for, superuser):
    make_component("adm-tagged", semantic_tags=["testimonial", "quote"])
    make_component("adm-untagged")
    response = client_for(superuser).get(CHANGELIST, {"category__exact": CATEGORY, "q": "testimonial"})
    assert set(shown_states(response)) == {"adm-tagged"}


# Editing


def test_tags_are_saved_trimmed_lowercased_and_deduplicated(client_for, curator):
    component = make_component("adm-tags")
    response = client_for(curator).post(
        change_url(component), change_data(component, semantic_tags="Hero, intro, hero , ")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    component.refresh_from_db()
    assert component.semantic_tags == ["hero", "intro"]


def test_an_edit_refreshes_the_search_document_and_makes_the_vector_stale(client_for, curator, model_id):
    component = make_component("adm-edit")
    make_state(component, model=model_id)
    client = client_for(curator)
    client.post(change_url(component), change_data(component, description="Now about zeppelins."))
    document = ComponentSyncState.objects.get(component_id="adm-edit").search_document
    assert "zeppelin" in document
    listing = client.get(CHANGELIST, {"category__exact": CATEGORY})
    assert shown_states(listing) == {"adm-edit": "stale"}


def test_an_invalid_props_schema_is_rejected_and_nothing_is_saved(client_for, curator):
    component = make_component("adm-schema")
    data = change_data(component, props_schema=json.dumps({"type": 12}), description="Changed")
    response = client_for(curator).post(change_url(component), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["props_schema"]
    assert "Not a valid JSON Schema" in errors[0]
    assert "$.type" in errors[0]
    component.refresh_from_db()
    assert component.props_schema == PROPS_SCHEMA
    assert component.description == "The adm-schema block."


def test_schema_errors_say_where_the_problem_is():
    component = make_component("adm-where")
    schema = {"type": "object", "properties": {"title": {"type": "strin"}}}
    form = ComponentForm(data=change_data(component, props_schema=json.dumps(schema)), instance=component)
    assert not form.is_valid()
    assert "$.properties.title.type" in form.errors["props_schema"][0]


@pytest.mark.parametrize("field", ["context_adapters", "data_capabilities"])
def test_adapters_and_capabilities_must_be_json_objects(field):
    component = make_component("adm-objects")
    form = ComponentForm(data=change_data(component, **{field: "[1, 2]"}), instance=component)
    assert not form.is_valid()
    assert "must be a JSON object" in form.errors[field][0]


def test_the_form_refuses_a_deprecated_replacement(model_id):
    make_component("adm-old", deprecated=True)
    component = make_component("adm-replaced")
    form = ComponentForm(data=change_data(component, replacement_component_id="adm-old"), instance=component)
    assert not form.is_valid()
    assert "itself deprecated" in form.errors["replacement_component_id"][0]


def test_curators_cannot_add_or_delete_components(client_for, curator):
    component = make_component("adm-keep")
    client = client_for(curator)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.get(f"{CHANGELIST}{component.pk}/delete/").status_code == 403
    assert 'value="delete_selected"' not in client.get(CHANGELIST).content.decode()
    assert AiSemanticComponent.objects.filter(component_id="adm-keep").exists()


def test_the_curators_group_has_exactly_the_documented_permissions():
    group = Group.objects.get(name=CURATORS_GROUP)
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert granted == DOCUMENTED_PERMISSIONS
    assert set(CURATOR_PERMISSIONS) | set(CURATOR_VIEWS) == DOCUMENTED_PERMISSIONS
    registry_part = importlib.import_module("registry.migrations.0003_curators_group").PERMISSIONS
    views_part = importlib.import_module("pagebuilder.migrations.0005_curators_view_pages_and_style_guides").PERMISSIONS
    assert {f"{app}.{codename}" for app, codename in registry_part} == set(CURATOR_PERMISSIONS)
    assert {f"{app}.{codename}" for app, codename in views_part} == set(CURATOR_VIEWS)


def test_curators_group_restores_the_exact_permissions():
    group = Group.objects.get(name=CURATORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="delete_aisemanticcomponent"))
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in curators_group().permissions.all()}
    assert granted == DOCUMENTED_PERMISSIONS


# Actions


def test_reembed_updates_the_vector_time_and_the_state(client_for, curator, states, model_id):
    before = {c.component_id: c.embedding_updated_at for c in states.values()}
    chosen = [states[name] for name in ("adm-other-model", "adm-no-state", "adm-missing")]
    response = client_for(curator).post(
        CHANGELIST, {"action": "reembed_selected", "_selected_action": [c.pk for c in chosen]}
    )
    assert response.status_code == 302
    for component in chosen:
        component.refresh_from_db()
        state = ComponentSyncState.objects.get(component_id=component.component_id)
        assert component.embedding_updated_at is not None
        assert before[component.component_id] is None or component.embedding_updated_at > before[component.component_id]
        assert state.embedding_model == model_id
        assert state.embedding_text_hash == sha256(embedding_text(component))
        assert len(component.embedding) == 1024
        assert component.embedding[0] != 1.0
    listing = client_for(curator).get(CHANGELIST, {"category__exact": CATEGORY, "embedding_state": "current"})
    assert set(shown_states(listing)) == {"adm-current", "adm-other-model", "adm-no-state", "adm-missing"}


def test_deprecate_asks_for_the_replacement_first(client_for, curator):
    old = make_component("adm-old-hero")
    response = client_for(curator).post(CHANGELIST, {"action": "deprecate_selected", "_selected_action": [old.pk]})
    assert response.status_code == 200
    assert "Replacement component id" in response.content.decode()
    old.refresh_from_db()
    assert not old.deprecated


def test_deprecate_with_a_live_replacement(client_for, curator):
    old, older = make_component("adm-old-hero"), make_component("adm-older-hero")
    make_component("adm-new-hero")
    data = {
        "action": "deprecate_selected",
        "_selected_action": [old.pk, older.pk],
        "apply": "yes",
        "replacement_id": " adm-new-hero ",
    }
    response = client_for(curator).post(CHANGELIST, data)
    assert response.status_code == 302
    for component in (old, older):
        component.refresh_from_db()
        assert component.deprecated is True
        assert component.replacement_component_id == "adm-new-hero"
    assert LogEntry.objects.filter(object_id=str(old.pk), change_message__contains="adm-new-hero").exists()


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("adm-nowhere", "No component has id"),
        ("adm-retired", "is itself deprecated"),
        ("adm-old-hero", "one of the components being deprecated"),
        ("", "This field is required"),
    ],
)
def test_deprecate_with_a_bad_replacement_shows_why_and_changes_nothing(client_for, curator, replacement, message):
    old = make_component("adm-old-hero")
    make_component("adm-retired", deprecated=True, replacement_component_id="adm-other")
    data = {"action": "deprecate_selected", "_selected_action": [old.pk], "apply": "yes", "replacement_id": replacement}
    response = client_for(curator).post(CHANGELIST, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors["replacement_id"][0]
    old.refresh_from_db()
    assert not old.deprecated
    assert old.replacement_component_id is None


def test_deprecate_components_refuses_a_blank_replacement():
    make_component("adm-old-hero")
    with pytest.raises(InvalidInput, match="Give the component id"):
        deprecate_components(["adm-old-hero"], replacement_id="  ")


# The search playground


@pytest.fixture
def embedded(client_for, superuser) -> list[AiSemanticComponent]:
    """Three components embedded by the real configured model, through the re-embed action."""
    components = [
        make_component("adm-hero", display_name="Hero banner", description="A large headline with a call to action."),
        make_component("adm-pricing", display_name="Pricing table", description="Plans and prices side by side."),
        make_component("adm-contact", display_name="Contact form", description="Name, email and a message field."),
    ]
    client_for(superuser).post(
        CHANGELIST, {"action": "reembed_selected", "_selected_action": [c.pk for c in components]}
    )
    return components


def test_the_playground_ranks_results_with_both_scores(client_for, curator, embedded):
    response = client_for(curator).get(
        PLAYGROUND, {"query": "big hero headline at the top", "category": CATEGORY, "limit": 5}
    )
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.rank for row in rows] == list(range(1, len(rows) + 1))
    assert rows[0].component.component_id == "adm-hero"
    assert {row.component.category for row in rows} == {CATEGORY}
    assert [row.hit.score for row in rows] == sorted((row.hit.score for row in rows), reverse=True)
    html = response.content.decode()
    assert "Cosine similarity" in html
    assert "Fused score" in html
    assert f'<a href="{change_url(embedded[0])}">Hero banner</a>' in html
    assert f"{rows[0].hit.similarity_score:.4f}" in html
    assert f"{rows[0].hit.score:.6f}" in html


def test_the_playground_says_what_is_wrong_with_an_empty_query(client_for, curator):
    response = client_for(curator).get(PLAYGROUND, {"query": "   "})
    assert response.status_code == 200
    assert "The search query is empty" in response.content.decode()
    assert response.context["rows"] == []


def test_the_playground_starts_without_results_or_errors(client_for, curator):
    response = client_for(curator).get(PLAYGROUND)
    assert response.status_code == 200
    assert response.context["error"] is None
    assert not response.context["searched"]


def test_the_playground_explains_vectors_from_another_model(client_for, curator):
    make_state(make_component("adm-foreign"), model="voyage:voyage-3.5")
    response = client_for(curator).get(PLAYGROUND, {"query": "hero"})
    assert "voyage:voyage-3.5" in response.context["error"]


def test_the_playground_needs_the_view_permission(client, client_for, staff):
    assert client_for(staff).get(PLAYGROUND, {"query": "hero"}).status_code == 403
    assert client.get(PLAYGROUND).status_code == 302  # anonymous: to the admin login
