-- SPDX-License-Identifier: GPL-3.0-or-later
-- The diary: clinicians, appointment types, clinic sessions, blocked time
-- and appointments. Times are Europe/London wall-clock text
-- ('YYYY-MM-DD HH:MM'), so an appointment keeps its time of day across
-- the clock changes and sorts as text.

CREATE TABLE clinician (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (name <> ''),
  role       TEXT NOT NULL DEFAULT 'consultant'
             CHECK (role IN ('consultant', 'nurse', 'other')),
  position   INTEGER NOT NULL DEFAULT 0,
  archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

-- Every practice has its consultant; the name can be changed in Preferences.
INSERT INTO clinician (name, role, position)
  SELECT coalesce ((SELECT value FROM practice_detail WHERE key = 'consultant' AND value <> ''),
                   'The consultant'), 'consultant', 1;

CREATE TABLE appointment_type (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
  minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
  colour     TEXT NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  position   INTEGER NOT NULL DEFAULT 0,
  archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

INSERT INTO appointment_type (name, minutes, colour, position) VALUES
  ('New consultation', 30, '#3584e4', 1),
  ('Follow-up', 15, '#2ec27e', 2),
  ('Procedure', 45, '#e66100', 3),
  ('Telephone consultation', 10, '#9141ac', 4),
  ('Results discussion', 15, '#c64600', 5);

-- A clinic session: when a clinician sees patients at a location. The
-- rule is a HarleyRecurrence string ('once', 'weekly:1', 'weekly:2',
-- 'monthly:2:tue', 'monthly:last:fri') from first_date to last_date
-- (inclusive, or open), skipping the ISO dates in skipped (comma
-- separated). Times are minutes after local midnight.
CREATE TABLE clinic_session (
  id            INTEGER PRIMARY KEY,
  clinician_id  INTEGER NOT NULL REFERENCES clinician (id),
  location_id   INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  rule          TEXT NOT NULL,
  first_date    TEXT NOT NULL CHECK (first_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  last_date     TEXT CHECK (last_date IS NULL OR last_date >= first_date),
  start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute    INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
  slot_minutes  INTEGER NOT NULL DEFAULT 15 CHECK (slot_minutes BETWEEN 5 AND 240),
  skipped       TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX clinic_session_clinician ON clinic_session (clinician_id, first_date);

-- Holidays, theatre lists, admin: no booking may use this time unless the
-- user overrides. A NULL clinician blocks everyone.
CREATE TABLE blocked_time (
  id            INTEGER PRIMARY KEY,
  clinician_id  INTEGER REFERENCES clinician (id),
  reason        TEXT NOT NULL CHECK (reason IN ('holiday', 'theatre', 'admin', 'other')),
  note          TEXT,
  starts        TEXT NOT NULL CHECK (starts GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'),
  ends          TEXT NOT NULL CHECK (ends > starts),
  created_at    TEXT NOT NULL
);
CREATE INDEX blocked_time_ends ON blocked_time (ends);

-- An appointment lies within one day: ends is on the same date as starts.
CREATE TABLE appointment (
  id            INTEGER PRIMARY KEY,
  patient_id    INTEGER NOT NULL REFERENCES patient (id),
  clinician_id  INTEGER NOT NULL REFERENCES clinician (id),
  location_id   INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  type_id       INTEGER NOT NULL REFERENCES appointment_type (id),
  starts        TEXT NOT NULL CHECK (starts GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'),
  ends          TEXT NOT NULL CHECK (ends > starts AND substr (ends, 1, 10) = substr (starts, 1, 10)),
  status        TEXT NOT NULL DEFAULT 'booked'
                CHECK (status IN ('booked', 'arrived', 'seen', 'cancelled-by-patient',
                                  'cancelled-by-practice', 'did-not-attend')),
  cancel_reason TEXT,
  overbooked    INTEGER NOT NULL DEFAULT 0 CHECK (overbooked IN (0, 1)),
  notes         TEXT,
  booked_by     TEXT NOT NULL,
  booked_at     TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX appointment_starts ON appointment (starts);
CREATE INDEX appointment_clinician ON appointment (clinician_id, starts);
CREATE INDEX appointment_patient ON appointment (patient_id, starts);

-- Every change to an appointment, oldest first: booked, moved, arrived...
CREATE TABLE appointment_event (
  id             INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointment (id) ON DELETE CASCADE,
  at             TEXT NOT NULL,
  by             TEXT NOT NULL,
  summary        TEXT NOT NULL
);
CREATE INDEX appointment_event_appointment ON appointment_event (appointment_id);

-- The patient's timeline gains appointments.
CREATE TABLE patient_event_new (
  id         INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('created', 'changed', 'archived', 'restored',
                                           'appointment')),
  summary    TEXT NOT NULL
);
INSERT INTO patient_event_new SELECT id, patient_id, at, kind, summary FROM patient_event;
DROP TABLE patient_event;
ALTER TABLE patient_event_new RENAME TO patient_event;
CREATE INDEX patient_event_patient ON patient_event (patient_id, at);
