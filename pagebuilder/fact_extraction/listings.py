"""Menu items, open positions and posts, read only from their labelled lines (``Menu: Section | Item | $7 |
description``, ``Job: Title | Location | Type | Department``, ``Post: 2026-03-01 | Title | excerpt``): in
free text a dish, a job or a post looks like any other sentence.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.text import pipe_fields

MENU_LABELS = {"menu", "product", "products", "dish", "menu item", "carta", "producto", "plato"}
JOB_LABELS = {"job", "jobs", "vacancy", "opening", "position", "hiring", "empleo", "vacante", "oferta de empleo"}
POST_LABELS = {"post", "blog post", "article", "news", "articulo", "noticia"}


def read_menu(value: str) -> list[FoundFact]:
    fields = [*pipe_fields(value), "", ""]
    if not fields[0] or not fields[1]:
        return []
    data = {"section": fields[0], "name": fields[1], "price": fields[2], "description": fields[3]}
    return every([found("menu_item", data, value)])


def read_job(value: str) -> list[FoundFact]:
    fields = [*pipe_fields(value), "", "", ""]
    data = {"title": fields[0], "location": fields[1], "type": fields[2], "department": fields[3]}
    return every([found("job", data, value)]) if fields[0] else []


def read_post(value: str) -> list[FoundFact]:
    fields = pipe_fields(value)
    dated = re.match(r"^\d{4}-\d{2}-\d{2}$", fields[0])
    date, rest = (fields[0], fields[1:]) if dated else ("", fields)
    rest = [*rest, "", ""]
    return every([found("post", {"date": date, "title": rest[0], "excerpt": rest[1]}, value)]) if rest[0] else []
