"""A generation run in this process as the worker would, and the facts an editor might give for a bakery page."""

from pagebuilder.models import GENERATION_TASK_TYPE
from pagebuilder.workflow import run_task
from websites import jobs
from websites.models import AiTask, Website

FACTS = """\
Testimonial: "The best sourdough in town, and they remember your order." — Jane Doe, regular since 2015 (5 stars)
Testimonial: "Our wedding cake was stunning and tasted even better." — Sam Lee, bride (5 stars)
Testimonial: "Croissants as good as in Paris." — Marc Dubois, weekend customer (4 stars)
Team: Rosa Martin | Owner and head baker
Team: Tomás Ortega | Pastry chef
Team: Lena Fischer | Shop manager
Hours: Monday to Friday | 6:30–18:00
Hours: Saturday | 7:00–14:00
Address: 12 Mill Lane, Springfield, 12345
Phone: +1 555 0100
Email: hello@crumbandco.example
Stat: 3 | generations of bakers
Stat: 36h | sourdough fermentation
Stat: 6:30 | doors open every morning
Stat: 400 | loaves a day
FAQ: Do you bake gluten-free bread? | Yes, every Tuesday and Friday.
FAQ: Can I order a cake? | Call us or drop in; we need a week's notice.
FAQ: Do you deliver? | We deliver to offices within 10 km.
Plan: Bread club | $19 | per month | 4 loaves a month; 10% off pastries
Plan: Family box | $39 | per month | 8 loaves a month; a cake on birthdays
Menu: Breads | Country sourdough | $7 | Slow-fermented for 36 hours
Menu: Breads | Rye loaf | $6 | Dense and dark
Menu: Pastries | Butter croissant | $3 | Local butter, 27 layers
Menu: Pastries | Pain au chocolat | $3.50 | Two bars of dark chocolate
Job: Early-shift baker | Springfield | Full-time | Bakery
Job: Weekend shop assistant | Springfield | Part-time | Shop
Milestone: 1952 | Grandma opened the first shop | A single oven on Mill Lane.
Milestone: 1987 | The wood-fired oven | Built by hand.
Milestone: 2020 | Cakes to order | Celebration cakes join the menu.
"""


def generate(
    website: Website,
    intent: str,
    slug: str,
    *,
    context: str = "",
    publish: bool = False,
    provider=None,
    progress=None,
    extra: dict | None = None,
) -> AiTask:
    """Create, claim and run a generation task in this process, as a worker would; returns the finished task."""
    task = jobs.create_task(
        task_type=GENERATION_TASK_TYPE,
        website_id=website.pk,
        input={
            "page_intent": intent,
            "page_category_slug": slug,
            "additional_context": context,
            "publish": publish,
            "provider": getattr(provider, "name", None) or "offline",
            **(extra or {}),
        },
        message="queued",
    )
    task = jobs.claim(task.pk)
    return run_task(task, provider=provider, progress=progress)


def generate_or_skip(website: Website, intent: str, slug: str, **kwargs) -> tuple[AiTask, list[str]]:
    """``generate``; when the builder stops to ask for data the site lacks, generate again without the sections
    it asked about (as an editor saying "build it without" does). The task, and the sections asked about."""
    task = generate(website, intent, slug, **kwargs)
    if task.public_status != "needs_input":
        return task, []
    asked = sorted(question["id"] for question in task.result["questions"])
    extra = {**(kwargs.pop("extra", None) or {}), "skip_sections": asked}
    return generate(website, intent, slug, extra=extra, **kwargs), asked
