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

-- The shipped templates, in Harley letter text with merge fields; the practice
-- can change them, and they are marked shipped so that they can be told apart.
INSERT INTO letter_template (name, description, body, default_to, shipped, created_at, updated_at) VALUES
  ('Clinic letter to the GP',
   'The consultant''s letter to the GP after a clinic, with the PRSB outpatient headings',
   'Dear {{gp.name}}

Thank you for referring {{patient.full_name}}, whom I saw in clinic at {{appointment.location}} on {{appointment.date}}.

## Diagnoses

- 

## Clinical summary



## Examination findings



## Investigation results

None.

## Procedures

None.

## Medications

No changes.

## Plan and requested actions



## Information and advice given



Yours sincerely',
   'gp', 1, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('Letter to the patient, copy to the GP',
   'Written to the patient in plain English, as the Academy of Medical Royal Colleges'' “Please, write to me” guidance asks; the GP has a copy',
   'Dear {{patient.title}} {{patient.family_name}}

It was good to see you in clinic on {{appointment.date}}. I am writing to you, with a copy to your GP, to go over what we talked about.

## What we found



## What this means



## What happens next



## What you can do



If anything in this letter is not clear, or you have questions, please ring {{practice.phone}}.

Yours sincerely',
   'patient', 1, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('Appointment confirmation',
   'Confirms an appointment''s day, time and place to the patient',
   'Dear {{patient.title}} {{patient.family_name}}

This is to confirm your appointment:

- **{{appointment.date}}** at **{{appointment.time}}**
- {{appointment.type}} with {{clinician.name}}
- {{appointment.location}}

Please bring a list of the medicines you take, and arrive ten minutes early. If you cannot come, please ring {{practice.phone}} so that the time can be offered to someone else.

Yours sincerely',
   'patient', 1, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('Did not attend',
   'To the patient, copy to the GP, after a missed appointment',
   'Dear {{patient.title}} {{patient.family_name}}

We are sorry that you could not come to your appointment on {{appointment.date}} at {{appointment.time}}.

If you would like another appointment, please ring {{practice.phone}}. If we do not hear from you, we will let your GP know, and you can be referred again at any time.

Yours sincerely',
   'patient', 1, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('Results letter',
   'Tells the patient the result of a test',
   'Dear {{patient.title}} {{patient.family_name}}

I am writing with the result of your recent test.

## The result



## What this means



## What happens next



If you would like to talk about the result, please ring {{practice.phone}}.

Yours sincerely',
   'patient', 1, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('Procedure admission letter',
   'Tells the patient when and where to come for a procedure, and how to prepare',
   'Dear {{patient.title}} {{patient.family_name}}

Your procedure has been booked:

- **{{appointment.date}}** at **{{appointment.time}}**
- {{appointment.location}}
- {{appointment.type}} with {{clinician.name}}

## Before you come

- Eat and drink as usual unless you have been told otherwise.
- Take your usual medicines. If you take blood thinners, please ring us first.
- Do not wear make-up, creams or jewellery near the area to be treated.

## On the day

Please arrive fifteen minutes early and report to the reception desk. The procedure is done under local anaesthetic, and you can go home the same day.

If you need to change the date, please ring {{practice.phone}} as soon as you can.

Yours sincerely',
   'patient', 1, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'));

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
