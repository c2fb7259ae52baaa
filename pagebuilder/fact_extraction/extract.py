"""``extract_facts``: the text line by line: pairs of lines (a quote and its author, a question and its answer),
a label heading the lines below it, a labelled line, else each sentence offered to the readers in turn. What no
reader takes stays, as written, in the leftover.
"""

from collections.abc import Callable

import pagebuilder.fact_extraction.contact as contact
import pagebuilder.fact_extraction.faqs as faqs
import pagebuilder.fact_extraction.hours as hours
import pagebuilder.fact_extraction.labelled as labelled
import pagebuilder.fact_extraction.milestones as milestones
import pagebuilder.fact_extraction.offerings as offerings
import pagebuilder.fact_extraction.people as people
import pagebuilder.fact_extraction.prices as prices
import pagebuilder.fact_extraction.reviews as reviews
import pagebuilder.fact_extraction.stats as stats
from pagebuilder.fact_extraction.found import Extraction, FoundFact
from pagebuilder.fact_extraction.text import label_of, sentence_spans, without_bullet

# The order settles overlaps: a quote or a question may hold a price or a year; a dated line may hold a sum.
_SENTENCE_READERS: tuple[Callable[[str], list[FoundFact]], ...] = (
    reviews.read_line,
    faqs.read_line,
    people.read_sentence,
    hours.read_sentence,
    milestones.read_sentence,
    prices.read_sentence,
    contact.read_address,
    stats.read_sentence,
    offerings.read_sentence,
    contact.read_sentence,
)
_PAIR_READERS = (reviews.read_pair, faqs.read_pair)


def extract_facts(text: str) -> Extraction:
    """The facts stated in ``text`` and the text that stated none. Never raises; sources are pieces of the
    text with its line ends made "\\n"."""
    lines = str(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    facts: list[FoundFact] = []
    kept: list[str] = []
    index = 0
    while index < len(lines):
        found_here, used, leftover = _read_at(lines, index)
        facts += found_here
        kept += [leftover] if leftover else []
        index += used
    return Extraction(tuple(facts), "\n".join(kept))


def _read_at(lines: list[str], index: int) -> tuple[list[FoundFact], int, str]:
    """(facts, how many lines they used, what of those lines stays text) from ``lines[index]`` on."""
    line = lines[index]
    if not line.strip():
        return [], 1, ""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if following.strip():
        for read_pair in _PAIR_READERS:
            facts = read_pair(line.lstrip(), following.rstrip())
            if facts:
                return facts, 2, ""
    label = label_of(line)
    if label and not label[1] and label[0] not in labelled.SINGLE and labelled.reader_for(label[0]):
        facts, used = _read_block(lines, index, labelled.reader_for(label[0]))
        if facts:
            return facts, used, ""
    facts, leftover = _read_line(line.strip(), label)
    return facts, 1, leftover


def _read_block(lines: list[str], index: int, reader: Callable[[str], list[FoundFact]]) -> tuple[list, int]:
    """The lines under a heading label ("Teachers:" and one teacher a line), up to a blank, labelled or
    unreadable line."""
    facts, end = [], index + 1
    while end < len(lines) and lines[end].strip():
        label = label_of(lines[end])
        got = [] if label and labelled.is_known(label[0]) else reader(without_bullet(lines[end]))
        if not got:
            break
        facts += got
        end += 1
    return facts, end - index


def _read_line(line: str, label: tuple[str, str] | None) -> tuple[list[FoundFact], str]:
    """A labelled line by its label's reader, else (or when that reads nothing) sentence by sentence."""
    if label and label[0] in labelled.NO_FACT:
        return [], line
    reader = labelled.reader_for(label[0]) if label else None
    if reader and label[1]:
        facts = reader(label[1])
        if facts:
            return [_whole_line(fact, label[1], line) for fact in facts], ""
        facts, leftover = read_free(label[1])
        return (facts, leftover) if facts else ([], line)
    return read_free(line)


def read_free(line: str) -> tuple[list[FoundFact], str]:
    """The facts of an unlabelled line, and its sentences that gave none, joined as they were (the whole line,
    bullet included, when none gave a fact)."""
    chunk = without_bullet(line)
    spans = sentence_spans(chunk)
    if len(spans) > 1:  # questions and answers, quotes: several sentences that make one fact
        for reader in (reviews.read_line, faqs.read_line):
            facts = reader(chunk)
            if facts:
                return facts, ""
    facts, kept = [], []
    for start, end in spans:
        sentence = chunk[start:end]
        got = next((found for reader in _SENTENCE_READERS if (found := reader(sentence))), [])
        facts += got
        kept += [] if got else [sentence]
    return (facts, " ".join(kept)) if facts else ([], line.strip())


def _whole_line(fact: FoundFact, value: str, line: str) -> FoundFact:
    """A fact read from a label's whole value came from the whole line, label included."""
    return FoundFact(fact.kind, fact.data, line) if fact.source == value.strip() else fact
