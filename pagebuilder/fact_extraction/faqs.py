"""Questions and answers: "Q: … A: …" (one line or two), "P: … R: …", "FAQ: question? | answer", and a line
that asks a real question and answers it ("Do I need a mat? No, we lend them.", "¿Hay duchas? Sí, dos.").
A rhetorical question followed by a call to action ("Why wait? Book now!") is no answer.
"""

import re

from pagebuilder.fact_extraction.found import FoundFact, every, found
from pagebuilder.fact_extraction.text import fold, one_space, pipe_fields, sentence_spans

LABELS = {"faq", "faqs", "question", "questions", "pregunta", "preguntas", "preguntas frecuentes"}
_Q = r"(?:[QP]|Question|Pregunta|question|pregunta)"
_A = r"(?:[AR]|Answer|Respuesta|answer|respuesta)"
_SAME_LINE = re.compile(rf"^{_Q}\s*[:.)]\s*(?P<q>.+?)\s+{_A}\s*[:.)]\s+(?P<a>.+)$")
_Q_LINE = re.compile(rf"^\s*{_Q}\s*[:.)]\s*(?P<q>.+?)\s*$")
_A_LINE = re.compile(rf"^\s*{_A}\s*[:.)]\s*(?P<a>.+?)\s*$")
_ASKING = {"do", "does", "did", "can", "could", "is", "are", "was", "were", "will", "would", "should", "shall", "may",
           "how", "what", "when", "where", "why", "who", "which", "whose", "have", "has", "am", "must"}  # fmt: skip
_REPLY = re.compile(r"^(?:yes|no|yep|nope|of course|sure|absolutely|not|s[íi]|claro|por supuesto|nunca)\b", re.I)


def read_line(chunk: str) -> list[FoundFact]:
    """One line: "Q: … A: …", or questions each followed by their answer."""
    same = _SAME_LINE.match(chunk)
    if same:
        return every([_faq(same["q"], same["a"], chunk)])
    groups: list[list[tuple[int, int]]] = []  # a question's span, then its answer's sentences
    for start, end in sentence_spans(chunk):
        if _asks(chunk[start:end]):
            groups.append([(start, end)])
        elif groups and not chunk[start:end].endswith("?"):
            groups[-1].append((start, end))
        else:
            return []
    if not groups or any(len(group) < 2 or not _answers([chunk[a:b] for a, b in group[1:]]) for group in groups):
        return []
    facts = []
    for group in groups:
        (start, question_end), answer_start, end = group[0], group[1][0], group[-1][1]
        facts.append(_faq(chunk[start:question_end], chunk[answer_start:end], chunk[start:end]))
    return every(facts)


def read_pair(line: str, next_line: str) -> list[FoundFact]:
    """Two lines: "Q: question", then "A: answer"."""
    question, answer = _Q_LINE.match(line), _A_LINE.match(next_line)
    if not question or not answer or _SAME_LINE.match(line.strip()):
        return []
    return every([_faq(question["q"], answer["a"], f"{line}\n{next_line}")])


def read_labelled(value: str) -> list[FoundFact]:
    """``FAQ: Question? | Answer`` or ``FAQ: Question? Answer``."""
    fields = pipe_fields(value)
    if len(fields) >= 2 and fields[0] and fields[1]:
        return every([_faq(fields[0], fields[1], value)])
    question, mark, answer = value.partition("?")
    return every([_faq(question + mark, answer, value)]) if mark and answer.strip() else read_line(value)


def _asks(sentence: str) -> bool:
    words = fold(sentence).split()
    return sentence.endswith("?") and (sentence.startswith("¿") or (len(words) >= 3 and words[0] in _ASKING))


def _answers(answer: list[str]) -> bool:
    """Not a call to action: an answer that exclaims must start like a reply ("Yes!", "No, never!")."""
    return not answer[-1].endswith("!") or bool(_REPLY.match(answer[0]))


def _faq(question: str, answer: str, source: str) -> FoundFact | None:
    return found("faq", {"question": one_space(question), "answer": one_space(answer)}, source)
