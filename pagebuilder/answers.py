"""Answering a generation that stopped to ask for data (``questions``): each answer is read like any facts
(``fact_extraction``), the facts of the kind asked for are saved to the site (an answer to the builder's own
question is the editor's confirmation), and the task goes back to the queue with the answer in its context.
Or the editor says to build the page without those sections (``skip``)."""

from dataclasses import dataclass

from django.db import transaction

from monitoring.budgets import ensure_within_budget
from pagebuilder.fact_extraction import describe
from pagebuilder.fact_extraction.found import Extraction
from pagebuilder.fact_reading import read_facts
from pagebuilder.stored_facts import stored_facts
from pagebuilder.tasks import enqueue_after_commit
from websites import jobs
from websites.errors import Conflict, InvalidInput
from websites.fact_kinds import KINDS
from websites.models import AiTask, SiteFact, Website
from websites.site_facts import save_found

ANSWER_MAX = 2000
CONTEXT_MAX = 10000


@dataclass(frozen=True)
class Answered:
    task: AiTask
    found: str  # what was understood, for the chat ("I found 2 prices: …")


def waiting_questions(task: AiTask) -> list[dict]:
    """The questions a task waits on; Conflict when it is not waiting for answers."""
    if task.public_status != "needs_input":
        raise Conflict(f"Task {task.pk} is not waiting for answers (its status is {task.public_status}).")
    return list((task.result or {}).get("questions") or [])


def answer_task(task: AiTask, answers: list[dict] | None = None, *, skip: bool = False) -> Answered:
    """Continue ``task`` with ``answers`` ([{question_id, answer}]) or without the sections asked about. A Claude
    generation that would pass the website's monthly AI budget is refused (402) before its answers are read."""
    questions = {q["id"]: q for q in waiting_questions(task)}
    request = dict(task.input or {})
    website = Website.objects.get(pk=task.website_id)
    ensure_within_budget(website, "generation", provider=request.get("provider"))
    if skip:
        request["skip_sections"] = sorted({*request.get("skip_sections", []), *questions})
        return _requeue(task, request, "Building the page without those sections", "")
    texts = _answer_texts(answers, questions)
    found = []
    for question_id, text in texts.items():
        extraction = read_facts(text, request.get("provider"), website=website).extraction
        accepted = set(questions[question_id]["capabilities"])
        answered = any(KINDS[fact.kind].capability in accepted for fact in extraction.facts)
        if not answered and not accepted & stored_facts(website).capabilities():  # e.g. added on the facts page
            kind = KINDS[questions[question_id]["kind"]]
            raise InvalidInput(
                f"I could not find {kind.plural} in your answer to “{questions[question_id]['text']}” Write them "
                f"like this: {kind.example}"
            )
        found += extraction.facts
    context = "\n".join(filter(None, [request.get("additional_context") or "", *texts.values()]))
    request["additional_context"] = context[-CONTEXT_MAX:]
    with transaction.atomic():
        save_found(website, [(f.kind, f.data) for f in found], source=SiteFact.Source.CONFIRMED)
        return _requeue(task, request, "Building the page with your answers", describe(Extraction(tuple(found), "")))


def _answer_texts(answers: list[dict] | None, questions: dict[str, dict]) -> dict[str, str]:
    if not answers:
        raise InvalidInput('Send answers ([{"question_id": …, "answer": …}]) or {"skip": true}.')
    texts: dict[str, str] = {}
    for entry in answers:
        question_id = str(entry.get("question_id") or "")
        text = " ".join(str(entry.get("answer") or "").split())
        if question_id not in questions:
            raise InvalidInput(f"This task asked no question {question_id!r}; its questions: {', '.join(questions)}.")
        if not text or len(text) > ANSWER_MAX:
            raise InvalidInput(f"The answer to {question_id!r} must be 1 to {ANSWER_MAX} characters.")
        texts[question_id] = text
    return texts


def _requeue(task: AiTask, request: dict, message: str, found: str) -> Answered:
    with transaction.atomic():
        if not jobs.requeue(task, request, message):
            raise Conflict(f"Task {task.pk} was answered already.")
        enqueue_after_commit(task.pk)
    return Answered(task, found)
