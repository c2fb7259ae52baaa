"""Generate a page in-process (no worker needed): the same phases as the API, with a progress bar."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from pagebuilder.models import GENERATION_TASK_TYPE
from pagebuilder.playbooks import PLAYBOOKS_BY_TYPE, detect_page_type
from pagebuilder.providers import PROVIDER_NAMES, get_provider
from pagebuilder.services import GenerationInput
from pagebuilder.workflow import PHASES, run_task
from websites import jobs
from websites.errors import AppError
from websites.models import AiTask, Website

PHASE_ORDER = [*PHASES, "completed"]


class Command(BaseCommand):
    help = "Generate a page for a website with the offline planner or Claude, and print its summary and payload."

    def add_arguments(self, parser):
        parser.add_argument("--website", required=True, help="Website id, domain or subdomain.")
        parser.add_argument("--intent", required=True, help='What the page is for, e.g. "an about page".')
        parser.add_argument("--slug", help="Page slug (default: from the detected page type, e.g. 'about').")
        parser.add_argument("--provider", choices=PROVIDER_NAMES, help="Default: the LLM_PROVIDER setting.")
        parser.add_argument("--context", default="", help="Additional context: facts, one per line.")
        parser.add_argument("--context-file", type=Path, help="Read the additional context from this file.")
        parser.add_argument("--publish", action="store_true", help="Publish to page_categories when done.")
        parser.add_argument("--out", type=Path, help="Write the design payload to this file as JSON.")
        parser.add_argument("--quiet", action="store_true", help="Print the summary only, not the payload.")

    def handle(self, *args, **options):
        website = self._website(options["website"])
        context = options["context"]
        if options["context_file"]:
            context = options["context_file"].read_text(encoding="utf-8")
        slug = options["slug"] or PLAYBOOKS_BY_TYPE[detect_page_type(options["intent"]).page_type].slugs[0]
        try:
            request = GenerationInput(
                page_intent=options["intent"],
                page_category_slug=slug,
                additional_context=context,
                publish=options["publish"],
                provider=options["provider"],
            ).cleaned()
            provider = get_provider(request.provider)
        except AppError as error:
            raise CommandError(error.message) from None
        task = jobs.create_task(
            task_type=GENERATION_TASK_TYPE,
            website_id=website.pk,
            input=dict(request.__dict__),
            message="Started from the CLI",
        )
        task = jobs.claim(task.pk)
        run_task(task, provider=provider, progress=self._progress)
        if task.status != AiTask.Status.COMPLETED:
            raise CommandError(f"Generation failed: {task.error}")
        self._progress("completed", 100, task.message or "Done")
        self._summarise(website, task.result)
        payload = task.result["design_payload"]
        if options["out"]:
            options["out"].write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
            self.stdout.write(f"Payload written to {options['out']}")
        elif not options["quiet"]:
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))

    def _website(self, value: str) -> Website:
        lookup = Q(domain=value) | Q(subdomain=value)
        if value.isdigit():
            lookup |= Q(pk=int(value))
        website = Website.objects.filter(lookup).first()
        if website is None:
            raise CommandError(f"No website has id, domain or subdomain {value!r}.")
        return website

    def _progress(self, phase: str, progress: int, message: str) -> None:
        width = 30
        filled = width * progress // 100
        step = PHASE_ORDER.index(phase) + 1 if phase in PHASE_ORDER else 0
        line = (
            f"\r[{'#' * filled}{'.' * (width - filled)}] {progress:3d}% {step}/{len(PHASE_ORDER)} {phase:<9} {message}"
        )
        self.stderr.write(f"{line[:150]:<150}", ending="\n" if phase == "completed" else "")
        self.stderr.flush()

    def _summarise(self, website: Website, result: dict) -> None:
        out = self.stdout.write
        out(f"\n{result['page_title']} — /{result['page_category_slug']} on {website.name}")
        out(f"Page type: {result['page_type']}; provider: {result['provider']}; {result['duration_ms']} ms")
        for index, section in enumerate(result["sections"], 1):
            out(f"  {index}. {section['semantic_type']:<13} {section['component_id']} ({section['block_name']})")
        for dropped in result["dropped_sections"]:
            out(self.style.WARNING(f"  dropped {dropped['component_id']}: {dropped['reasons'][0]}"))
        seo = result["seo_metadata"]
        out(f"SEO title: {seo['title']}\nSEO description: {seo['description']}")
        usage = result["usage"]
        out(f"Tokens: {usage['input_tokens']} in, {usage['output_tokens']} out; cost ${usage['cost_usd']:.4f}")
        for suggestion in result["content_suggestions"]:
            out(f"  suggestion: {suggestion}")
        out(f"Saved as version {result['version_id']}" + (" and published." if result["published"] else " (draft)."))
