"""``seed_demo``: load the demo tenants and development logins (see ``pagebuilder/demo.py``)."""

from django.core.management.base import BaseCommand, CommandError

from pagebuilder.demo import seed_demo
from websites.errors import AppError


class Command(BaseCommand):
    help = (
        "Create or refresh two demo websites (a bakery and a dental clinic) with brand guides, SEO keywords "
        "and media, the development logins editor/editor, curator/curator and admin/admin, and an API client "
        "named 'demo'. Idempotent. Refuses unless DEBUG is on."
    )

    def handle(self, *args, **options):
        try:
            result = seed_demo(stdout=self.stdout)
        except AppError as exc:
            raise CommandError(exc.message) from exc
        sites = ", ".join(f"{name} (id {pk})" for pk, name in result.websites)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(result.websites)} websites: {sites}."))
        self.stdout.write(
            f"{result.brand_guides} brand guides, {result.keywords} keywords, {result.media} media records, "
            f"{result.memberships} memberships."
        )
        created = f" (created now: {', '.join(result.users_created)})" if result.users_created else ""
        self.stdout.write(f"Users: {', '.join(result.users)}{created}; each password equals the username.")
        if result.api_key:
            self.stdout.write(self.style.SUCCESS("Created API client 'demo' for both demo websites. Its key:"))
            self.stdout.write(result.api_key)
            self.stdout.write("This key will not be shown again; store it now (only a hash is kept).")
        else:
            ids = " ".join(f"--website {pk}" for pk, _ in result.websites)
            self.stdout.write(
                "API client 'demo' already exists; its key cannot be shown again. To get a new key, create "
                f"another client: python manage.py create_api_client NAME {ids}"
            )
