-- One organ whatever spelling of its name a report uses: the name as written on each report, the
-- GB/T 2260 code of regions and organs the division data places, and the reviewer's decisions
-- (a spelling or a key that belongs to a given organ, after a merge or a split).

ALTER TABLE store_regions ADD COLUMN IF NOT EXISTS code TEXT;
ALTER TABLE store_organs ADD COLUMN IF NOT EXISTS region_code TEXT;
ALTER TABLE store_reports ADD COLUMN IF NOT EXISTS organ_name TEXT;
UPDATE store_reports SET organ_name = report->'meta'->>'agency' WHERE organ_name IS NULL;
CREATE INDEX IF NOT EXISTS store_reports_organ_name ON store_reports (organ_name);

CREATE TABLE IF NOT EXISTS store_organ_links (
  kind      TEXT NOT NULL CHECK (kind IN ('key', 'name')),
  value     TEXT NOT NULL,                 -- an organ key, or a name as written (widths and spaces normalised)
  organ_id  INTEGER NOT NULL REFERENCES store_organs(id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value)
);
