-- The 主动公开 register: each organ's 规章 and 行政规范性文件 across the years, its yearly counts of
-- decisions and fees (table II), each organ's kind (for the publication calendar), and the
-- publication dates of reports entered by hand. Dates are TEXT in YYYY-MM-DD form, as in the ledger.
-- Organs are matched by the report store's normalised name (src/store/organs.ts organKey).

CREATE TABLE IF NOT EXISTS register_documents (
  id           SERIAL PRIMARY KEY,
  organ        TEXT NOT NULL,
  organ_key    TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('regulation', 'normative')),
  doc_no       TEXT NOT NULL DEFAULT '',
  title        TEXT NOT NULL,
  made_on      TEXT NOT NULL CHECK (made_on ~ '^\d{4}-\d{2}-\d{2}$'),
  published_on TEXT CHECK (published_on ~ '^\d{4}-\d{2}-\d{2}$'),
  end_kind     TEXT CHECK (end_kind IN ('repealed', 'revised', 'expired')),
  ended_on     TEXT CHECK (ended_on ~ '^\d{4}-\d{2}-\d{2}$'),
  amended_on   TEXT CHECK (amended_on ~ '^\d{4}-\d{2}-\d{2}$'),
  replaces     TEXT,
  note         TEXT,
  updated_by   TEXT NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((end_kind IS NULL) = (ended_on IS NULL)),
  CHECK (ended_on IS NULL OR ended_on >= made_on)
);
CREATE INDEX IF NOT EXISTS register_documents_organ ON register_documents (organ_key, made_on);
-- one 文号 per organ (documents without a 文号 are told apart by title and date)
CREATE UNIQUE INDEX IF NOT EXISTS register_documents_doc_no ON register_documents (organ_key, doc_no) WHERE doc_no <> '';

CREATE TABLE IF NOT EXISTS register_counts (
  organ_key    TEXT NOT NULL,
  organ        TEXT NOT NULL,
  year         INTEGER NOT NULL,
  licensing    INTEGER CHECK (licensing >= 0),
  penalty      INTEGER CHECK (penalty >= 0),
  coercion     INTEGER CHECK (coercion >= 0),
  fees_amount  NUMERIC(16, 4) CHECK (fees_amount >= 0),
  source       TEXT NOT NULL DEFAULT 'entered' CHECK (source IN ('entered', 'imported')),
  updated_by   TEXT NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (organ_key, year)
);

-- 政府部门 / 乡镇街道 / 县级以上人民政府 / 其他: inferred from the name, or set by hand.
CREATE TABLE IF NOT EXISTS register_organ_kinds (
  organ_key  TEXT PRIMARY KEY,
  organ      TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('department', 'township', 'government', 'other')),
  updated_by TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The date a report was published, as a reviewer saw it on the portal (over the date the report carries).
CREATE TABLE IF NOT EXISTS register_publications (
  organ_key    TEXT NOT NULL,
  organ        TEXT NOT NULL,
  year         INTEGER NOT NULL,
  published_on TEXT NOT NULL CHECK (published_on ~ '^\d{4}-\d{2}-\d{2}$'),
  updated_by   TEXT NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (organ_key, year)
);
