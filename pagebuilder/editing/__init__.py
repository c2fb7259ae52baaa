"""Refinement by chat: edit operations (``operations``), planned offline by the grammar (``grammar``,
``vocabulary``) or by Claude, applied to a page's draft as one new version (``apply``) by an editor built from
the page's origin (``origin``), its sections (``page``), contract checks (``checks``) and the two kinds of edit
(``text_edits``, ``section_edits``)."""
