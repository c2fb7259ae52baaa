"""Whole-site generation: a sitemap proposed from a site-level intent (``sitemap``), reviewed and edited by the
editor, then every page built in one task with a shared navbar and footer, links only to the site's own pages,
copy that no other page repeats and SEO checked page by page."""
