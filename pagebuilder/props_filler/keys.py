"""How the filler treats an example's keys: UI configuration is kept as the example has it, facts only ever come
from the site's data, and ``MISSING`` marks a value the filler leaves out."""

MISSING = object()

# Example values kept verbatim: UI configuration, not claims about the business.
KEEP_KEYS = {
    "icon", "fields", "formAction", "placeholder", "buttonLabel", "submitLabel", "acceptLabel", "rejectLabel",
    "imagePosition", "columns", "height", "speed", "sticky", "autoplay", "showFilters", "overlayOpacity",
    "platform", "timezone", "filters", "status", "category",
}  # fmt: skip
# Values that state facts: only ever taken from the site's data, never from the example.
FACT_KEYS = {
    "value", "price", "monthlyPrice", "yearlyPrice", "priceFrom", "period", "savingsLabel", "date", "rating",
    "averageRating", "reviewCount", "quote", "author", "email", "phone", "duration", "trend", "hours", "days",
    "location", "department", "type", "mapQuery", "address", "includes", "features", "tags", "sourceLabel",
    "badge", "benefits",
    # Lists of people who are not the team: a site's texts must never become investors, advisors or speakers.
    "investors", "advisors", "founders", "speakers", "partners", "clients", "customers", "authors", "judges",
}  # fmt: skip
