"""What /api/v1/health reports: the database, pgvector, the background workers, firing alerts and the providers
in use."""

import logging
import time

from django.conf import settings
from django.db import DatabaseError, connection

from monitoring.alerts import firing_alerts

logger = logging.getLogger(__name__)


def database_status() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            row = cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("health: database unreachable: %s", exc)
        return {"ok": False, "error": "The database is unreachable.", "pgvector": None}
    return {
        "ok": True,
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
        "embedded": settings.EMBEDDED_DATABASE,
        "pgvector": row[0] if row else None,
    }


def worker_status() -> dict:
    """django-q2 clusters that reported a heartbeat in the last few seconds (they expire on their own)."""
    from django_q.status import Stat

    try:
        clusters = Stat.get_all()
    except Exception as exc:  # the heartbeat store is a cache; its failure must not fail the health check
        logger.warning("health: cannot read worker heartbeats: %s", exc)
        return {"ok": False, "clusters": 0, "error": "Worker heartbeats cannot be read."}
    return {
        "ok": bool(clusters),
        "clusters": len(clusters),
        "workers": sum(len(stat.workers) for stat in clusters),
        "broker": "redis" if settings.REDIS_URL else "orm",
    }


def providers_status() -> dict:
    return {
        "llm": settings.LLM_PROVIDER,
        "embeddings": settings.EMBEDDING_PROVIDER,
        "anthropic_configured": bool(settings.ANTHROPIC_API_KEY),
        "voyage_configured": bool(settings.VOYAGE_API_KEY),
    }


def alerts_status() -> list[dict]:
    """The alerts firing now (monitoring.alerts keeps them up to date every minute)."""
    return [
        {"name": a.name, "since": a.since.isoformat() if a.since else None, "detail": a.detail} for a in firing_alerts()
    ]


def degraded_reasons(database: dict, worker: dict, alerts: list[dict]) -> list[str]:
    reasons = [] if database["pgvector"] else ["pgvector is not installed in the database."]
    if not worker["ok"]:
        reasons.append(worker.get("error") or "No background worker is running (start `manage.py qcluster`).")
    return reasons + [f"Alert {a['name']}: {a['detail']}" for a in alerts]


def health_report() -> dict:
    """``down`` (HTTP 503) only when the database is unreachable; ``degraded`` with the reasons when something
    needs attention (no pgvector, no worker, a firing alert); else ``ok``."""
    database = database_status()
    if not database["ok"]:
        worker, alerts, reasons = {"ok": False, "clusters": 0}, [], [database["error"]]
    else:
        worker, alerts = worker_status(), alerts_status()
        reasons = degraded_reasons(database, worker, alerts)
    status = "down" if not database["ok"] else "degraded" if reasons else "ok"
    return {
        "status": status,
        "reasons": reasons,
        "database": database,
        "pgvector": {"ok": bool(database.get("pgvector")), "version": database.get("pgvector")},
        "worker": worker,
        "alerts": alerts,
        "providers": providers_status(),
    }
