"""Property-based test of the whole API against its own OpenAPI document (schemathesis, in process over WSGI).

Every operation is called with generated requests, valid and invalid, authenticated as a client of a real
website with a style guide and a page. Each answer must be no server error, a status the operation documents,
the documented content type, and a body that matches the documented schema. Examples per operation are bounded
so the whole run stays well under two minutes; the generation rate limit is raised so that 429 does not hide
what a generation request would otherwise answer.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from styleguides.services import generate_style_guide
from tests.helpers.generation import generate

EXAMPLES_PER_OPERATION = 40


def no_server_error(ctx, response, case) -> None:
    """schemathesis's not_a_server_error, except for a 503 the operation documents: with no Claude key, asking
    for provider=anthropic is answered 503 "Claude is not configured", which is the truth, not a crash."""
    documented = case.operation.responses.find_by_status_code(response.status_code) is not None
    if response.status_code == 503 and documented:
        assert response.json()["code"] == "service_unavailable"
        return
    not_a_server_error(ctx, response, case)


CHECKS = [no_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def one_connection():
    """Keep the test's database connection open across requests, as Django's test Client does: the WSGI
    handler's request signals would otherwise close it, and with it the test's transaction."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def tenant(one_connection, crumb, api_key_for, settings) -> dict:
    """A demo website with a style guide and a generated page, and a key that may act on it."""
    settings.GENERATION_RATE_LIMIT_PER_MINUTE = 100_000
    generate_style_guide(crumb, provider="offline")
    generate(crumb, "An about page for our bakery", "about")
    return {"website_id": crumb.pk, "key": api_key_for(crumb, may_track_usage=True)}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_operation_answers_outside_its_documentation(case, tenant):
    # Aim half the cases at the tenant's own website, so they reach the handler instead of stopping at 404.
    if "website_id" in case.path_parameters and hash(repr(case.body)) % 2 == 0:
        case.path_parameters["website_id"] = tenant["website_id"]
    case.call_and_validate(headers={"Authorization": f"Bearer {tenant['key']}"}, checks=CHECKS)
