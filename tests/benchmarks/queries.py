"""600 distinct search queries an editor might type: section needs crossed with site kinds and tones."""

NEEDS = [
    "hero with a big photo",
    "customer testimonials",
    "pricing plans",
    "meet the team",
    "frequently asked questions",
    "contact form",
    "photo gallery",
    "company history timeline",
    "call to action to book",
    "partner logos",
    "key statistics",
    "how it works steps",
    "latest blog posts",
    "site footer with links",
    "top navigation bar",
    "services overview",
    "features grid with icons",
    "announcement banner",
    "job openings",
    "opening hours and map",
    "food menu with prices",
    "case study results",
    "newsletter signup",
    "video introduction",
    "before and after photos",
]
SITES = [
    "bakery",
    "dental clinic",
    "law firm",
    "yoga studio",
    "plumber",
    "architecture office",
    "coffee shop",
    "gym",
    "wedding photographer",
    "accounting firm",
    "pet groomer",
    "software startup",
]
TONES = ["", "modern", "minimal"]


def distinct_queries(count: int = 600) -> list[str]:
    queries = [f"{tone} {need} for a {site}".strip() for tone in TONES for site in SITES for need in NEEDS]
    return queries[:count]


def popular_queries(count: int = 40) -> list[str]:
    return [f"{need} for a {site}" for need in NEEDS for site in SITES[:2]][:count]
