-- SPDX-License-Identifier: GPL-3.0-or-later
-- Letters: templates, letters with their life from draft to filed, the
-- approved versions frozen as PDF with a SHA-256, and each recipient with
-- how and when the letter went to them.

CREATE TABLE letter_template (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  description TEXT,
  body        TEXT NOT NULL,
  default_to  TEXT NOT NULL DEFAULT 'gp'
              CHECK (default_to IN ('patient', 'gp', 'referrer', 'insurer', 'contact')),
  shipped     INTEGER NOT NULL DEFAULT 0 CHECK (shipped IN (0, 1)),
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE letter (
  id             INTEGER PRIMARY KEY,
  patient_id     INTEGER NOT NULL REFERENCES patient (id),
  appointment_id INTEGER REFERENCES appointment (id) ON DELETE SET NULL,
  template_id    INTEGER REFERENCES letter_template (id) ON DELETE SET NULL,
  clinician_id   INTEGER REFERENCES clinician (id),
  subject        TEXT,
  state          TEXT NOT NULL DEFAULT 'draft'
                 CHECK (state IN ('draft', 'typed', 'awaiting-approval', 'awaiting-correction',
                                  'approved', 'sent', 'filed')),
  version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  body           TEXT NOT NULL DEFAULT '',
  correction     TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX letter_patient ON letter (patient_id, created_at);
CREATE INDEX letter_state ON letter (state, updated_at);

-- An approved version: its text and PDF bytes as approved, never changed.
CREATE TABLE letter_version (
  id          INTEGER PRIMARY KEY,
  letter_id   INTEGER NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  body        TEXT NOT NULL,
  pdf         BLOB NOT NULL,
  sha256      TEXT NOT NULL CHECK (length (sha256) = 64),
  approved_at TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  on_behalf   INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
  UNIQUE (letter_id, version)
);

CREATE TABLE letter_recipient (
  id          INTEGER PRIMARY KEY,
  letter_id   INTEGER NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('to', 'cc')),
  kind        TEXT NOT NULL CHECK (kind IN ('patient', 'gp', 'referrer', 'insurer', 'contact')),
  contact_id  INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  sent_method TEXT CHECK (sent_method IS NULL OR sent_method IN ('post', 'email', 'by-hand')),
  sent_at     TEXT,
  CHECK ((sent_method IS NULL) = (sent_at IS NULL))
);
CREATE INDEX letter_recipient_letter ON letter_recipient (letter_id, position);

CREATE TABLE letter_event (
  id        INTEGER PRIMARY KEY,
  letter_id INTEGER NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
  at        TEXT NOT NULL,
  by        TEXT NOT NULL,
  summary   TEXT NOT NULL
);
CREATE INDEX letter_event_letter ON letter_event (letter_id);

-- The patient's timeline gains letters, and the samples, results and
-- calls that come next, so that it need not be rebuilt again for them.
CREATE TABLE patient_event_new (
  id         INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('created', 'changed', 'archived', 'restored',
                                           'appointment', 'letter', 'sample', 'result', 'call')),
  summary    TEXT NOT NULL
);
INSERT INTO patient_event_new SELECT id, patient_id, at, kind, summary FROM patient_event;
DROP TABLE patient_event;
ALTER TABLE patient_event_new RENAME TO patient_event;
CREATE INDEX patient_event_patient ON patient_event (patient_id, at);
