-- SPDX-License-Identifier: GPL-3.0-or-later
-- Samples sent away for testing, their results, and the calls that tell
-- the patient: every step from taken to closed, so that none is forgotten.

-- Laboratories and hospital departments keep their usual turnaround.
ALTER TABLE contact ADD COLUMN turnaround_days INTEGER
  CHECK (turnaround_days IS NULL OR turnaround_days BETWEEN 0 AND 365);
ALTER TABLE contact ADD COLUMN turnaround_working INTEGER NOT NULL DEFAULT 1
  CHECK (turnaround_working IN (0, 1));

CREATE TABLE sample (
  id             INTEGER PRIMARY KEY,
  patient_id     INTEGER NOT NULL REFERENCES patient (id),
  appointment_id INTEGER REFERENCES appointment (id) ON DELETE SET NULL,
  type           TEXT NOT NULL CHECK (type IN ('histology', 'blood', 'swab', 'scrapings', 'other')),
  site           TEXT,
  description    TEXT,
  taken_on       TEXT NOT NULL CHECK (taken_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  taken_by       TEXT,
  lab_id         INTEGER REFERENCES contact (id),
  lab_reference  TEXT,
  sent_on        TEXT,
  sent_method    TEXT CHECK (sent_method IS NULL OR sent_method IN ('courier', 'post', 'internal')),
  expected_by    TEXT,
  state          TEXT NOT NULL DEFAULT 'taken'
                 CHECK (state IN ('taken', 'sent', 'received', 'reviewed', 'informed', 'closed',
                                  'cancelled', 'lost')),
  review_action  TEXT CHECK (review_action IS NULL
                             OR review_action IN ('none', 'letter', 'appointment', 'procedure', 'refer')),
  review_note    TEXT,
  reviewed_by    TEXT,
  reviewed_at    TEXT,
  informed_how   TEXT CHECK (informed_how IS NULL OR informed_how IN ('phone', 'letter', 'in-person', 'email')),
  informed_by    TEXT,
  informed_at    TEXT,
  reason         TEXT,
  notes          TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK ((sent_on IS NULL) = (sent_method IS NULL)),
  -- The outstanding list's order rests on these: a sample not yet sent
  -- has no date due, and one sent always has one.
  CHECK (state <> 'taken' OR (sent_on IS NULL AND expected_by IS NULL)),
  CHECK (state <> 'sent' OR (sent_on IS NOT NULL AND expected_by IS NOT NULL))
);
-- The worklists, each one range of an index (harley-sample-worklists.c):
-- outstanding, 'sent' before 'taken', by the day due then the day taken,
-- so the most overdue comes first and the count of those overdue is a
-- range too; to review and to tell, the longest waiting first.
CREATE INDEX sample_state ON sample (state, expected_by, taken_on);
CREATE INDEX sample_step ON sample (state, updated_at);
CREATE INDEX sample_patient ON sample (patient_id, taken_on);

-- A result: for a sample, or arrived for none known (sample_id NULL) and
-- kept, never dropped, until it is matched to a patient.
CREATE TABLE result (
  id                INTEGER PRIMARY KEY,
  sample_id         INTEGER REFERENCES sample (id),
  lab_id            INTEGER REFERENCES contact (id),
  lab_reference     TEXT,
  patient_details   TEXT,
  received_on       TEXT NOT NULL,
  report            TEXT,
  abnormal          INTEGER NOT NULL DEFAULT 0 CHECK (abnormal IN (0, 1)),
  attachment        BLOB,
  attachment_type   TEXT,
  attachment_name   TEXT,
  attachment_sha256 TEXT CHECK (attachment_sha256 IS NULL OR length (attachment_sha256) = 64),
  created_at        TEXT NOT NULL,
  CHECK ((attachment IS NULL) = (attachment_sha256 IS NULL))
);
CREATE UNIQUE INDEX result_sample ON result (sample_id) WHERE sample_id IS NOT NULL;
-- sample_id is in it, always NULL, so that the unmatched list is a covering
-- search of it rather than a walk that reads each result's row.
CREATE INDEX result_unmatched ON result (sample_id, received_on) WHERE sample_id IS NULL;

-- Every attempt to phone a patient, or a laboratory to chase a result.
CREATE TABLE call (
  id         INTEGER PRIMARY KEY,
  patient_id INTEGER REFERENCES patient (id),
  contact_id INTEGER REFERENCES contact (id),
  sample_id  INTEGER REFERENCES sample (id),
  at         TEXT NOT NULL,
  by         TEXT NOT NULL,
  outcome    TEXT NOT NULL CHECK (outcome IN ('spoke', 'message', 'no-answer', 'wrong-number')),
  note       TEXT,
  CHECK (patient_id IS NOT NULL OR contact_id IS NOT NULL)
);
CREATE INDEX call_sample ON call (sample_id, at);
CREATE INDEX call_patient ON call (patient_id, at);

CREATE TABLE sample_event (
  id        INTEGER PRIMARY KEY,
  sample_id INTEGER NOT NULL REFERENCES sample (id) ON DELETE CASCADE,
  at        TEXT NOT NULL,
  by        TEXT NOT NULL,
  summary   TEXT NOT NULL
);
CREATE INDEX sample_event_sample ON sample_event (sample_id);
