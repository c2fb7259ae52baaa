import pytest
from django.core.management import call_command
from django.db import connection

from tests.helpers.processes import manage
from websites.schema_mirror import RAILS_TABLES


def test_refuses_an_external_database_without_touching_it():
    result = manage("bootstrap_schema", DEBUG="true", DATABASE_URL="postgres://rails@db.invalid:5432/production")
    assert result.returncode != 0
    assert "--allow-external" in result.stderr
    assert "nothing was done" in result.stderr


@pytest.mark.django_db
def test_is_idempotent_on_the_embedded_database(capsys):
    call_command("bootstrap_schema")
    call_command("bootstrap_schema")
    assert "8 tables" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tablename = ANY(%s)", [list(RAILS_TABLES)])
        assert cursor.fetchone()[0] == len(RAILS_TABLES)
