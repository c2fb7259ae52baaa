"""Monthly AI budgets per website: what a website may spend on Claude in a calendar month (UTC), what it has
spent (the sum of its recorded ``Operation`` costs), when that resets, and the check the entry points run before
any Claude work, so work that would pass the budget is refused (402) before a task is created or a model called.

Only Claude work is checked; offline work costs nothing and is never refused. Requests that run at the same time
each see the spend before the other's cost is recorded, so a budget can be passed by the operations already
running when it is reached: it stops new work, it does not cut off work in flight.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import dateformat, timezone

from monitoring.formatting import usd
from monitoring.models import Operation
from websites.errors import PaymentRequired
from websites.models import Website, WebsitePolicy

CLAUDE = "anthropic"  # the provider name whose work costs money (pagebuilder.providers, styleguides.services)
ESTIMATE_SAMPLE = 50  # completed Claude operations of a kind whose mean cost estimates the next one
# What the next operation of a kind is taken to cost while no completed Claude operation of that kind has been
# recorded. Rounded up from what the default models charge (a generation is a fact reading, research and the
# page structure on Sonnet, often with a repair; an edit, a style guide, a fact reading and a site plan are one
# call each, the fact reading on Haiku), so a website near its budget is stopped a little early rather than late.
DEFAULT_ESTIMATES_USD = {
    Operation.Kind.GENERATION: Decimal("0.05"),
    Operation.Kind.EDIT: Decimal("0.01"),
    Operation.Kind.STYLE_GUIDE: Decimal("0.01"),
    Operation.Kind.FACTS: Decimal("0.005"),
    Operation.Kind.SITE_PLAN: Decimal("0.03"),
    Operation.Kind.SITE_BUILD: Decimal("0.30"),  # six pages' generations
}
WHAT = {
    Operation.Kind.GENERATION: "this generation",
    Operation.Kind.EDIT: "this edit",
    Operation.Kind.STYLE_GUIDE: "this style guide",
    Operation.Kind.FACTS: "reading these facts",
    Operation.Kind.SITE_PLAN: "this site plan",
    Operation.Kind.SITE_BUILD: "this site build",
}
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class BudgetStatus:
    """A website's budget in one calendar month (UTC) and what it has spent of it."""

    budget_usd: Decimal
    spent_usd: Decimal
    month_start: datetime
    resets_at: datetime  # the first instant of the next month (UTC)

    @property
    def resets_on(self) -> date:
        return self.resets_at.date()


def month_bounds(now: datetime | None = None) -> tuple[datetime, datetime]:
    """The first instant of ``now``'s calendar month in UTC and of the month after it."""
    now = (now or timezone.now()).astimezone(UTC)
    start = datetime(now.year, now.month, 1, tzinfo=UTC)
    following = datetime(now.year + 1, 1, 1, tzinfo=UTC) if now.month == 12 else start.replace(month=now.month + 1)
    return start, following


def monthly_budget(website_id: int) -> Decimal:
    """The website's policy's budget, or AI_MONTHLY_BUDGET_USD when it has no policy or the policy sets none."""
    budget = WebsitePolicy.objects.filter(website_id=website_id).values_list("monthly_ai_budget_usd", flat=True).first()
    return Decimal(budget if budget is not None else settings.AI_MONTHLY_BUDGET_USD)


def spent_between(website_id: int, start: datetime, end: datetime) -> Decimal:
    """What the website's recorded operations cost from ``start`` (included) to ``end`` (excluded): one query."""
    total = Operation.objects.filter(website_id=website_id, created_at__gte=start, created_at__lt=end).aggregate(
        total=Sum("cost_usd")
    )["total"]
    return total or Decimal(0)


def budget_status(website_id: int, now: datetime | None = None) -> BudgetStatus:
    """The website's budget and spend in ``now``'s calendar month (default: this month)."""
    start, following = month_bounds(now)
    return BudgetStatus(monthly_budget(website_id), spent_between(website_id, start, following), start, following)


def estimated_cost(kind: str) -> Decimal:
    """The mean cost of the last ESTIMATE_SAMPLE completed Claude operations of ``kind`` on any website, or the
    kind's DEFAULT_ESTIMATES_USD while there are none."""
    costs = list(
        Operation.objects.filter(kind=kind, provider=CLAUDE, outcome=Operation.Outcome.COMPLETED)
        .order_by("-created_at")
        .values_list("cost_usd", flat=True)[:ESTIMATE_SAMPLE]
    )
    if not costs:
        return DEFAULT_ESTIMATES_USD[kind]
    return sum(costs, Decimal(0)) / len(costs)


def uses_claude(provider: str | None) -> bool:
    """Whether work by ``provider`` (a provider name; None: settings.LLM_PROVIDER) would call Claude."""
    return (provider or settings.LLM_PROVIDER) == CLAUDE


def long_date(day: date) -> str:
    """``1 January 2027``."""
    return dateformat.format(day, "j F Y")


def over_budget(
    website: Website, kind: str, *, provider: str | None = None, now: datetime | None = None
) -> BudgetStatus | None:
    """The website's budget status when Claude work of ``kind`` would pass its monthly budget (spent plus the
    kind's estimated cost above it, or a budget of 0, which refuses all Claude work); None when the work may
    start, which offline work always may."""
    if not uses_claude(provider):
        return None
    status = budget_status(website.pk, now)
    if status.budget_usd > 0 and status.spent_usd + estimated_cost(kind) <= status.budget_usd:
        return None
    return status


def refusal_message(website: Website, kind: str, status: BudgetStatus) -> str:
    name = website.name or f"Website {website.pk}"
    return (
        f"{name} has spent {usd(status.spent_usd)} of its {usd(status.budget_usd)} monthly AI budget; "
        f"{WHAT[kind]} would pass it. The budget resets on {long_date(status.resets_on)} (UTC). "
        "Ask an administrator to raise it, or use the offline builder."
    )


def ensure_within_budget(
    website: Website, kind: str, *, provider: str | None = None, now: datetime | None = None
) -> None:
    """Raise PaymentRequired (402, with what was spent, the budget and the reset date) when Claude work of
    ``kind`` would pass the website's monthly budget. Entry points call it before creating a task and before any
    model call; ``provider`` is the provider that would do the work (None: settings.LLM_PROVIDER)."""
    status = over_budget(website, kind, provider=provider, now=now)
    if status is None:
        return
    details = {
        "spent_usd": str(status.spent_usd.quantize(CENTS, rounding=ROUND_HALF_UP)),
        "budget_usd": str(status.budget_usd.quantize(CENTS)),
        "resets_on": status.resets_on.isoformat(),
    }
    raise PaymentRequired(refusal_message(website, kind, status), details=details)
