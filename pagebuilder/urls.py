from django.urls import path

from pagebuilder import address_views, facts_views, review_views, section_views, views
from pagebuilder.site import views as site_views

app_name = "builder"
page = "websites/<int:website_id>/pages/<slug:slug>/"
section = f"{page}sections/<slug:section_id>/"
site = "websites/<int:website_id>/site/"
site_page = f"{site}pages/<slug:slug>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("websites/<int:website_id>/", views.website, name="website"),
    path("websites/<int:website_id>/address/", address_views.propose, name="propose-address"),
    path("websites/<int:website_id>/style/", views.style, name="style"),
    path("websites/<int:website_id>/facts/", facts_views.facts, name="facts"),
    path("websites/<int:website_id>/facts/add/", facts_views.add, name="fact-add"),
    path("websites/<int:website_id>/facts/<int:fact_id>/", facts_views.change, name="fact-change"),
    path("websites/<int:website_id>/facts/<int:fact_id>/delete/", facts_views.remove, name="fact-delete"),
    path(site, site_views.site, name="site"),
    path(f"{site}panel/", site_views.panel, name="site-panel"),
    path(f"{site}messages/", site_views.send, name="site-send"),
    path(f"{site}messages/<int:message_id>/progress/", site_views.progress, name="site-progress"),
    path(f"{site}pages/", site_views.add, name="site-add"),
    path(f"{site}build/", site_views.build, name="site-build"),
    path(f"{site}publish/", site_views.publish, name="site-publish"),
    path(f"{site}submit/", site_views.submit, name="site-submit"),
    path(f"{site_page}rename/", site_views.rename, name="site-rename"),
    path(f"{site_page}remove/", site_views.remove, name="site-remove"),
    path(f"{site_page}rebuild/", site_views.rebuild, name="site-rebuild"),
    path(f"{site_page}move/", site_views.move, name="site-move"),
    path(f"{site_page}sections/", site_views.sections, name="site-sections"),
    path(page, views.page, name="page"),
    path(f"{page}messages/", views.send, name="send"),
    path(f"{page}messages/<int:message_id>/progress/", views.progress, name="progress"),
    path(f"{page}messages/<int:message_id>/retry/", views.retry, name="retry"),
    path(f"{page}messages/<int:message_id>/save-facts/", views.save_facts, name="save-facts"),
    path(f"{page}address/", address_views.rename, name="rename"),
    path(f"{page}undo/", views.undo_view, name="undo"),
    path(f"{page}publish/", views.publish, name="publish"),
    path(f"{page}submit/", review_views.submit, name="submit"),
    path(f"{page}reviews/<int:review_id>/approve/", review_views.approve_review, name="review-approve"),
    path(f"{page}reviews/<int:review_id>/send-back/", review_views.send_back_review, name="review-send-back"),
    path(f"{page}panel/", views.panel, name="panel"),
    path(f"{page}preview/", views.preview, name="preview"),
    path(f"{page}versions/<int:version_id>/preview/", views.preview, name="version-preview"),
    path(f"{page}versions/<int:version_id>/restore/", views.restore, name="restore"),
    path(f"{page}seo/", section_views.seo, name="seo"),
    path(f"{page}unpublish/", section_views.unpublish_page, name="unpublish"),
    path(f"{page}delete/", section_views.delete, name="delete"),
    path(f"{section}move/", section_views.move, name="section-move"),
    path(f"{section}remove/", section_views.remove, name="section-remove"),
    path(f"{section}regenerate/", section_views.regenerate, name="section-regenerate"),
    path(f"{section}swap/", section_views.swap, name="section-swap"),
    path(f"{section}texts/", section_views.texts, name="section-texts"),
]
