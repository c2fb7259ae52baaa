"""The unmanaged models and websites/rails_schema.sql describe the same columns, so neither can drift."""

import re

import pytest
from django.apps import apps
from django.db import connection

from websites.schema_mirror import RAILS_TABLES

pytestmark = pytest.mark.django_db

_SYNONYMS = {"varchar": "character varying", "bigserial": "bigint", "serial": "integer"}


def _normalise(db_type: str) -> str:
    db_type = re.sub(r"\s+", "", db_type.lower())
    for short, long in _SYNONYMS.items():
        if db_type.startswith(short):
            db_type = long.replace(" ", "") + db_type[len(short) :]
    return db_type


def _database_columns(table: str) -> dict[str, tuple[str, bool]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
               FROM pg_attribute a WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped""",
            [table],
        )
        return {name: (_normalise(type_), nullable) for name, type_, nullable in cursor.fetchall()}


def _unmanaged_models():
    return {m._meta.db_table: m for m in apps.get_models() if not m._meta.managed}


def test_every_rails_table_has_exactly_one_unmanaged_model():
    assert sorted(_unmanaged_models()) == sorted(RAILS_TABLES)


@pytest.mark.parametrize("table", RAILS_TABLES)
def test_model_fields_match_mirror_columns(table):
    model = _unmanaged_models()[table]
    columns = _database_columns(table)
    fields = {f.column: f for f in model._meta.concrete_fields}
    assert set(fields) == set(columns), f"{table}: model and mirror disagree on columns"
    for column, field in fields.items():
        db_type, nullable = columns[column]
        model_type = field.rel_db_type(connection) if field.primary_key else field.db_type(connection)
        if field.is_relation:
            model_type = field.target_field.rel_db_type(connection)
        assert _normalise(model_type) == db_type, f"{table}.{column}: {model_type} vs {db_type}"
        assert field.null == nullable, f"{table}.{column}: null={field.null} but column nullable={nullable}"


def test_mirror_has_the_vector_and_tag_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'ai_semantic_components'")
        definitions = " ".join(row[0] for row in cursor.fetchall())
    assert "USING hnsw (embedding vector_cosine_ops)" in definitions
    assert "USING gin (semantic_tags)" in definitions


def test_unmanaged_models_declare_their_ownership():
    for model in _unmanaged_models().values():
        assert model._meta.managed is False
        assert model._meta.ordering, f"{model.__name__} has no default ordering"
