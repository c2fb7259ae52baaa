"""Written content: questions with their answers (in groups) and blog posts."""

from pagebuilder.preview.blocks.parts import actions, card, head
from pagebuilder.preview.props import Reader, date, first_text, records, text


def _questions(value: object, limit: int = 24) -> list[dict]:
    found = []
    for entry in records(value, limit):
        question = first_text(entry, "question", "title", "q", limit=200)
        answer = first_text(entry, "answer", "description", "a", "text", limit=1500)
        if question:
            found.append({"question": question, "answer": answer})
    return found


def faq(props: dict, reader: Reader) -> dict:
    view = head(props)
    groups = []
    for entry in records(props.get("categories"), 8):
        questions = _questions(entry.get("items") or entry.get("questions"), 16)
        if questions:
            groups.append({"label": first_text(entry, "label", "title", "name", limit=60), "items": questions})
    plain = _questions(props.get("items") or props.get("questions"))
    if plain:
        groups.insert(0, {"label": "", "items": plain})
    view.update(groups=groups, actions=actions(props, "contactAction", "action", "primaryAction"))
    return view


def _post(entry: dict, reader: Reader) -> dict | None:
    post = card(entry, reader)
    if not post["title"]:
        return None
    post.update(date=date(entry.get("date")), category=text(entry.get("category"), 40))
    return post


def blog(props: dict, reader: Reader) -> dict:
    view = head(props)
    featured = _post(props["featured"], reader) if isinstance(props.get("featured"), dict) else None
    posts = [post for entry in records(props.get("posts") or props.get("items"), 12) if (post := _post(entry, reader))]
    view.update(featured=featured, posts=posts, actions=actions(props, "viewAllAction", "action"))
    return view
