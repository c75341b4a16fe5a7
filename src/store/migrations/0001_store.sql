-- The report store: regions, organs, the original files (content-addressed), the parsed reports and
-- their findings. PostgreSQL 15 and PGlite alike.

CREATE TABLE IF NOT EXISTS store_regions (
  path        TEXT PRIMARY KEY,            -- names from the top down joined by '/', e.g. '杭州市/拱墅区'
  name        TEXT NOT NULL,
  parent_path TEXT REFERENCES store_regions(path),
  level       TEXT                          -- 省 / 市 / 区县 / 街道乡镇, when known
);

CREATE TABLE IF NOT EXISTS store_organs (
  id            SERIAL PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,       -- the normalised name (see organs.ts)
  name          TEXT NOT NULL,              -- as first seen
  region_path   TEXT REFERENCES store_regions(path),
  region_source TEXT NOT NULL DEFAULT 'inferred' CHECK (region_source IN ('inferred', 'set'))
);

CREATE TABLE IF NOT EXISTS store_files (
  sha256      TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  form        TEXT NOT NULL,
  content     BYTEA NOT NULL,
  imported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS store_reports (
  id          TEXT PRIMARY KEY,             -- the first 16 hex digits of the file's sha-256
  file_sha256 TEXT NOT NULL UNIQUE REFERENCES store_files(sha256),
  seq         BIGSERIAL,                    -- import order: the latest import of an organ's year wins
  organ_id    INTEGER NOT NULL REFERENCES store_organs(id),
  year        INTEGER,
  template    TEXT NOT NULL,
  report      JSONB NOT NULL,
  prose       TEXT NOT NULL DEFAULT '',   -- every paragraph of the document, preface included (for 内容雷同)
  errors      INTEGER NOT NULL DEFAULT 0,
  warnings    INTEGER NOT NULL DEFAULT 0,
  infos       INTEGER NOT NULL DEFAULT 0,
  imported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS store_reports_organ_year ON store_reports (organ_id, year);
CREATE INDEX IF NOT EXISTS store_reports_year ON store_reports (year);

-- Findings of one report (scope 'one') and against the same organ's previous year (scope 'pair');
-- 内容雷同 is computed over the whole corpus when asked for (similarity.ts).
CREATE TABLE IF NOT EXISTS store_findings (
  report_id  TEXT NOT NULL REFERENCES store_reports(id) ON DELETE CASCADE,
  n          INTEGER NOT NULL,
  scope      TEXT NOT NULL CHECK (scope IN ('one', 'pair')),
  rule       TEXT NOT NULL,
  severity   TEXT NOT NULL,
  message    TEXT NOT NULL,
  location   JSONB,
  expected   JSONB,
  actual     JSONB,
  related    TEXT,
  PRIMARY KEY (report_id, scope, n)
);
CREATE INDEX IF NOT EXISTS store_findings_rule ON store_findings (rule, severity);
