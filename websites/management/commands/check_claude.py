"""``manage.py check_claude``: one minimal structured request to each configured Claude model.

It goes through the production seam (``websites.anthropic_client.call_tool``), so it sends exactly the settings
real calls send to that model, and prints per model what was accepted or the API's error. Exit status 0 when
every model answered; 1 when ANTHROPIC_API_KEY is not set (nothing is sent) or any model refused or failed.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from websites import anthropic_client, claude_models
from websites.errors import AppError

SYSTEM = "You check that an API integration works. Answer with the health_check object."
PROMPT = "Reply with ok set to true."
SCHEMA = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
MAX_TOKENS = 64


class Command(BaseCommand):
    help = (
        "Send one minimal structured-output request to ANTHROPIC_MODEL and ANTHROPIC_FAST_MODEL and report what "
        "each accepted or the API's error. Needs ANTHROPIC_API_KEY; exits 1 without it or when a model fails."
    )

    def handle(self, *args, **options) -> None:
        if not settings.ANTHROPIC_API_KEY:
            raise CommandError("ANTHROPIC_API_KEY is not set, so nothing was sent; set it to check the Claude models.")
        models = list(dict.fromkeys([settings.ANTHROPIC_MODEL, settings.ANTHROPIC_FAST_MODEL]))
        failed = [model for model in models if not self._check(model)]
        if failed:
            raise CommandError(f"{len(failed)} of {len(models)} Claude models failed: {', '.join(failed)}.")
        self.stdout.write(self.style.SUCCESS(f"All {len(models)} Claude models accepted the request."))

    def _check(self, model: str) -> bool:
        try:
            call = anthropic_client.call_tool(
                system=SYSTEM,
                stable_context=None,
                prompt=PROMPT,
                tool_name="health_check",
                tool_description="Whether the request worked.",
                input_schema=SCHEMA,
                model=model,
                max_tokens=MAX_TOKENS,
            )
        except AppError as error:
            request_id = (error.details or {}).get("request_id")
            self.stdout.write(self.style.ERROR(f"{model}: FAILED ({sent(model)}): {error.message}"))
            self.stdout.write(f"  request id: {request_id or '-'}")
            return False
        usage = call.usage
        self.stdout.write(self.style.SUCCESS(f"{model}: accepted ({sent(model)}); answer {call.input}"))
        self.stdout.write(
            f"  answered by {call.model}, stop_reason {call.stop_reason}, {usage['input_tokens']} input and "
            f"{usage['output_tokens']} output tokens, ${call.cost_usd:.6f}, request id {call.request_id or '-'}"
        )
        return True


def sent(model: str) -> str:
    """The settings every structured call sends to this model, in words."""
    row = claude_models.contract(model)
    thinking = f"thinking {row.thinking_off['type']}" if row.thinking_off else "no thinking setting"
    listed = "" if row.known else "; not in websites/claude_models.py, so only the safe subset"
    return f"{anthropic_client.VIA_FORMAT} json_schema, {thinking}, no tool_choice, sampling or prefill{listed}"
