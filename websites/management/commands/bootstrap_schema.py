from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from websites.schema_mirror import RAILS_TABLES, apply_rails_schema


class Command(BaseCommand):
    help = (
        "Create the Rails-owned tables (websites/rails_schema.sql) in the embedded development database. "
        "Idempotent. Refuses a database given by DATABASE_URL unless --allow-external is passed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-external",
            action="store_true",
            help="Also apply the mirror to the DATABASE_URL database (only for a disposable database you own).",
        )

    def handle(self, *args, allow_external: bool, **options):
        if not settings.EMBEDDED_DATABASE and not allow_external:
            raise CommandError(
                "DATABASE_URL points at an external database, whose Rails-owned tables only the Rails app may "
                "create or change; nothing was done. Pass --allow-external only for a disposable database "
                "you own."
            )
        with connection.cursor() as cursor:
            apply_rails_schema(cursor)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rails schema mirror in place ({len(RAILS_TABLES)} tables) in database "
                f"{connection.settings_dict['NAME']!r}."
            )
        )
