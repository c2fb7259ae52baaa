"""The Rails schema mirror: one SQL file that creates the Rails-owned tables in dev and test databases."""

from pathlib import Path

RAILS_SCHEMA_SQL = Path(__file__).with_name("rails_schema.sql")

RAILS_TABLES = (
    "websites",
    "brand_guides",
    "seo_keywords",
    "media_records",
    "page_categories",
    "website_style_guide",
    "ai_tasks",
    "ai_semantic_components",
)


def apply_rails_schema(cursor) -> None:
    """Run the mirror on a DB-API cursor. Idempotent: every statement is IF NOT EXISTS."""
    cursor.execute(RAILS_SCHEMA_SQL.read_text(encoding="utf-8"))
