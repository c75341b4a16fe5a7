-- The web application: accounts, sessions, API tokens, report drafts and reviews.

CREATE TABLE IF NOT EXISTS web_users (
  id            SERIAL PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'clerk')),
  organ         TEXT,
  region        TEXT,
  password_hash TEXT NOT NULL,
  disabled      BOOLEAN NOT NULL DEFAULT FALSE,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS web_sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES web_users(id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS web_sessions_user ON web_sessions(user_id);

CREATE TABLE IF NOT EXISTS web_api_tokens (
  id           SERIAL PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES web_users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL DEFAULT '',
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_used_at TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS web_drafts (
  id          SERIAL PRIMARY KEY,
  organ       TEXT NOT NULL,
  year        INTEGER NOT NULL,
  report      JSONB NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  created_by  INTEGER REFERENCES web_users(id) ON DELETE SET NULL,
  updated_by  INTEGER REFERENCES web_users(id) ON DELETE SET NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (organ, year)
);

-- A review belongs to an organ and a year, not to one imported file: it survives re-import and
-- re-checking. report_ref records which stored report the reviewer looked at.
CREATE TABLE IF NOT EXISTS web_reviews (
  id          SERIAL PRIMARY KEY,
  organ       TEXT NOT NULL,
  year        INTEGER NOT NULL,
  report_ref  TEXT,
  status      TEXT NOT NULL CHECK (status IN ('reviewed', 'returned')),
  comment     TEXT NOT NULL DEFAULT '',
  reviewer_id INTEGER REFERENCES web_users(id) ON DELETE SET NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS web_reviews_organ_year ON web_reviews(organ, year);
