"""Queries an editor might type, phrased unlike the demo registry's descriptions, with the category a good
answer belongs to. Used by the relevance test and the search benchmark."""

RELEVANCE_QUERIES: list[tuple[str, str]] = [
    ("show customer reviews and quotes", "testimonials"),
    ("what people say about working with us", "testimonials"),
    ("how much does it cost per month", "pricing"),
    ("compare our packages side by side", "pricing"),
    ("meet the people behind the business", "team"),
    ("staff headshots with their job titles", "team"),
    ("answers to common questions", "faq"),
    ("where to find us and when we are open", "location"),
    ("we are hiring, open positions", "careers"),
    ("dishes and drinks with prices", "menu"),
    ("our story since the founding", "about"),
    ("a photo wall of our recent work", "gallery"),
    ("big numbers that prove our track record", "stats"),
    ("brands that trust us", "logos"),
    ("get in touch form with email and phone", "contact"),
    ("step by step how we work with clients", "process"),
    ("milestones through the years", "timeline"),
    ("latest articles and news posts", "blog"),
    ("links and copyright at the bottom of every page", "footer"),
    ("top menu with the site logo and links", "navbar"),
    ("first thing visitors see with a headline and a button", "hero"),
    ("invite visitors to book now", "cta"),
    ("what we offer our customers", "services"),
]
