"""Facts read from what an editor writes, without a language model: ``extract_facts(text)`` gives each fact
(kind and data as ``websites.fact_kinds`` defines them, and the text it came from) and the leftover text;
``describe`` says in a sentence what was found. One module per shape of fact (people, reviews, prices, hours,
faqs, contact, stats, milestones, offerings, listings), ``labelled`` for "Label: …" lines, ``extract`` for the
order they are tried in. Plain regular expressions and word lists, English and Spanish: no phone-number
library (the fictional +1 555 numbers editors use are not valid numbers to one), no network, no model.
"""

from pagebuilder.fact_extraction.describe import describe
from pagebuilder.fact_extraction.extract import extract_facts
from pagebuilder.fact_extraction.found import Extraction, FoundFact

__all__ = ["Extraction", "FoundFact", "describe", "extract_facts"]
