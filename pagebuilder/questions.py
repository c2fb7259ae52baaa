"""Questions instead of hollow pages: when a page type's required section needs data the site lacks (a pricing
page without prices, a team page without people, …), the generation stops and asks for it, one short question
per gap with an example answer, rather than building the page without its point or inventing the data."""

from dataclasses import asdict, dataclass

from pagebuilder.context import WebsiteContext
from pagebuilder.playbooks import Playbook
from websites.errors import AppError
from websites.fact_kinds import KINDS

# The site capabilities a required section needs, and the fact kind that provides each (the first is asked for).
_WANTED = {
    "pricing": (("pricing_plans",), "pricing_plan", "What are your prices?"),
    "team": (("team_members",), "team_member", "Who is on your team, and what does each person do?"),
    "testimonials": (("reviews_or_testimonials",), "testimonial", "Which reviews may the page quote, and by whom?"),
    "careers": (("job_openings",), "job", "Which positions are open?"),
    "menu": (("menu_items",), "menu_item", "What is on your menu, with prices?"),
    "location": (("location_address",), "address", "What is your address?"),
    "contact": (("contact_details", "location_address"), "phone", "How can people reach you: phone, e-mail, address?"),
    "services": (("offerings", "menu_items"), "offering", "What do you offer? Name your main services."),
}  # fmt: skip
# Sections asked about only on the page that is about them: a home page without services is still a home page.
_ONLY_ON = {"services": {"services"}}


@dataclass(frozen=True)
class Question:
    id: str  # the section it unlocks
    text: str
    kind: str  # the fact kind asked for (websites.fact_kinds)
    example: str
    capabilities: tuple[str, ...]  # the site capabilities any of which answers it

    def as_dict(self) -> dict:
        return asdict(self)


class NeedsInput(AppError):
    """A generation that stops to ask; the task waits with status ``needs_input`` and these questions."""

    status, code = 409, "needs_input"

    def __init__(self, questions: list[Question], page_type: str, usage: list | None = None) -> None:
        super().__init__(" ".join(q.text for q in questions), details={"questions": [q.as_dict() for q in questions]})
        self.questions = questions
        self.page_type = page_type
        self.usage = list(usage or [])  # ModelUsage of the calls made before asking (reading the request's facts)


def missing_data_questions(playbook: Playbook, context: WebsiteContext, skipped: set[str]) -> list[Question]:
    """One question per required section of ``playbook`` whose data the site lacks, unless the editor chose to
    build the page without that section (``skipped``)."""
    questions = []
    for section in playbook.sections:
        wanted = _WANTED.get(section.semantic_type)
        if not section.required or wanted is None or section.semantic_type in skipped:
            continue
        if playbook.page_type not in _ONLY_ON.get(section.semantic_type, {playbook.page_type}):
            continue
        capabilities, kind, text = wanted
        if not set(capabilities) & context.capabilities:
            questions.append(Question(section.semantic_type, text, kind, KINDS[kind].example, capabilities))
    return questions


def question_text(questions: list[Question]) -> str:
    """The questions as the chat says them, each with an example answer."""
    lines = [f"{q.text} For example: {q.example}" for q in questions]
    return " ".join(lines) + " Answer here, or say “build it without” and I'll leave that section out."
