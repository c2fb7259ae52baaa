from django.core.management.base import BaseCommand, CommandError

from styleguides.models import WebsiteStyleGuide
from styleguides.services import generate_style_guide
from websites.errors import AppError
from websites.models import Website


class Command(BaseCommand):
    help = "Generate (and store) style guides: for the given websites, or for every website that has none."

    def add_arguments(self, parser):
        parser.add_argument("--website", type=int, action="append", default=[], dest="website_ids", metavar="ID")
        parser.add_argument("--all-missing", action="store_true", help="Every website without a style guide.")
        parser.add_argument("--mood", default=None)
        parser.add_argument("--provider", choices=["offline", "anthropic"], default=None)

    def handle(
        self, *args, website_ids: list[int], all_missing: bool, mood: str | None, provider: str | None, **options
    ):
        if not website_ids and not all_missing:
            raise CommandError("Give --website ID (repeatable) or --all-missing.")
        websites = (
            Website.objects.filter(pk__in=website_ids)
            if website_ids
            else Website.objects.exclude(pk__in=WebsiteStyleGuide.objects.values("website_id"))
        )
        for website in websites:
            try:
                result = generate_style_guide(website, mood=mood, provider=provider)
            except AppError as exc:
                raise CommandError(f"{website}: {exc.message}") from None
            worst = min((row["ratio"] for row in result.contrast_report), default=None)
            self.stdout.write(f"Style guide for {website} ({result.provider}); lowest contrast {worst}:1.")
