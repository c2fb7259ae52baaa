"""Contracts inferred from registry-export examples: required props, length limits, media slots, capabilities;
contract-bundle entries override them; a curator's correction survives a resync.

Named cases use small synthetic exports; the real @opensite/ui export (605 blocks) is parsed once per module
without a database. Syncing all 605 into the database is ``test_opensite_integration``'s job.
"""

import json
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from jsonschema import Draft202012Validator

from registry.formats import RegistryFileError, load_contract_overrides, load_registry_file, parse_registry
from registry.jsx_examples import FULL
from registry.models import AiSemanticComponent, ComponentSyncState
from registry.sync import sync_registry
from tests.helpers.registry import SYNTHETIC_PACKAGE, contract_block, export_block

OPENSITE = Path(settings.BASE_DIR).parent / "shared" / "opensite"
needs_opensite = pytest.mark.skipif(not OPENSITE.is_dir(), reason=f"the @opensite/ui data is not at {OPENSITE}")
PORTRAIT = ["portrait", "avatar"]


def contract_of(jsx: str, category: str = "about", component_id: str = "sample-block", **parse) -> dict:
    block = export_block(component_id, category, exampleUsage=jsx)
    [record] = parse_registry({"metadata": {}, "blocks": [block]}, **parse).records
    return record.props_schema


def slot_roles(schema: dict) -> dict[str, tuple[list[str], str]]:
    return {path: (slot["roles"], slot["minPixelClass"]) for path, slot in schema["x-media-slots"].items()}


# --- the contract a JSX example gives -----------------------------------------------------------------------------


def test_an_export_block_gets_a_full_contract_that_accepts_its_own_example():
    schema = contract_of(
        '<AboutStory title="Our Story" description="Started in a garage." stats={[{ value: "300+", label: "Clients" }]}'
        ' image={{ src: "/team.jpg", alt: "Team" }} onOpen={() => open()} />'
    )

    Draft202012Validator.check_schema(schema)
    assert schema["x-block-name"] == "SampleBlock", "from the props type"
    assert schema["x-example-props"]["title"] == "Our Story"
    assert schema["x-example-props"]["onOpen"] == {"$expr": "() => open()", "kind": "function"}
    assert schema["x-non-literal-props"] == ["onOpen"]
    assert schema["properties"]["stats"]["items"]["properties"]["value"] == {"type": "string", "maxLength": 60}
    assert schema["properties"]["onOpen"] == {}, "a placeholder allows anything"
    assert schema["required"] == schema["x-required-props"] == ["title"]
    assert schema["x-contract-source"] == "inferred"
    assert schema["x-usage-notes"] == [], "nothing repeated on every block: usage notes are embedded for search"
    assert Draft202012Validator(schema).is_valid(schema["x-example-props"])
    assert not Draft202012Validator(schema).is_valid({"description": "no title"})


@pytest.mark.parametrize(
    ("jsx", "required"),
    [
        ('<A eyebrow="Hi" heading="Big news" title="Later" />', ["heading"]),
        ('<A missionLabel="M" missionTitle="Our mission" missionText="…" />', ["missionTitle"]),
        ('<A name="Alex Doe" role="Developer" bio="Builds things." />', ["name"]),
        ('<A badgeText="Sale" message="20% off" buttonText="Shop" />', ["message"]),
        ("<A socialLinks={[{ label: 'x' }]} items={[{ label: 'One' }]} />", ["items"]),
        ("<A theme='dark' autoplay={true} />", ["theme"]),
        ("<A autoplay={true} options={{ loop: true }} />", ["options"]),
        ("<GridBasic><h1>Your Hero Content</h1></GridBasic>", ["children"]),
        ("<A onClose={() => close()} />", []),
        ("<A />", []),
    ],
)
def test_the_required_prop_is_the_headline_else_the_main_text_else_the_main_list(jsx, required):
    assert contract_of(jsx)["x-required-props"] == required


def test_length_limits_come_from_the_example_text_with_floors():
    long_text = "x" * 150
    constraints = contract_of(
        f'<A title="About" subtitle="Short" description="{long_text}" badgeText="New" href="/x" cover="/c.jpg"'
        " items={[{ label: 'a', alt: 'b' }, { label: 'c' }, { label: 'd' }, { label: 'e' }]}"
        " actions={[{ label: 'Go', href: '/go' }]} skills={['React', 'Rails']} />"
    )["x-prop-constraints"]

    assert constraints == {
        "title": {"required": True, "maxLength": 80},
        "subtitle": {"maxLength": 160},
        "description": {"maxLength": 300},
        "badgeText": {"maxLength": 40},
        "items[].label": {"maxLength": 40},
        "actions[].label": {"maxLength": 40},
        "skills[]": {"maxLength": 60},
        "items": {"maxItems": 8},
        "actions": {"maxItems": 2},
        "skills": {"maxItems": 6},
    }


def test_only_a_required_photo_needs_the_sites_photos():
    photo_only = contract_of("<Picture image='/shop.jpg' />")
    with_text = contract_of("<Card title='Our shop' image='/shop.jpg' />")

    assert photo_only["x-media-slots"]["image"]["required"] is True
    assert photo_only["x-requires-site-capabilities"] == ["media_library"]
    assert with_text["x-media-slots"]["image"]["required"] is False
    assert with_text["x-requires-site-capabilities"] == []


def test_media_slots_and_their_roles_follow_names_and_values():
    schema = contract_of(
        "<A members={[{ name: 'Ann', role: 'CEO', photo: '/ann.jpg' }]}"
        " logos={[{ src: '/acme.svg', alt: 'Acme' }]}"
        " partners={[{ name: 'Globex', image: '/globex.svg' }]}"
        " backgroundImage='/bg.jpg' gallery={['/1.jpg', '/2.jpg']} avatarUrl='/me.jpg'"
        " testimonial={{ quote: 'Great', author: { name: 'Bo', avatar: { src: '/bo.jpg' } } }}"
        " video='/clip.mp4' poster='/poster.jpg' media={<img src='/m.jpg' alt='M' />}"
        " imagePosition='left' showLogo={true} icon='lucide/zap' background='white' logosTitle='Trusted by' />"
    )

    assert slot_roles(schema) == {
        "members[].photo": (PORTRAIT, "medium"),
        "logos[]": (["logo"], "small"),
        "partners[].image": (["logo"], "small"),
        "backgroundImage": (["hero", "feature"], "large"),
        "gallery[]": (["gallery", "feature"], "medium"),
        "avatarUrl": (PORTRAIT, "small"),
        "testimonial.author.avatar": (PORTRAIT, "small"),
        "video": (["video"], "large"),
        "poster": (["thumbnail", "feature", "hero"], "small"),
        "media": (["feature", "hero", "thumbnail"], "medium"),
    }
    logo = schema["x-media-slots"]["logos[]"]
    assert logo["path"] == "logos[]"
    assert "portrait" in logo["disallowedRoles"]
    assert logo["required"] is False
    assert "logo" in schema["x-media-slots"]["members[].photo"]["disallowedRoles"]
    assert schema["x-prop-constraints"]["gallery"] == {"maxItems": 12}, "galleries get a higher floor"
    assert schema["x-requires-site-capabilities"] == [  # no photo here is required: no media_library
        "logos",
        "reviews_or_testimonials",
        "team_members",
        "video",
    ]


def test_a_required_media_prop_makes_a_required_slot_and_one_site_logo_needs_no_capability():
    gallery = contract_of("<Gallery images={[{ src: '/1.jpg', alt: 'One' }]} />")
    assert gallery["x-media-slots"]["images[]"]["required"] is True
    navbar = contract_of("<Nav logo={{ src: '/logo.svg', alt: 'Us' }} menuItems={[{ label: 'Home', href: '/' }]} />")
    assert slot_roles(navbar) == {"logo": (["logo"], "small")}
    assert navbar["x-requires-site-capabilities"] == []


@pytest.mark.parametrize(
    ("category", "component_id", "jsx", "capabilities"),
    [
        ("testimonials", "quotes-wall", "<A title='Said about us' />", ["reviews_or_testimonials"]),
        ("cta", "case-study", "<A quote='It worked.' author={{ name: 'Jo' }} />", ["reviews_or_testimonials"]),
        ("about", "reviews-strip", "<A reviews={[{ text: 'Great', rating: 5 }]} />", ["reviews_or_testimonials"]),
        ("team", "people-grid", "<A title='Team' />", ["team_members"]),
        ("about", "join-cta", "<A title='Join' teamCta={{ label: 'Meet us', href: '/team' }} />", []),
        ("about", "company", "<A teamMembers={[{ name: 'Ann' }]} />", ["team_members"]),
        ("about", "company", "<A achievements={[{ label: 'Sites', value: '300+' }]} />", ["stats_or_metrics"]),
        ("features", "numbers", "<A stats={[{ value: '99%', label: 'Uptime' }]} />", ["stats_or_metrics"]),
        ("about", "profile", "<A companies={['Acme', 'Globex']} />", ["logos"]),
        ("hero", "launch", "<A plans={[{ name: 'Pro', price: '$9' }]} />", ["pricing_plans"]),
        ("pricing", "table", "<A title='Prices' />", ["pricing_plans"]),
        ("blog", "latest", "<A title='News' />", ["blog_posts"]),
        ("resource-list", "latest", "<A articles={[{ title: 'A' }]} />", ["blog_posts"]),
        ("about", "careers", "<A jobs={[{ title: 'Chef', location: 'Leeds' }]} />", ["job_openings"]),
        ("contact", "visit", "<A address='1 Main St' hoursSections={[{ label: 'Mon' }]} />",
         ["location_address", "opening_hours"]),
        ("contact", "reach", "<A phone='555 0100' email='hi@example.com' />", ["contact_details"]),
        ("about", "story", "<A milestones={[{ year: '2019', title: 'Founded' }]} />", ["history_milestones"]),
        ("hero", "hero-stats-social-proof", "<HeroStatsSocialProof />", ["stats_or_metrics"]),
        ("hero", "hero-therapy-testimonial-grid", "<A />", ["reviews_or_testimonials"]),
        ("faq", "faq-accordion", "<A items={[{ question: 'Q', answer: 'A' }]} />", []),
        ("hero", "hero-plain", "<A title='Hi' showAvatars={true} rating={5} />", []),
    ],
)  # fmt: skip
def test_site_capabilities_from_category_id_and_prop_names(category, component_id, jsx, capabilities):
    assert contract_of(jsx, category, component_id)["x-requires-site-capabilities"] == capabilities


# --- contract-bundle entries override inference -------------------------------------------------------------------


def test_a_bundle_entrys_stated_requirements_and_example_win_over_inference():
    bundle = contract_block(
        "sample-block",
        "about",
        examples={"exampleProps": {"title": "Bundle title", "items": [{"title": "One", "photo": "/p.jpg"}]}},
        usageRequirements={
            "requiredProps": ["title", "items"],
            "propConstraints": {"title": {"required": True, "maxLength": 50}},
            "mediaSlots": {"items[].photo": {"path": "items[].photo", "roles": ["portrait"]}},
            "requiresSiteCapabilities": ["team_members"],
            "notes": ["Real people only."],
        },
    )
    schema = contract_of('<A title="Export title" logos={["/a.svg"]} />', contracts={"sample-block": bundle})

    assert schema["x-required-props"] == ["title", "items"]
    assert schema["x-prop-constraints"] == {"title": {"required": True, "maxLength": 50}}
    assert schema["x-media-slots"] == {"items[].photo": {"path": "items[].photo", "roles": ["portrait"]}}
    assert schema["x-requires-site-capabilities"] == ["team_members"]
    assert schema["x-example-props"]["title"] == "Bundle title"
    assert schema["x-usage-notes"] == ["Keep it short.", "Real people only."]
    assert schema["x-contract-source"] == "inferred+contract-bundle"
    assert schema["x-block-name"] == "SampleBlock"
    assert schema["x-example-usage"].startswith("<A ")
    Draft202012Validator.check_schema(schema)
    assert Draft202012Validator(schema).is_valid(schema["x-example-props"])


def test_what_a_bundle_entry_does_not_state_is_still_inferred():
    bundle = {"componentId": "sample-block", "usageRequirements": {"requiresSiteCapabilities": ["logos"]}}
    schema = contract_of('<A title="Export title" logos={["/a.svg"]} />', contracts={"sample-block": bundle})

    assert schema["x-requires-site-capabilities"] == ["logos"]
    assert schema["x-required-props"] == ["title"], "inferred"
    assert schema["x-media-slots"]["logos[]"]["roles"] == ["logo"], "inferred"
    assert schema["x-example-props"] == {"title": "Export title", "logos": ["/a.svg"]}, "the export's example"
    assert schema["x-prop-constraints"]["title"] == {"required": True, "maxLength": 80}


def test_contract_overrides_come_from_a_bundle_file_and_only_apply_to_an_export(registry_files):
    bundle_path = registry_files.contract([contract_block("sample-block", "about")])
    overrides = load_contract_overrides(bundle_path)
    assert list(overrides) == ["sample-block"]
    record = load_registry_file(registry_files.export([export_block("sample-block", "about")]), contracts=overrides)
    assert record.records[0].props_schema["x-required-props"] == ["title"]
    with pytest.raises(RegistryFileError, match="apply to a registry export only"):
        load_registry_file(bundle_path, contracts=overrides)
    with pytest.raises(RegistryFileError, match="is not a builder contract bundle"):
        load_contract_overrides(registry_files.export([export_block("sample-block")]))


# --- the real @opensite/ui export ---------------------------------------------------------------------------------


@cache
def real_records() -> dict:
    return {r.component_id: r for r in load_registry_file(OPENSITE / "registry-export.json").records}


@needs_opensite
def test_every_real_export_block_with_example_props_gets_a_non_empty_valid_contract():
    records = real_records()
    assert len(records) == 605
    without_props = []
    for component_id, record in records.items():
        schema = record.props_schema
        Draft202012Validator.check_schema(schema)
        assert Draft202012Validator(schema).is_valid(schema["x-example-props"]), component_id
        assert schema["x-example-props"] == record.example.props, component_id
        if not record.example.props:
            without_props.append(component_id)
            continue
        assert schema["properties"], component_id
        assert schema["x-required-props"], component_id
        assert set(schema["x-required-props"]) <= set(schema["x-example-props"]), component_id
    # These examples are a bare ``<Block />``: nothing to infer, so the contract says nothing and the offline
    # planner (which needs example props) leaves them alone rather than guessing their props.
    print(f"{len(without_props)} export blocks set no props in their example")
    assert len(without_props) == 96
    assert all(not records[cid].props_schema["properties"] for cid in without_props)


@needs_opensite
def test_named_real_contracts():
    records = real_records()
    team = records["team-media-showcase"].props_schema
    assert team["x-required-props"] == ["items"]
    assert slot_roles(team) == {"items[].imageSrc": (PORTRAIT, "medium")}
    assert team["x-requires-site-capabilities"] == ["team_members"], "its portraits are optional"
    logos = records["logos-two-row-grid"].props_schema
    assert slot_roles(logos) == {"companies[].logo": (["logo"], "small")}
    assert logos["x-requires-site-capabilities"] == ["logos"]
    banner = records["banner-countdown-sale"]
    assert banner.example.status != FULL
    assert banner.props_schema["x-non-literal-props"] == ["endTime"]
    assert records["faq-centered-accordion"].props_schema["x-prop-constraints"]["heading"]["maxLength"] == 80


@needs_opensite
def test_the_contract_sample_overrides_the_real_export():
    bundle = load_contract_overrides(OPENSITE / "contract-sample.json")
    records = {
        r.component_id: r for r in load_registry_file(OPENSITE / "registry-export.json", contracts=bundle).records
    }
    assert len(bundle) == 14
    for component_id, block in bundle.items():
        schema, stated = records[component_id].props_schema, block["usageRequirements"]
        assert schema["x-required-props"] == stated["requiredProps"], component_id
        assert schema["x-prop-constraints"] == stated["propConstraints"], component_id
        assert schema["x-media-slots"] == stated["mediaSlots"], component_id
        assert schema["x-requires-site-capabilities"] == stated["requiresSiteCapabilities"], component_id
        assert schema["x-example-props"] == block["examples"]["exampleProps"], component_id
        assert Draft202012Validator(schema).is_valid(schema["x-example-props"]), component_id


# --- sync: the parse outcome, the counts and a curator's correction -----------------------------------------------


EXAMPLES = {
    "sample-full": '<SampleFull title="Hello" items={[{ label: "One" }]} />',
    "sample-partial": '<SamplePartial title="Hello" onDismiss={() => close()} />',
    "sample-failed": '<SampleFailed title="Hello"',
}


def export_file(registry_files, **changes) -> Path:
    blocks = [export_block(cid, "about", exampleUsage=changes.get(cid, jsx)) for cid, jsx in EXAMPLES.items()]
    return registry_files.export(blocks)


@pytest.mark.django_db
def test_sync_stores_each_examples_outcome_and_counts_them(registry_files):
    report = sync_registry(load_registry_file(export_file(registry_files)))

    assert report.example_counts() == {"parsed fully": 1, "partly": 1, "not at all": 1}
    assert [(cid, status) for cid, status, _ in report.example_problems] == [
        ("sample-partial", "partial"),
        ("sample-failed", "failed"),
    ]
    states = {s.component_id: s for s in ComponentSyncState.objects.filter(component_id__in=EXAMPLES)}
    assert (states["sample-full"].example_status, states["sample-full"].example_reason) == ("full", "")
    assert states["sample-partial"].example_status == "partial"
    assert states["sample-partial"].example_reason == "not literal: onDismiss (function)"
    assert states["sample-partial"].non_literal_paths == ["onDismiss"]
    assert states["sample-failed"].example_status == "failed"
    assert states["sample-failed"].example_reason.startswith("syntax error at line 1, column 1")
    failed = AiSemanticComponent.objects.get(component_id="sample-failed")
    assert failed.props_schema["x-example-props"] == {}, "still synced"
    assert failed.npm_package == SYNTHETIC_PACKAGE, "still synced"


@pytest.mark.django_db
def test_the_command_prints_the_example_counts_and_names_unreadable_examples(registry_files):
    path = export_file(registry_files)
    out, err = StringIO(), StringIO()

    call_command("sync_registry", str(path), stdout=out, stderr=err)

    assert "JSX examples: parsed fully 1, partly 1, not at all 1." in out.getvalue()
    assert "example of sample-failed not parsed: syntax error at line 1, column 1" in err.getvalue()
    assert "sample-partial" not in err.getvalue(), "partial ones only with -v 2"
    err = StringIO()
    call_command("sync_registry", str(path), "-v", "2", stdout=StringIO(), stderr=err)
    assert "example of sample-partial parsed partly: not literal: onDismiss (function)" in err.getvalue()


@pytest.mark.django_db
def test_the_command_applies_a_contract_bundle(registry_files):
    bundle = registry_files.contract([contract_block("sample-full", "about")])
    out = StringIO()

    call_command("sync_registry", str(export_file(registry_files)), "--contracts", str(bundle), stdout=out)

    schema = AiSemanticComponent.objects.get(component_id="sample-full").props_schema
    assert schema["x-contract-source"] == "inferred+contract-bundle"
    assert schema["x-prop-constraints"]["title"] == {"required": True, "maxLength": 60}


def _correct_in_admin(client, component_id: str) -> dict:
    """What a curator does: open the component in admin, tighten its contract, save."""
    component = AiSemanticComponent.objects.get(component_id=component_id)
    schema = json.loads(json.dumps(component.props_schema))
    schema["x-required-props"] = ["title", "items"]
    schema["x-prop-constraints"]["title"]["maxLength"] = 25
    schema["x-requires-site-capabilities"] = ["team_members"]
    url = f"/admin/registry/aisemanticcomponent/{component.pk}/change/"
    data = {
        "display_name": component.display_name,
        "category": component.category,
        "semantic_type": component.semantic_type,
        "version": component.version,
        "semantic_tags": ", ".join(component.semantic_tags),
        "description": component.description or "",
        "props_schema": json.dumps(schema),
        "context_adapters": "{}",
        "data_capabilities": "{}",
        "npm_package": component.npm_package,
        "import_path": component.import_path,
        "_save": "Save",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return schema


@pytest.mark.django_db
def test_a_curators_contract_correction_survives_resyncs(registry_files, client_for, superuser):
    path = export_file(registry_files)
    sync_registry(load_registry_file(path))
    corrected = _correct_in_admin(client_for(superuser), "sample-full")

    sync_registry(load_registry_file(path))
    assert AiSemanticComponent.objects.get(component_id="sample-full").props_schema == corrected, "same file"

    changed = export_file(registry_files, **{"sample-full": '<SampleFull title="Hello again, much longer" />'})
    report = sync_registry(load_registry_file(changed))
    assert (report.updated, report.unchanged) == (0, 3), "the contract is the only thing that changed"
    assert AiSemanticComponent.objects.get(component_id="sample-full").props_schema == corrected, "changed entry"
    source = ComponentSyncState.objects.get(component_id="sample-full").source_values["props_schema"]
    assert source["x-example-props"] == {"title": "Hello again, much longer"}, "the source's own contract is kept"

    sync_registry(load_registry_file(changed), force_source=True)
    assert AiSemanticComponent.objects.get(component_id="sample-full").props_schema == source


@pytest.mark.django_db
def test_an_uncorrected_contract_follows_the_source(registry_files):
    sync_registry(load_registry_file(export_file(registry_files)))

    sync_registry(load_registry_file(export_file(registry_files, **{"sample-full": '<SampleFull heading="New" />'})))

    schema = AiSemanticComponent.objects.get(component_id="sample-full").props_schema
    assert schema["x-required-props"] == ["heading"]
