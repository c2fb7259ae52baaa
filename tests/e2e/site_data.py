"""A yoga studio that is not in the demo data, with everything a six-page site needs (brand guide, keywords,
offerings, team, prices, address, phone, e-mail, a few photos), and the demo editor as its editor."""

from django.contrib.auth import get_user_model

from websites.models import BrandGuide, MediaRecord, SeoKeyword, Website, WebsiteMembership
from websites.site_facts import add_fact

KEYWORDS = ("yoga studio harbour", "vinyasa yoga classes", "prenatal yoga", "yoga teachers", "yoga class prices",
            "contact yoga studio")  # fmt: skip


def yoga_studio() -> Website:
    # Its own domain: the e2e database keeps the Rails-owned rows other browser tests made (test_questions makes a
    # "Lotus Flow Yoga" at lotusflow.test).
    site = Website.objects.create(name="Lotus Flow Yoga", domain="lotus-site.test", subdomain="lotus-site")
    BrandGuide.objects.create(website=site, industry="yoga studio", brand_voice="calm, warm",
                              target_audience="beginners and busy professionals", primary_color="#2f6f62",
                              summary="A small yoga studio by the harbour offering vinyasa, restorative and prenatal "
                              "classes.")  # fmt: skip
    for rank, keyword in enumerate(KEYWORDS):
        SeoKeyword.objects.create(website=site, keyword=keyword, priority=100 - rank)
    photos = [
        MediaRecord.objects.create(website=site, media_type="image", cdn_url=f"/static/demo/bakery/{name}.svg",
                                   title=title, alt_text=alt, width=1600, height=1000, status="active")
        for name, title, alt in [
            ("portrait-tomas", "Front desk", "Our front desk host"),
            ("portrait-rosa", "Mia Chen", "Portrait of Mia Chen"),
            ("portrait-lena", "Leo Park", "Portrait of Leo Park"),
        ]
    ]  # fmt: skip
    for name, description, price in [
        ("Vinyasa flow", "Dynamic classes linking breath and movement.", "$20"),
        ("Restorative yoga", "Slow, supported poses to release tension.", "$20"),
        ("Prenatal yoga", "Gentle classes for every trimester.", "$22"),
    ]:
        add_fact(site, "offering", {"name": name, "description": description, "price": price})
    add_fact(site, "team_member", {"name": "Mia Chen", "role": "Founder and vinyasa teacher", "portrait": photos[1].pk})
    add_fact(site, "team_member", {"name": "Leo Park", "role": "Restorative and prenatal teacher",
                                   "portrait": photos[2].pk})  # fmt: skip
    add_fact(site, "pricing_plan", {"name": "Drop-in class", "price": "20", "currency": "USD", "period": "class"})
    add_fact(site, "pricing_plan", {"name": "Monthly unlimited", "price": "95", "currency": "USD", "period": "month",
                                    "features": ["Every class", "Mat rental included"]})  # fmt: skip
    add_fact(site, "address", {"address": "4 Harbour Walk, Springfield 12345"})
    add_fact(site, "phone", {"phone": "+1 555 0142"})
    add_fact(site, "email", {"email": "hello@lotus-site.test"})
    editor = get_user_model().objects.get(username="editor")
    WebsiteMembership.objects.create(user=editor, website=site, role=WebsiteMembership.Role.EDITOR)
    return site
