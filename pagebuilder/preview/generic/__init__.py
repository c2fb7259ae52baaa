"""The generic block view: any block's props, read by the names the real @opensite/ui library uses, drawn as one
readable section (``templates/preview/blocks/generic.html``) instead of the unknown-block placeholder.

A node (the section, a panel, a card) holds a title, eyebrow, meta line, texts, price, image, buttons and parts
(card grids, stats, quotes, Q&A, checklists, pictures, logos, links, panels) in the order of the props' keys. Keys are
read by their last camelCase word (``missionTitle`` is a title, ``heroImage`` an image, ``primaryCta`` a button);
keys sharing a prefix with a heading (``ctaHeading`` + ``ctaDescription``) become a panel. Scalars under names we
do not know are shown only when they read as prose, so ids, variants, class names, colours and URLs stay hidden.

Reading is bounded (``MAX_KEYS`` keys per object, ``MAX_DEPTH`` levels, ``MAX_NODES`` drawn entries per block).
Safety is the props layer's: texts stay plain strings for the templates to escape (and a text naming a script URL
is dropped), links pass ``href`` and media ``Reader.image`` (the website's own library or our /static/ files);
nothing is marked safe. ``covers`` tells whether a dedicated template's view draws all this view would.
"""

from pagebuilder.preview.generic.coverage import covers
from pagebuilder.preview.generic.nodes import has_content
from pagebuilder.preview.generic.reader import build
from pagebuilder.preview.generic.words import MAX_LIST, MAX_NODES, Context

__all__ = ["MAX_LIST", "MAX_NODES", "Context", "build", "covers", "has_content"]
