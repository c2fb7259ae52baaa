"""Cold sync of the real 605-block export (empty registry, every vector computed) and a warm resync."""

from pathlib import Path

from django.core.management import call_command
from django.db import connection

from registry.formats import load_registry_file
from registry.models import AiSemanticComponent, ComponentSyncState
from registry.sync import sync_registry
from websites.schema_mirror import apply_rails_schema


def prepare_database() -> None:
    with connection.cursor() as cursor:
        apply_rails_schema(cursor)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def run(export: Path) -> dict:
    prepare_database()
    AiSemanticComponent.objects.all().delete()
    ComponentSyncState.objects.all().delete()
    parsed = load_registry_file(export)
    cold = sync_registry(parsed)
    warm = sync_registry(load_registry_file(export))
    print(f"cold sync: {cold.counts()}\nwarm resync: {warm.counts()}")
    return {"blocks": len(parsed.records), "cold": cold.counts(), "warm": warm.counts()}
