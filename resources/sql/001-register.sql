-- SPDX-License-Identifier: GPL-3.0-or-later
-- Harley's first schema: the practice, its address book and the patient register.
-- Applied in one transaction; PRAGMA user_version records it.

CREATE TABLE practice_detail (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE practice_logo (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  mime_type  TEXT NOT NULL,
  data       BLOB NOT NULL
);

-- The address book: GPs and their practices, referrers, hospitals,
-- laboratories, insurers.
CREATE TABLE contact (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('gp', 'gp-practice', 'referrer', 'hospital',
                                              'laboratory', 'insurer', 'other')),
  name          TEXT NOT NULL CHECK (name <> ''),
  organisation_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  code          TEXT,
  address_lines TEXT,
  post_town     TEXT,
  postcode      TEXT,
  phone         TEXT,
  email         TEXT,
  notes         TEXT,
  archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX contact_kind_name ON contact (kind, name);

CREATE TABLE patient (
  id                      INTEGER PRIMARY KEY,
  title                   TEXT,
  given_name              TEXT NOT NULL CHECK (given_name <> ''),
  family_name             TEXT NOT NULL CHECK (family_name <> ''),
  preferred_name          TEXT,
  date_of_birth           TEXT NOT NULL CHECK (date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  sex                     TEXT NOT NULL DEFAULT 'unknown'
                          CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  nhs_number              TEXT UNIQUE CHECK (nhs_number IS NULL OR (length (nhs_number) = 10
                                             AND nhs_number NOT GLOB '*[^0-9]*')),
  address_line1           TEXT,
  address_line2           TEXT,
  address_line3           TEXT,
  post_town               TEXT,
  postcode                TEXT,
  phone_home              TEXT,
  phone_mobile            TEXT,
  phone_work              TEXT,
  email                   TEXT,
  consent_post            INTEGER NOT NULL DEFAULT 1 CHECK (consent_post IN (0, 1)),
  consent_email           INTEGER NOT NULL DEFAULT 0 CHECK (consent_email IN (0, 1)),
  consent_sms             INTEGER NOT NULL DEFAULT 0 CHECK (consent_sms IN (0, 1)),
  consent_phone           INTEGER NOT NULL DEFAULT 1 CHECK (consent_phone IN (0, 1)),
  consent_leave_message   INTEGER NOT NULL DEFAULT 0 CHECK (consent_leave_message IN (0, 1)),
  gp_id                   INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  referrer_id             INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  insurer_id              INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  insurance_membership    TEXT,
  insurance_authorisation TEXT,
  self_pay                INTEGER NOT NULL DEFAULT 0 CHECK (self_pay IN (0, 1)),
  next_of_kin_name        TEXT,
  next_of_kin_relationship TEXT,
  next_of_kin_phone       TEXT,
  alerts                  TEXT,
  notes                   TEXT,
  archived                INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  -- ' smith jane janey ': folded name words, for matching every word typed
  name_words              TEXT NOT NULL DEFAULT '',
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);
CREATE INDEX patient_name_dob ON patient (family_name, given_name, date_of_birth);
CREATE INDEX patient_updated ON patient (updated_at);

CREATE TABLE hospital_number (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  hospital_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  number      TEXT NOT NULL CHECK (number <> '')
);
CREATE INDEX hospital_number_patient ON hospital_number (patient_id);

-- Search keys, kept by Harley's store in the same transaction as the patient.
-- Names: one row per folded word; class 0 = first word of the surname,
-- 1 = a later word of it, 2 = a first or preferred name. Read in index order, the rows come ranked alphabetically.
CREATE TABLE patient_name_key (
  class      INTEGER NOT NULL,
  word       TEXT NOT NULL,
  sort_key   TEXT NOT NULL,
  patient_id INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  PRIMARY KEY (class, word, sort_key, patient_id)
) WITHOUT ROWID;
CREATE INDEX patient_name_key_patient ON patient_name_key (patient_id);

-- Identifiers: NHS number, phone digits, compact postcode, hospital numbers,
-- date of birth (ISO).
CREATE TABLE patient_id_key (
  key        TEXT NOT NULL,
  sort_key   TEXT NOT NULL,
  patient_id INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  PRIMARY KEY (key, sort_key, patient_id)
) WITHOUT ROWID;
CREATE INDEX patient_id_key_patient ON patient_id_key (patient_id);

-- What happened to a record, newest last; later features add their own
-- entries (appointments, letters, results, calls) to the timeline.
CREATE TABLE patient_event (
  id         INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('created', 'changed', 'archived', 'restored')),
  summary    TEXT NOT NULL
);
CREATE INDEX patient_event_patient ON patient_event (patient_id, at);
