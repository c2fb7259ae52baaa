"""One view model per registry category: the props a category's components use (see the demo registry's example
props), read defensively into plain dicts and lists for ``templates/preview/blocks/<category>.html``.

Every builder takes ``(props, reader)`` where ``props`` is a dict (possibly empty) and returns a dict; unknown
keys are ignored, and nested lists are capped so that a hostile payload cannot blow up the page. The builders
live by family in this package's modules; ``BUILDERS`` maps each category to its own.
"""

from collections.abc import Callable

from pagebuilder.preview.blocks.contact_and_location import contact, location
from pagebuilder.preview.blocks.faq_and_blog import blog, faq
from pagebuilder.preview.blocks.grids import features, process, stats_block, timeline
from pagebuilder.preview.blocks.intro import about, banner, cta, hero
from pagebuilder.preview.blocks.navigation import footer, navbar
from pagebuilder.preview.blocks.offers import menu, pricing, services
from pagebuilder.preview.blocks.people import careers, team, testimonials
from pagebuilder.preview.blocks.pictures import gallery, logos
from pagebuilder.preview.props import Reader

BUILDERS: dict[str, Callable[[dict, Reader], dict]] = {
    "hero": hero,
    "about": about,
    "features": features,
    "services": services,
    "testimonials": testimonials,
    "cta": cta,
    "faq": faq,
    "pricing": pricing,
    "team": team,
    "stats": stats_block,
    "contact": contact,
    "gallery": gallery,
    "logos": logos,
    "blog": blog,
    "footer": footer,
    "navbar": navbar,
    "process": process,
    "timeline": timeline,
    "banner": banner,
    "menu": menu,
    "location": location,
    "careers": careers,
}
CATEGORIES = tuple(BUILDERS)
