from django.core.management.base import BaseCommand, CommandError

from websites.api_clients import api_client_create
from websites.errors import AppError
from websites.models import Website


class Command(BaseCommand):
    help = "Create an API client and print its key once (only a hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument(
            "--website",
            type=int,
            action="append",
            default=[],
            dest="website_ids",
            metavar="ID",
            help="A website the client may act on; repeat for several.",
        )
        parser.add_argument("--all-websites", action="store_true", help="The client may act on every website.")
        parser.add_argument(
            "--may-track-usage",
            action="store_true",
            help="The client may count component usage (the platform's renderer); the counts are shared by all sites.",
        )
        parser.add_argument(
            "--may-publish",
            action="store_true",
            help="The client may publish drafts directly, also on websites that require review (without it, it "
            "submits them for review).",
        )

    def handle(
        self,
        *args,
        name: str,
        website_ids: list[int],
        all_websites: bool,
        may_track_usage: bool,
        may_publish: bool,
        **options,
    ):
        if not website_ids and not all_websites:
            raise CommandError("Give at least one --website ID, or --all-websites.")
        websites = list(Website.objects.filter(pk__in=website_ids))
        missing = sorted(set(website_ids) - {w.pk for w in websites})
        if missing:
            raise CommandError(f"No website with id {', '.join(map(str, missing))}.")
        try:
            client, key = api_client_create(
                name=name,
                websites=websites,
                all_websites=all_websites,
                may_track_usage=may_track_usage,
                may_publish=may_publish,
            )
        except AppError as exc:
            raise CommandError(exc.message) from exc
        scope = "all websites" if all_websites else ", ".join(w.name for w in websites)
        publishing = "may publish directly" if client.may_publish else "submits drafts for review (may not publish)"
        self.stdout.write(self.style.SUCCESS(f"Created API client {client.name!r} for {scope}; it {publishing}."))
        self.stdout.write("Its key (shown only now; store it safely):")
        self.stdout.write(key)
