import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.formats import RegistryFileError, load_contract_overrides, load_registry_file
from registry.sync import SyncReport, sync_registry
from websites.errors import AppError


class Command(BaseCommand):
    help = (
        "Sync the component registry from a registry file (plan registry.json, @opensite/ui registry-export.json "
        "or builder-contract-bundle.json). Unchanged components are neither written nor re-embedded."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=["auto", "plan", "export", "contract"], default="auto")
        parser.add_argument("--reembed", action="store_true", help="Recompute every embedding.")
        parser.add_argument("--prune", action="store_true", help="Deprecate components missing from the file.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument(
            "--force-source", action="store_true", help="Let the file overwrite curators' edits made in admin."
        )
        parser.add_argument(
            "--contracts",
            type=Path,
            metavar="BUNDLE",
            help="A builder-contract-bundle.json whose stated requirements replace those inferred for an export.",
        )

    def handle(
        self,
        *args,
        path: Path,
        format: str,
        reembed: bool,
        prune: bool,
        dry_run: bool,
        force_source: bool,
        contracts: Path | None,
        **options,
    ):
        try:
            overrides = load_contract_overrides(contracts) if contracts else None
            parsed = load_registry_file(path, format, contracts=overrides)
            report = sync_registry(
                parsed,
                reembed=reembed,
                prune=prune,
                dry_run=dry_run,
                force_source=force_source,
                progress=self._progress,
            )
        except (RegistryFileError, AppError) as exc:
            raise CommandError(str(exc)) from None
        self._summarise(report, path, verbosity=options.get("verbosity", 1))
        if report.skipped:
            raise CommandError(f"{len(report.skipped)} entries were skipped; fix them in {path} and sync again.")

    def _progress(self, stage: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        bar = f"\r{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        self.stderr.write(bar, ending=end)
        self.stderr.flush()

    def _summarise(self, report: SyncReport, path: Path, *, verbosity: int) -> None:
        self._examples(report, verbosity)
        for entry in report.skipped:
            label = f" ({entry.component_id})" if entry.component_id else ""
            self.stderr.write(self.style.WARNING(f"skipped entry {entry.index}{label}: {entry.reason}"))
        prefix = "Dry run, nothing written: would have " if report.dry_run else ""
        counts = ", ".join(f"{name} {value}" for name, value in report.counts().items())
        self.stdout.write(f"{prefix}synced {path} ({report.format} format): {counts}.")
        if report.missing_from_file and not report.deprecated:
            self.stdout.write(
                f"{report.missing_from_file} components are no longer in the file; pass --prune to deprecate them."
            )
        sys.stdout.flush()

    def _examples(self, report: SyncReport, verbosity: int) -> None:
        """How the export's JSX examples were read; every unreadable one, and with -v 2 every partial one."""
        if not report.examples:
            return
        for component_id, status, reason in report.example_problems:
            if status == "failed" or verbosity >= 2:
                style = self.style.WARNING if status == "failed" else self.style.NOTICE
                how = "not parsed" if status == "failed" else "parsed partly"
                self.stderr.write(style(f"example of {component_id} {how}: {reason}"))
        counts = ", ".join(f"{name} {value}" for name, value in report.example_counts().items())
        self.stdout.write(f"JSX examples: {counts}.")
