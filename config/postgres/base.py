"""PostgreSQL backend that gives every test database the Rails-owned tables before migrations run.

Django-owned tables reference Rails-owned ones (an API client's websites, a membership's website), so
the mirror in ``websites/rails_schema.sql`` must exist before ``migrate``. Only test database creation is
changed; a production database is never touched by this hook.
"""

import psycopg
from django.db.backends.postgresql import base, creation

from websites.schema_mirror import apply_rails_schema


class DatabaseCreation(creation.DatabaseCreation):
    def _create_test_db(self, verbosity, autoclobber, keepdb=False):
        test_database_name = super()._create_test_db(verbosity, autoclobber, keepdb)
        params = {**self.connection.get_connection_params(), "dbname": test_database_name}
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params, autocommit=True) as conn, conn.cursor() as cursor:
            apply_rails_schema(cursor)
        return test_database_name


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
