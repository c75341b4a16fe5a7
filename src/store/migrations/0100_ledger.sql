-- The 依申请公开 case ledger: cases, their append-only event logs, the audit log of every view and
-- change, calendar years added after release, and each organ's decision → table III row mapping.
-- Dates are TEXT in YYYY-MM-DD form: calendar dates, never instants, so no time zone can shift them.

CREATE TABLE IF NOT EXISTS ledger_cases (
  id                   SERIAL PRIMARY KEY,
  organ                TEXT NOT NULL,
  organ_key            TEXT NOT NULL,
  case_no              TEXT NOT NULL,
  channel              TEXT NOT NULL CHECK (channel IN ('inPerson', 'post', 'letter', 'online', 'fax')),
  submitted_on         TEXT CHECK (submitted_on ~ '^\d{4}-\d{2}-\d{2}$'),
  signed_on            TEXT CHECK (signed_on ~ '^\d{4}-\d{2}-\d{2}$'),
  confirmed_on         TEXT CHECK (confirmed_on ~ '^\d{4}-\d{2}-\d{2}$'),
  received_on          TEXT NOT NULL CHECK (received_on ~ '^\d{4}-\d{2}-\d{2}$'),
  applicant_type       TEXT NOT NULL CHECK (applicant_type IN ('natural', 'business', 'research', 'publicInterest', 'legalService', 'otherOrg')),
  applicant_name       TEXT NOT NULL,
  applicant_id_number  TEXT,
  applicant_address    TEXT,
  applicant_phone      TEXT,
  applicant_email      TEXT,
  content              TEXT NOT NULL,
  form                 TEXT,
  created_by           TEXT NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- Derived from the event log and the calendar; recomputed when either changes.
  status               TEXT NOT NULL DEFAULT 'open',
  due_on               TEXT,
  closed_on            TEXT,
  decision             TEXT,
  calendar_version     TEXT,
  UNIQUE (organ_key, case_no)
);
CREATE INDEX IF NOT EXISTS ledger_cases_organ_received ON ledger_cases (organ_key, received_on);
CREATE INDEX IF NOT EXISTS ledger_cases_status ON ledger_cases (status, due_on);

CREATE TABLE IF NOT EXISTS ledger_events (
  case_id      INTEGER NOT NULL REFERENCES ledger_cases (id),
  seq          INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  event_date   TEXT NOT NULL CHECK (event_date ~ '^\d{4}-\d{2}-\d{2}$'),
  data         JSONB NOT NULL DEFAULT '{}'::jsonb,
  actor        TEXT NOT NULL,
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, seq)
);

CREATE TABLE IF NOT EXISTS ledger_audit (
  id        BIGSERIAL PRIMARY KEY,
  at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor     TEXT NOT NULL,
  role      TEXT NOT NULL,
  action    TEXT NOT NULL,
  organ     TEXT,
  case_id   INTEGER,
  detail    JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS ledger_audit_case ON ledger_audit (case_id);

CREATE TABLE IF NOT EXISTS ledger_calendar_years (
  year      INTEGER PRIMARY KEY,
  data      JSONB NOT NULL,
  added_by  TEXT NOT NULL,
  added_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ledger_decision_map (
  organ_key  TEXT NOT NULL,
  decision   TEXT NOT NULL,
  row_key    TEXT NOT NULL,
  PRIMARY KEY (organ_key, decision)
);

-- Events and audit entries are never changed or removed.
CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger: % is append-only', TG_TABLE_NAME;
END
$$;
CREATE OR REPLACE TRIGGER ledger_events_append_only BEFORE UPDATE OR DELETE ON ledger_events
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE OR REPLACE TRIGGER ledger_audit_append_only BEFORE UPDATE OR DELETE ON ledger_audit
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
