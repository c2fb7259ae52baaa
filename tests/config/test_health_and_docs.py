import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_database_pgvector_worker_and_providers(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["pgvector"]["ok"] is True
    assert body["pgvector"]["version"].count(".") == 2
    assert body["providers"] == {
        "llm": "offline",
        "embeddings": "local",
        "anthropic_configured": False,
        "voyage_configured": False,
    }
    assert body["worker"]["ok"] is False
    assert body["worker"]["clusters"] == 0  # no cluster runs in this test
    assert body["status"] == "degraded"


def test_openapi_docs_and_schema_are_served(client):
    assert client.get("/api/v1/docs").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/health" in schema["paths"]
    assert {"ApiKeyBearer", "ApiKeyBasic"} <= set(schema["components"]["securitySchemes"])


def test_home_page_links_admin_and_docs(client):
    html = client.get("/").content.decode()
    assert 'href="/admin/"' in html
    assert 'href="/api/v1/docs"' in html
