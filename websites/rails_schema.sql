-- Mirror of the Rails-owned tables this application reads and writes.
--
-- Production: these tables belong to the Rails application and change only through its migrations;
-- Django never runs this file there. Development and tests: `manage.py bootstrap_schema` and the test
-- database set-up apply it to the embedded PostgreSQL. Every statement is idempotent.
--
-- Rails conventions kept on purpose: bigserial ids, `timestamp(6) without time zone` in UTC,
-- created_at/updated_at NOT NULL without a database default (the application sets them),
-- index names of the form index_<table>_on_<columns>.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE IF NOT EXISTS websites (
    id bigserial PRIMARY KEY,
    name character varying(255) NOT NULL,
    domain character varying(255),
    subdomain character varying(255),
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS index_websites_on_domain ON websites (domain);
CREATE UNIQUE INDEX IF NOT EXISTS index_websites_on_subdomain ON websites (subdomain);

CREATE TABLE IF NOT EXISTS brand_guides (
    id bigserial PRIMARY KEY,
    website_id bigint NOT NULL REFERENCES websites (id) ON DELETE CASCADE,
    industry character varying(255),
    brand_voice text,
    target_audience text,
    primary_color character varying(32),
    secondary_color character varying(32),
    summary text,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS index_brand_guides_on_website_id ON brand_guides (website_id);

CREATE TABLE IF NOT EXISTS seo_keywords (
    id bigserial PRIMARY KEY,
    website_id bigint NOT NULL REFERENCES websites (id) ON DELETE CASCADE,
    keyword character varying(255) NOT NULL,
    priority integer NOT NULL DEFAULT 0,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS index_seo_keywords_on_website_id_and_keyword
    ON seo_keywords (website_id, keyword);
CREATE INDEX IF NOT EXISTS index_seo_keywords_on_website_id_and_priority
    ON seo_keywords (website_id, priority DESC);

CREATE TABLE IF NOT EXISTS media_records (
    id bigserial PRIMARY KEY,
    website_id bigint NOT NULL REFERENCES websites (id) ON DELETE CASCADE,
    media_type character varying(32) NOT NULL,
    cdn_url text NOT NULL,
    title character varying(255),
    alt_text text,
    width integer,
    height integer,
    status character varying(32) NOT NULL DEFAULT 'active',
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS index_media_records_on_website_id_and_status ON media_records (website_id, status);

CREATE TABLE IF NOT EXISTS page_categories (
    id bigserial PRIMARY KEY,
    website_id bigint NOT NULL REFERENCES websites (id) ON DELETE CASCADE,
    slug character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    design_payload jsonb,
    seo_title character varying(255),
    seo_description text,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS index_page_categories_on_website_id_and_slug
    ON page_categories (website_id, slug);

CREATE TABLE IF NOT EXISTS website_style_guide (
    id bigserial PRIMARY KEY,
    website_id bigint NOT NULL REFERENCES websites (id) ON DELETE CASCADE,
    tailwind_css text,
    theme_config jsonb,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS index_website_style_guide_on_website_id ON website_style_guide (website_id);

CREATE TABLE IF NOT EXISTS ai_tasks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    task_type character varying(64) NOT NULL,
    website_id bigint REFERENCES websites (id) ON DELETE CASCADE,
    status character varying(32) NOT NULL DEFAULT 'pending',
    phase character varying(64),
    progress integer NOT NULL DEFAULT 0,
    message text,
    input jsonb,
    result jsonb,
    error text,
    attempts integer NOT NULL DEFAULT 0,
    started_at timestamp(6) without time zone,
    completed_at timestamp(6) without time zone,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT ai_tasks_status_check CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    CONSTRAINT ai_tasks_progress_check CHECK (progress BETWEEN 0 AND 100)
);
CREATE INDEX IF NOT EXISTS index_ai_tasks_on_website_id_and_created_at ON ai_tasks (website_id, created_at);
CREATE INDEX IF NOT EXISTS index_ai_tasks_on_status ON ai_tasks (status);

-- The component registry, as in the original plan, with an HNSW index: an ivfflat index built on an
-- empty table has poor recall, HNSW needs no training data.
CREATE TABLE IF NOT EXISTS ai_semantic_components (
    id bigserial PRIMARY KEY,
    component_id character varying(255) NOT NULL,
    npm_package character varying(255) NOT NULL,
    import_path text NOT NULL,
    semantic_type character varying(100) NOT NULL,
    semantic_tags text[] NOT NULL,
    category character varying(100) NOT NULL,
    display_name character varying(255) NOT NULL,
    description text,
    preview_url text,
    data_capabilities jsonb DEFAULT '{}'::jsonb,
    context_adapters jsonb DEFAULT '{}'::jsonb,
    props_schema jsonb NOT NULL,
    bundle_size_kb numeric(10, 2),
    render_performance character varying(50),
    core_web_vitals_impact character varying(50),
    usage_count integer DEFAULT 0,
    last_used_at timestamp(6) without time zone,
    version character varying(50) NOT NULL DEFAULT '1.0.0',
    deprecated boolean DEFAULT false,
    replacement_component_id character varying(255),
    embedding vector(1024),
    embedding_updated_at timestamp(6) without time zone,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT ai_semantic_components_component_id_key UNIQUE (component_id)
);
CREATE INDEX IF NOT EXISTS idx_semantic_components_type ON ai_semantic_components (semantic_type);
CREATE INDEX IF NOT EXISTS idx_semantic_components_category ON ai_semantic_components (category);
CREATE INDEX IF NOT EXISTS idx_semantic_components_tags ON ai_semantic_components USING gin (semantic_tags);
CREATE INDEX IF NOT EXISTS idx_semantic_components_embedding
    ON ai_semantic_components USING hnsw (embedding vector_cosine_ops);
CREATE INDEX IF NOT EXISTS idx_semantic_components_package
    ON ai_semantic_components (npm_package, import_path);
