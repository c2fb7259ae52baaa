"""The demo tenants: a family bakery and a dental clinic, as plain data (no database access).

Kept apart from ``websites/demo.py`` so the content can be read, reviewed and reused (tests, docs, fixtures)
without importing models. Every image is an SVG under ``static/demo/<folder>/`` drawn for this project; its
``width``/``height`` attributes and viewBox equal the numbers below, which tests check.

Videos: no real video can be produced or licensed offline, so each site's "video" record points at a small
animated SVG loop (``tour-placeholder.svg``, a gentle SMIL pan/bob with a play badge). It is a placeholder
standing in for a shop/clinic tour clip, and its title and alt text say so; a renderer that needs a real
``<video>`` source should treat it as a poster image.
"""

from dataclasses import dataclass, field
from typing import Literal

MediaKind = Literal["logo", "photo", "portrait", "video"]


@dataclass(frozen=True)
class DemoMedia:
    """One media library entry. ``kind`` is demo-only metadata; the table stores ``media_type``."""

    file: str
    kind: MediaKind
    title: str
    alt_text: str
    width: int
    height: int
    status: str = "active"

    @property
    def media_type(self) -> str:
        return "video" if self.kind == "video" else "image"


@dataclass(frozen=True)
class DemoBrand:
    industry: str
    brand_voice: str
    target_audience: str
    primary_color: str
    secondary_color: str
    summary: str


@dataclass(frozen=True)
class DemoWebsite:
    """A demo tenant. ``subdomain`` is its natural key; ``static_folder`` is under ``static/demo/``."""

    name: str
    domain: str
    subdomain: str
    static_folder: str
    brand: DemoBrand
    keywords: tuple[tuple[str, int], ...]
    media: tuple[DemoMedia, ...] = field(default=())
    # Contact details only: the builder asks for testimonials, people and prices, which the demo shows off.
    facts: tuple[tuple[str, dict], ...] = field(default=())

    def cdn_url(self, media: DemoMedia) -> str:
        """Site-relative static URL; the static files app serves it in development."""
        return f"/static/demo/{self.static_folder}/{media.file}"


BAKERY = DemoWebsite(
    name="Crumb & Co. Bakery",
    domain="crumbandco.example",
    subdomain="crumbandco",
    static_folder="bakery",
    facts=(
        ("address", {"address": "12 Mill Lane, Springfield 12345"}),
        ("phone", {"phone": "+1 555 0100"}),
        ("email", {"email": "hello@crumbandco.example"}),
        ("opening_hours", {"days": "Tuesday to Sunday", "hours": "7:00–15:00"}),
        ("offering", {"name": "Sourdough bread", "description": "Slow-fermented loaves from our wood-fired oven"}),
        ("offering", {"name": "Viennoiserie", "description": "Croissants and pastries made with local butter"}),
        ("offering", {"name": "Celebration cakes", "description": "Custom cakes, ordered a week ahead"}),
    ),
    brand=DemoBrand(
        industry="bakery",
        brand_voice=(
            "Warm, unhurried and a little playful. We talk like the family behind the counter: plain words, "
            "honest about ingredients, proud of slow fermentation, never fussy or salesy."
        ),
        target_audience=(
            "Neighbourhood families and early commuters, weekend brunch crowds, and people ordering cakes for "
            "birthdays, weddings and office celebrations within a 10 km radius."
        ),
        primary_color="#9a4f1e",
        secondary_color="#f4d9a6",
        summary=(
            "Crumb & Co. is a third-generation family bakery baking sourdough, viennoiserie and celebration "
            "cakes in a wood-fired oven every morning. Everything is made on site from stone-milled flour and "
            "local butter. The shop opens at 6:30 with coffee, and custom cakes can be ordered a week ahead."
        ),
    ),
    keywords=(
        ("family bakery", 100),
        ("sourdough bread", 95),
        ("fresh bread near me", 90),
        ("butter croissants", 85),
        ("custom birthday cakes", 80),
        ("wedding cakes", 75),
        ("artisan bakery", 70),
        ("wood-fired bread", 65),
        ("bakery cafe breakfast", 60),
        ("pastries and coffee", 55),
        ("gluten-free bread options", 50),
        ("bakery catering for offices", 45),
        ("holiday stollen", 40),
        ("rye bread", 35),
    ),
    media=(
        DemoMedia(
            file="logo.svg",
            kind="logo",
            title="Crumb & Co. logo",
            alt_text="Crumb & Co. Family Bakery logo: a cream croissant in a brown circle beside the name",
            width=400,
            height=160,
        ),
        DemoMedia(
            file="logo-mark.svg",
            kind="logo",
            title="Crumb & Co. square mark",
            alt_text="Square Crumb & Co. app icon: a croissant and the letters C&C on crust brown",
            width=512,
            height=512,
        ),
        DemoMedia(
            file="hero-bread.svg",
            kind="photo",
            title="Fresh bread on the counter",
            alt_text="Golden sourdough loaves and croissants on a wooden counter in front of shelves of rolls",
            width=1600,
            height=900,
        ),
        DemoMedia(
            file="storefront.svg",
            kind="photo",
            title="Our shop on the corner",
            alt_text="The Crumb & Co. storefront with a striped awning, loaves in the window and a brown door",
            width=1200,
            height=800,
        ),
        DemoMedia(
            file="croissants.svg",
            kind="photo",
            title="Butter croissants",
            alt_text="Four freshly baked butter croissants on a dark baking tray",
            width=800,
            height=800,
        ),
        DemoMedia(
            file="sourdough.svg",
            kind="photo",
            title="Country sourdough",
            alt_text="A halved country sourdough loaf showing its open crumb, on a board with a bread knife",
            width=1200,
            height=800,
        ),
        DemoMedia(
            file="celebration-cake.svg",
            kind="photo",
            title="Celebration layer cake",
            alt_text="A two-tier pink and cream birthday cake with cherries and three lit candles",
            width=800,
            height=800,
        ),
        DemoMedia(
            file="wood-oven.svg",
            kind="photo",
            title="Our wood-fired oven",
            alt_text="The brick wood-fired oven glowing with flames, a baker's peel and two loaves beside it",
            width=1600,
            height=900,
        ),
        DemoMedia(
            file="coffee-pastry.svg",
            kind="photo",
            title="Coffee and a croissant",
            alt_text="A steaming cup of coffee with latte art next to a croissant on a small plate",
            width=1200,
            height=800,
        ),
        DemoMedia(
            file="portrait-rosa.svg",
            kind="portrait",
            title="Rosa Martin, owner and head baker",
            alt_text="Portrait of Rosa Martin, owner and head baker, smiling in a brown top and cream apron",
            width=600,
            height=750,
        ),
        DemoMedia(
            file="portrait-tomas.svg",
            kind="portrait",
            title="Tomás Ortega, pastry chef",
            alt_text="Portrait of Tomás Ortega, pastry chef, in a white chef's jacket and tall chef's hat",
            width=600,
            height=750,
        ),
        DemoMedia(
            file="portrait-lena.svg",
            kind="portrait",
            title="Lena Fischer, shop manager",
            alt_text="Portrait of Lena Fischer, shop manager, with long blond hair and a green sweater",
            width=600,
            height=750,
        ),
        DemoMedia(
            file="tour-placeholder.svg",
            kind="video",
            title="Bakery tour (placeholder clip)",
            alt_text="Placeholder for a bakery tour video: loaves and a croissant drifting past a play button",
            width=1280,
            height=720,
        ),
        DemoMedia(
            file="holiday-stollen-2023.svg",
            kind="photo",
            title="Holiday stollen 2023",
            alt_text="A powdered holiday stollen studded with fruit on a green background with snowflakes",
            width=1200,
            height=800,
            status="archived",
        ),
    ),
)

DENTAL = DemoWebsite(
    name="Brightside Dental Clinic",
    domain="brightsidedental.example",
    subdomain="brightside",
    static_folder="dental",
    facts=(
        ("address", {"address": "48 Harbour Road, Springfield 12346"}),
        ("phone", {"phone": "+1 555 0142"}),
        ("email", {"email": "desk@brightsidedental.example"}),
        ("opening_hours", {"days": "Monday to Friday", "hours": "7:30–19:00"}),
        ("offering", {"name": "Check-ups and cleaning", "description": "Gentle family check-ups with a hygienist"}),
        ("offering", {"name": "Cosmetic dentistry", "description": "Whitening and invisible braces, priced first"}),
        ("offering", {"name": "Emergency appointments", "description": "Emergency slots kept free every day"}),
    ),
    brand=DemoBrand(
        industry="dental clinic",
        brand_voice=(
            "Calm, reassuring and clear. We explain treatments in everyday language, never shame anyone for "
            "putting off a visit, and keep a light, sunny tone without joking about pain."
        ),
        target_audience=(
            "Local families with children, adults who feel anxious about the dentist, and professionals who "
            "need early-morning or evening appointments and clear prices up front."
        ),
        primary_color="#0f766e",
        secondary_color="#fbbf24",
        summary=(
            "Brightside Dental Clinic offers gentle general, family and cosmetic dentistry in a bright, modern "
            "practice. Our team of three dentists and hygienists takes time to explain every option and price "
            "before treatment. We see new patients within a week and keep emergency slots free every day."
        ),
    ),
    keywords=(
        ("family dentist", 100),
        ("dentist near me", 95),
        ("emergency dentist", 90),
        ("teeth whitening", 85),
        ("dental check-up and cleaning", 80),
        ("children's dentist", 75),
        ("invisible braces", 70),
        ("dental implants", 65),
        ("anxious patients dentist", 60),
        ("gum disease treatment", 55),
        ("root canal treatment", 50),
        ("dental hygienist appointment", 45),
        ("evening dentist appointments", 40),
        ("cosmetic dentistry", 35),
    ),
    media=(
        DemoMedia(
            file="logo.svg",
            kind="logo",
            title="Brightside Dental logo",
            alt_text="Brightside Dental Clinic logo: a white tooth in a teal circle with a small sun, beside the name",
            width=400,
            height=160,
        ),
        DemoMedia(
            file="logo-mark.svg",
            kind="logo",
            title="Brightside square mark",
            alt_text="Square Brightside app icon: a white tooth under a yellow sun on teal",
            width=512,
            height=512,
        ),
        DemoMedia(
            file="hero-smile.svg",
            kind="photo",
            title="Smile brighter",
            alt_text="A wide, healthy smile beside the words 'Smile brighter' under a yellow sun",
            width=1600,
            height=900,
        ),
        DemoMedia(
            file="treatment-room.svg",
            kind="photo",
            title="Treatment room",
            alt_text="A teal dental chair with an overhead lamp and an instrument tray in a bright room",
            width=1200,
            height=800,
        ),
        DemoMedia(
            file="reception.svg",
            kind="photo",
            title="Reception",
            alt_text="The Brightside reception desk with a receptionist, a computer and two potted plants",
            width=1200,
            height=800,
        ),
        DemoMedia(
            file="kids-corner.svg",
            kind="photo",
            title="Kids corner",
            alt_text="A cheerful smiling tooth character above toy blocks and a ball in the children's corner",
            width=800,
            height=800,
        ),
        DemoMedia(
            file="whitening.svg",
            kind="photo",
            title="Whitening: before and after",
            alt_text="Side-by-side comparison of yellowed teeth before whitening and white teeth after",
            width=1200,
            height=800,
        ),
        DemoMedia(
            file="checkup-tools.svg",
            kind="photo",
            title="Check-up essentials",
            alt_text="A dental mirror, a teal toothbrush and a pot of floss on a light blue background",
            width=800,
            height=800,
        ),
        DemoMedia(
            file="clinic-exterior.svg",
            kind="photo",
            title="Our clinic",
            alt_text="The white Brightside Dental Clinic building with a teal sign, glass doors and two trees",
            width=1600,
            height=900,
        ),
        DemoMedia(
            file="portrait-amara.svg",
            kind="portrait",
            title="Dr. Amara Okafor, lead dentist",
            alt_text="Portrait of Dr. Amara Okafor, lead dentist, in a white coat with a stethoscope",
            width=600,
            height=750,
        ),
        DemoMedia(
            file="portrait-jonas.svg",
            kind="portrait",
            title="Dr. Jonas Weber, orthodontist",
            alt_text="Portrait of Dr. Jonas Weber, orthodontist, wearing round glasses and a white coat",
            width=600,
            height=750,
        ),
        DemoMedia(
            file="portrait-priya.svg",
            kind="portrait",
            title="Priya Nair, dental hygienist",
            alt_text="Portrait of Priya Nair, dental hygienist, in teal scrubs with a name badge",
            width=600,
            height=750,
        ),
        DemoMedia(
            file="tour-placeholder.svg",
            kind="video",
            title="Clinic tour (placeholder clip)",
            alt_text="Placeholder for a clinic tour video: three white teeth gently bobbing behind a play button",
            width=1280,
            height=720,
        ),
        DemoMedia(
            file="waiting-room-2019.svg",
            kind="photo",
            title="Waiting room (2019)",
            alt_text="The old grey waiting room with four chairs, photographed before the 2021 refit",
            width=1200,
            height=800,
            status="archived",
        ),
    ),
)

DEMO_WEBSITES: tuple[DemoWebsite, ...] = (BAKERY, DENTAL)

# Fixed development logins. Passwords equal usernames on purpose: they exist only with DEBUG on.
DEMO_EDITOR = "editor"
DEMO_CURATOR = "curator"
DEMO_ADMIN = "admin"
DEMO_API_CLIENT = "demo"
