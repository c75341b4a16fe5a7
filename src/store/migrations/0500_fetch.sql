-- Reports collected from the web (nianbao fetch, the import-by-address page): where each stored
-- report came from, when it was fetched and the publication date its page states (for the
-- publication calendar); every address tried, so a second run fetches nothing twice; reports
-- waiting for a person to confirm their organ; the administrator's settings for fetching.

ALTER TABLE store_reports ADD COLUMN IF NOT EXISTS source_url TEXT;          -- the file or page the report was read from
ALTER TABLE store_reports ADD COLUMN IF NOT EXISTS source_page TEXT;         -- the article page that linked it
ALTER TABLE store_reports ADD COLUMN IF NOT EXISTS fetched_at TIMESTAMPTZ;
ALTER TABLE store_reports ADD COLUMN IF NOT EXISTS published_on TEXT CHECK (published_on ~ '^\d{4}-\d{2}-\d{2}$');
CREATE INDEX IF NOT EXISTS store_reports_published_on ON store_reports (published_on);

CREATE TABLE IF NOT EXISTS fetch_addresses (
  address      TEXT PRIMARY KEY,              -- as given or as listed on a column page, without #fragment
  outcome      TEXT NOT NULL CHECK (outcome IN ('imported', 'found', 'duplicate', 'skipped', 'column', 'unconfirmed', 'failed')),
  final_url    TEXT,
  source_url   TEXT,
  sha256       TEXT,                          -- of the report's bytes: the same bytes are one report
  report_id    TEXT,
  reason       TEXT,
  failure      TEXT,
  published_on TEXT,
  organ        TEXT,
  confidence   REAL,
  attempts     INTEGER NOT NULL DEFAULT 1,
  fetched_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS fetch_addresses_sha ON fetch_addresses (sha256);

CREATE TABLE IF NOT EXISTS fetch_pending (
  id           SERIAL PRIMARY KEY,
  user_id      INTEGER,
  address      TEXT NOT NULL,
  source_url   TEXT NOT NULL,
  source_page  TEXT NOT NULL,
  name         TEXT NOT NULL,
  content      BYTEA NOT NULL,
  sha256       TEXT NOT NULL,
  published_on TEXT,
  fetched_at   TIMESTAMPTZ NOT NULL,
  agency       TEXT,
  year         INTEGER,
  candidates   JSONB NOT NULL DEFAULT '[]'::jsonb,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS fetch_pending_user ON fetch_pending (user_id);

-- One row per address fetched through the web application, for the per-user hourly limit.
CREATE TABLE IF NOT EXISTS fetch_requests (
  user_id  INTEGER NOT NULL,
  address  TEXT NOT NULL,
  at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS fetch_requests_user_at ON fetch_requests (user_id, at);

CREATE TABLE IF NOT EXISTS fetch_settings (
  key    TEXT PRIMARY KEY,
  value  JSONB NOT NULL
);
