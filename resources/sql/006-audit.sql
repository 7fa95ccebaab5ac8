-- SPDX-License-Identifier: GPL-3.0-or-later
-- The audit trail: who did what, when, to which patient. Entries are
-- only ever added; each carries a SHA-256 hash chained to the one before,
-- so that an entry edited, removed or slipped in behind Harley's back is
-- found by harley_audit_verify () and `harley-cli audit verify`.
--
-- Writes are recorded here by triggers, so no write path can forget
-- them; views, prints, exports and backups by harley_audit_add (), through
-- the audit_entry view. The triggers call two functions the store
-- registers on its connection:
-- harley_user (), who Harley is acting for, and harley_sha256 (). A
-- connection without them (the sqlite3 shell) cannot write audited
-- tables at all until the triggers are dropped, which verify then shows.
--
-- The hash of an entry is the lowercase hex SHA-256 of its canonical
-- form: the fields prev_hash, id, at, who, action, patient_id, what,
-- details, in that order, each written as its length in bytes (decimal),
-- a colon, its UTF-8 text and a comma, or as "~," when it is NULL.
-- Numbers are written in decimal, as SQLite prints them. For example
--   64:000…000,1:1,20:2025-03-04T10:15:00Z,5:alice,4:view,2:12,17:Record of Ann Lee,~,
-- The first entry's prev_hash is 64 zeros; each later one's is the hash
-- of the entry before it. Ids follow on without gaps: AUTOINCREMENT keeps
-- the highest id ever used in sqlite_sequence, and each entry takes the
-- next, so removing the last entries leaves a gap too.
--
-- details is JSON: for create, the new row's columns that are not NULL,
-- {"family_name": "Lee", ...}; for change (archive, restore), only the
-- columns that changed, each [old, new]; for delete, the old row. A
-- letter's text is recorded by its length, {"characters": 2140}, as it is
-- saved every second while it is typed. A migration that adds a column
-- to an audited table must recreate that table's audit triggers with it.

CREATE TABLE audit (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,             -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'
  who        TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action <> '' AND action NOT GLOB '*[^a-z-]*'),
  patient_id INTEGER,                   -- no foreign key: the trail outlives what it names
  what       TEXT NOT NULL,
  details    TEXT CHECK (details IS NULL OR json_valid (details)),
  prev_hash  TEXT NOT NULL CHECK (length (prev_hash) = 64),
  hash       TEXT NOT NULL CHECK (length (hash) = 64)
);
CREATE INDEX audit_patient ON audit (patient_id, id) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_who ON audit (who, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'Entries in the audit trail cannot be changed');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'Entries in the audit trail cannot be removed');
END;

-- The next entry's id, the hash it follows on from, the time and who:
-- one row, worked out once for each entry added (LIMIT keeps SQLite from
-- folding it into the statement that uses it, and so from working it out
-- again for each use).
CREATE VIEW audit_next AS
  SELECT coalesce ((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0) + 1 AS id,
         coalesce ((SELECT hash FROM audit ORDER BY id DESC LIMIT 1),
                   '0000000000000000000000000000000000000000000000000000000000000000') AS prev_hash,
         strftime ('%Y-%m-%dT%H:%M:%SZ', 'now') AS at,
         harley_user () AS who
   LIMIT 1;

-- Entries are added with audit_next, by the triggers below and through
-- audit_entry; this check refuses one that does not follow on from the
-- last, however it came.
CREATE TRIGGER audit_chained BEFORE INSERT ON audit
  WHEN NEW.id IS NOT coalesce ((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0) + 1
    OR NEW.prev_hash IS NOT coalesce ((SELECT hash FROM audit ORDER BY id DESC LIMIT 1),
                                      '0000000000000000000000000000000000000000000000000000000000000000')
    OR NEW.hash IS NOT harley_sha256 (NEW.prev_hash, NEW.id, NEW.at, NEW.who, NEW.action, NEW.patient_id,
                                      NEW.what, NEW.details)
BEGIN
  SELECT RAISE (ABORT, 'An audit entry must follow on from the one before it');
END;

-- INSERT INTO audit_entry (action, patient_id, what, details): how
-- harley_audit_add () adds an entry.
CREATE VIEW audit_entry AS SELECT action, patient_id, what, details FROM audit;

CREATE TRIGGER audit_entry_insert INSTEAD OF INSERT ON audit_entry
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, NEW.action, NEW.patient_id, NEW.what, NEW.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, NEW.action, NEW.patient_id, NEW.what, NEW.details)
      FROM audit_next AS n;
END;

-- What each audited table's writes record. The patient an entry is about
-- is found through the letter or sample where the row has none of its own.
CREATE TRIGGER audit_patient_insert AFTER INSERT ON patient
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NEW.id AS patient_id,
                   'Record of ' || NEW.given_name || ' ' || NEW.family_name AS what,
                   json_patch ('{}', json_object (
                    'title', NEW.title,
                    'given_name', NEW.given_name,
                    'family_name', NEW.family_name,
                    'preferred_name', NEW.preferred_name,
                    'date_of_birth', NEW.date_of_birth,
                    'sex', NEW.sex,
                    'nhs_number', NEW.nhs_number,
                    'address_line1', NEW.address_line1,
                    'address_line2', NEW.address_line2,
                    'address_line3', NEW.address_line3,
                    'post_town', NEW.post_town,
                    'postcode', NEW.postcode,
                    'phone_home', NEW.phone_home,
                    'phone_mobile', NEW.phone_mobile,
                    'phone_work', NEW.phone_work,
                    'email', NEW.email,
                    'consent_post', NEW.consent_post,
                    'consent_email', NEW.consent_email,
                    'consent_sms', NEW.consent_sms,
                    'consent_phone', NEW.consent_phone,
                    'consent_leave_message', NEW.consent_leave_message,
                    'gp_id', NEW.gp_id,
                    'referrer_id', NEW.referrer_id,
                    'insurer_id', NEW.insurer_id,
                    'insurance_membership', NEW.insurance_membership,
                    'insurance_authorisation', NEW.insurance_authorisation,
                    'self_pay', NEW.self_pay,
                    'next_of_kin_name', NEW.next_of_kin_name,
                    'next_of_kin_relationship', NEW.next_of_kin_relationship,
                    'next_of_kin_phone', NEW.next_of_kin_phone,
                    'alerts', NEW.alerts,
                    'notes', NEW.notes,
                    'archived', NEW.archived)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_patient_update AFTER UPDATE ON patient
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT CASE WHEN OLD.archived = NEW.archived THEN 'change'
                        WHEN NEW.archived THEN 'archive' ELSE 'restore' END AS action,
                   NEW.id AS patient_id,
                   'Record of ' || NEW.given_name || ' ' || NEW.family_name AS what,
                   json_patch ('{}', json_object (
                    'title', CASE WHEN OLD.title IS NOT NEW.title THEN json_array (OLD.title, NEW.title) END,
                    'given_name', CASE WHEN OLD.given_name IS NOT NEW.given_name THEN json_array (OLD.given_name, NEW.given_name) END,
                    'family_name', CASE WHEN OLD.family_name IS NOT NEW.family_name THEN json_array (OLD.family_name, NEW.family_name) END,
                    'preferred_name', CASE WHEN OLD.preferred_name IS NOT NEW.preferred_name THEN json_array (OLD.preferred_name, NEW.preferred_name) END,
                    'date_of_birth', CASE WHEN OLD.date_of_birth IS NOT NEW.date_of_birth THEN json_array (OLD.date_of_birth, NEW.date_of_birth) END,
                    'sex', CASE WHEN OLD.sex IS NOT NEW.sex THEN json_array (OLD.sex, NEW.sex) END,
                    'nhs_number', CASE WHEN OLD.nhs_number IS NOT NEW.nhs_number THEN json_array (OLD.nhs_number, NEW.nhs_number) END,
                    'address_line1', CASE WHEN OLD.address_line1 IS NOT NEW.address_line1 THEN json_array (OLD.address_line1, NEW.address_line1) END,
                    'address_line2', CASE WHEN OLD.address_line2 IS NOT NEW.address_line2 THEN json_array (OLD.address_line2, NEW.address_line2) END,
                    'address_line3', CASE WHEN OLD.address_line3 IS NOT NEW.address_line3 THEN json_array (OLD.address_line3, NEW.address_line3) END,
                    'post_town', CASE WHEN OLD.post_town IS NOT NEW.post_town THEN json_array (OLD.post_town, NEW.post_town) END,
                    'postcode', CASE WHEN OLD.postcode IS NOT NEW.postcode THEN json_array (OLD.postcode, NEW.postcode) END,
                    'phone_home', CASE WHEN OLD.phone_home IS NOT NEW.phone_home THEN json_array (OLD.phone_home, NEW.phone_home) END,
                    'phone_mobile', CASE WHEN OLD.phone_mobile IS NOT NEW.phone_mobile THEN json_array (OLD.phone_mobile, NEW.phone_mobile) END,
                    'phone_work', CASE WHEN OLD.phone_work IS NOT NEW.phone_work THEN json_array (OLD.phone_work, NEW.phone_work) END,
                    'email', CASE WHEN OLD.email IS NOT NEW.email THEN json_array (OLD.email, NEW.email) END,
                    'consent_post', CASE WHEN OLD.consent_post IS NOT NEW.consent_post THEN json_array (OLD.consent_post, NEW.consent_post) END,
                    'consent_email', CASE WHEN OLD.consent_email IS NOT NEW.consent_email THEN json_array (OLD.consent_email, NEW.consent_email) END,
                    'consent_sms', CASE WHEN OLD.consent_sms IS NOT NEW.consent_sms THEN json_array (OLD.consent_sms, NEW.consent_sms) END,
                    'consent_phone', CASE WHEN OLD.consent_phone IS NOT NEW.consent_phone THEN json_array (OLD.consent_phone, NEW.consent_phone) END,
                    'consent_leave_message', CASE WHEN OLD.consent_leave_message IS NOT NEW.consent_leave_message THEN json_array (OLD.consent_leave_message, NEW.consent_leave_message) END,
                    'gp_id', CASE WHEN OLD.gp_id IS NOT NEW.gp_id THEN json_array (OLD.gp_id, NEW.gp_id) END,
                    'referrer_id', CASE WHEN OLD.referrer_id IS NOT NEW.referrer_id THEN json_array (OLD.referrer_id, NEW.referrer_id) END,
                    'insurer_id', CASE WHEN OLD.insurer_id IS NOT NEW.insurer_id THEN json_array (OLD.insurer_id, NEW.insurer_id) END,
                    'insurance_membership', CASE WHEN OLD.insurance_membership IS NOT NEW.insurance_membership THEN json_array (OLD.insurance_membership, NEW.insurance_membership) END,
                    'insurance_authorisation', CASE WHEN OLD.insurance_authorisation IS NOT NEW.insurance_authorisation THEN json_array (OLD.insurance_authorisation, NEW.insurance_authorisation) END,
                    'self_pay', CASE WHEN OLD.self_pay IS NOT NEW.self_pay THEN json_array (OLD.self_pay, NEW.self_pay) END,
                    'next_of_kin_name', CASE WHEN OLD.next_of_kin_name IS NOT NEW.next_of_kin_name THEN json_array (OLD.next_of_kin_name, NEW.next_of_kin_name) END,
                    'next_of_kin_relationship', CASE WHEN OLD.next_of_kin_relationship IS NOT NEW.next_of_kin_relationship THEN json_array (OLD.next_of_kin_relationship, NEW.next_of_kin_relationship) END,
                    'next_of_kin_phone', CASE WHEN OLD.next_of_kin_phone IS NOT NEW.next_of_kin_phone THEN json_array (OLD.next_of_kin_phone, NEW.next_of_kin_phone) END,
                    'alerts', CASE WHEN OLD.alerts IS NOT NEW.alerts THEN json_array (OLD.alerts, NEW.alerts) END,
                    'notes', CASE WHEN OLD.notes IS NOT NEW.notes THEN json_array (OLD.notes, NEW.notes) END,
                    'archived', CASE WHEN OLD.archived IS NOT NEW.archived THEN json_array (OLD.archived, NEW.archived) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_patient_delete AFTER DELETE ON patient
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   OLD.id AS patient_id,
                   'Record of ' || OLD.given_name || ' ' || OLD.family_name AS what,
                   json_patch ('{}', json_object (
                    'title', OLD.title,
                    'given_name', OLD.given_name,
                    'family_name', OLD.family_name,
                    'preferred_name', OLD.preferred_name,
                    'date_of_birth', OLD.date_of_birth,
                    'sex', OLD.sex,
                    'nhs_number', OLD.nhs_number,
                    'address_line1', OLD.address_line1,
                    'address_line2', OLD.address_line2,
                    'address_line3', OLD.address_line3,
                    'post_town', OLD.post_town,
                    'postcode', OLD.postcode,
                    'phone_home', OLD.phone_home,
                    'phone_mobile', OLD.phone_mobile,
                    'phone_work', OLD.phone_work,
                    'email', OLD.email,
                    'consent_post', OLD.consent_post,
                    'consent_email', OLD.consent_email,
                    'consent_sms', OLD.consent_sms,
                    'consent_phone', OLD.consent_phone,
                    'consent_leave_message', OLD.consent_leave_message,
                    'gp_id', OLD.gp_id,
                    'referrer_id', OLD.referrer_id,
                    'insurer_id', OLD.insurer_id,
                    'insurance_membership', OLD.insurance_membership,
                    'insurance_authorisation', OLD.insurance_authorisation,
                    'self_pay', OLD.self_pay,
                    'next_of_kin_name', OLD.next_of_kin_name,
                    'next_of_kin_relationship', OLD.next_of_kin_relationship,
                    'next_of_kin_phone', OLD.next_of_kin_phone,
                    'alerts', OLD.alerts,
                    'notes', OLD.notes,
                    'archived', OLD.archived)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_appointment_insert AFTER INSERT ON appointment
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NEW.patient_id AS patient_id,
                   'Appointment ' || strftime ('%d/%m/%Y %H:%M', NEW.starts) AS what,
                   json_patch ('{}', json_object (
                    'patient_id', NEW.patient_id,
                    'clinician_id', NEW.clinician_id,
                    'location_id', NEW.location_id,
                    'type_id', NEW.type_id,
                    'starts', NEW.starts,
                    'ends', NEW.ends,
                    'status', NEW.status,
                    'cancel_reason', NEW.cancel_reason,
                    'overbooked', NEW.overbooked,
                    'notes', NEW.notes,
                    'booked_by', NEW.booked_by)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_appointment_update AFTER UPDATE ON appointment
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   NEW.patient_id AS patient_id,
                   'Appointment ' || strftime ('%d/%m/%Y %H:%M', NEW.starts) AS what,
                   json_patch ('{}', json_object (
                    'patient_id', CASE WHEN OLD.patient_id IS NOT NEW.patient_id THEN json_array (OLD.patient_id, NEW.patient_id) END,
                    'clinician_id', CASE WHEN OLD.clinician_id IS NOT NEW.clinician_id THEN json_array (OLD.clinician_id, NEW.clinician_id) END,
                    'location_id', CASE WHEN OLD.location_id IS NOT NEW.location_id THEN json_array (OLD.location_id, NEW.location_id) END,
                    'type_id', CASE WHEN OLD.type_id IS NOT NEW.type_id THEN json_array (OLD.type_id, NEW.type_id) END,
                    'starts', CASE WHEN OLD.starts IS NOT NEW.starts THEN json_array (OLD.starts, NEW.starts) END,
                    'ends', CASE WHEN OLD.ends IS NOT NEW.ends THEN json_array (OLD.ends, NEW.ends) END,
                    'status', CASE WHEN OLD.status IS NOT NEW.status THEN json_array (OLD.status, NEW.status) END,
                    'cancel_reason', CASE WHEN OLD.cancel_reason IS NOT NEW.cancel_reason THEN json_array (OLD.cancel_reason, NEW.cancel_reason) END,
                    'overbooked', CASE WHEN OLD.overbooked IS NOT NEW.overbooked THEN json_array (OLD.overbooked, NEW.overbooked) END,
                    'notes', CASE WHEN OLD.notes IS NOT NEW.notes THEN json_array (OLD.notes, NEW.notes) END,
                    'booked_by', CASE WHEN OLD.booked_by IS NOT NEW.booked_by THEN json_array (OLD.booked_by, NEW.booked_by) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_appointment_delete AFTER DELETE ON appointment
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   OLD.patient_id AS patient_id,
                   'Appointment ' || strftime ('%d/%m/%Y %H:%M', OLD.starts) AS what,
                   json_patch ('{}', json_object (
                    'patient_id', OLD.patient_id,
                    'clinician_id', OLD.clinician_id,
                    'location_id', OLD.location_id,
                    'type_id', OLD.type_id,
                    'starts', OLD.starts,
                    'ends', OLD.ends,
                    'status', OLD.status,
                    'cancel_reason', OLD.cancel_reason,
                    'overbooked', OLD.overbooked,
                    'notes', OLD.notes,
                    'booked_by', OLD.booked_by)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_insert AFTER INSERT ON letter
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NEW.patient_id AS patient_id,
                   'Letter ' || NEW.id || coalesce (': ' || NEW.subject, '') AS what,
                   json_patch ('{}', json_object (
                    'patient_id', NEW.patient_id,
                    'appointment_id', NEW.appointment_id,
                    'template_id', NEW.template_id,
                    'clinician_id', NEW.clinician_id,
                    'subject', NEW.subject,
                    'state', NEW.state,
                    'version', NEW.version,
                    'body', json_object ('characters', length (NEW.body)),
                    'correction', NEW.correction)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_update AFTER UPDATE ON letter
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   NEW.patient_id AS patient_id,
                   'Letter ' || NEW.id || coalesce (': ' || NEW.subject, '') AS what,
                   json_patch ('{}', json_object (
                    'patient_id', CASE WHEN OLD.patient_id IS NOT NEW.patient_id THEN json_array (OLD.patient_id, NEW.patient_id) END,
                    'appointment_id', CASE WHEN OLD.appointment_id IS NOT NEW.appointment_id THEN json_array (OLD.appointment_id, NEW.appointment_id) END,
                    'template_id', CASE WHEN OLD.template_id IS NOT NEW.template_id THEN json_array (OLD.template_id, NEW.template_id) END,
                    'clinician_id', CASE WHEN OLD.clinician_id IS NOT NEW.clinician_id THEN json_array (OLD.clinician_id, NEW.clinician_id) END,
                    'subject', CASE WHEN OLD.subject IS NOT NEW.subject THEN json_array (OLD.subject, NEW.subject) END,
                    'state', CASE WHEN OLD.state IS NOT NEW.state THEN json_array (OLD.state, NEW.state) END,
                    'version', CASE WHEN OLD.version IS NOT NEW.version THEN json_array (OLD.version, NEW.version) END,
                    'body', CASE WHEN OLD.body IS NOT NEW.body THEN json_array (json_object ('characters', length (OLD.body)), json_object ('characters', length (NEW.body))) END,
                    'correction', CASE WHEN OLD.correction IS NOT NEW.correction THEN json_array (OLD.correction, NEW.correction) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_delete AFTER DELETE ON letter
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   OLD.patient_id AS patient_id,
                   'Letter ' || OLD.id || coalesce (': ' || OLD.subject, '') AS what,
                   json_patch ('{}', json_object (
                    'patient_id', OLD.patient_id,
                    'appointment_id', OLD.appointment_id,
                    'template_id', OLD.template_id,
                    'clinician_id', OLD.clinician_id,
                    'subject', OLD.subject,
                    'state', OLD.state,
                    'version', OLD.version,
                    'body', json_object ('characters', length (OLD.body)),
                    'correction', OLD.correction)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_recipient_insert AFTER INSERT ON letter_recipient
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   (SELECT patient_id FROM letter WHERE id = NEW.letter_id) AS patient_id,
                   'Letter ' || NEW.letter_id || CASE NEW.role WHEN 'to' THEN ', to the ' ELSE ', copy to the ' END || NEW.kind AS what,
                   json_patch ('{}', json_object (
                    'letter_id', NEW.letter_id,
                    'role', NEW.role,
                    'kind', NEW.kind,
                    'contact_id', NEW.contact_id,
                    'position', NEW.position,
                    'sent_method', NEW.sent_method,
                    'sent_at', NEW.sent_at)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_recipient_update AFTER UPDATE ON letter_recipient
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   (SELECT patient_id FROM letter WHERE id = NEW.letter_id) AS patient_id,
                   'Letter ' || NEW.letter_id || CASE NEW.role WHEN 'to' THEN ', to the ' ELSE ', copy to the ' END || NEW.kind AS what,
                   json_patch ('{}', json_object (
                    'letter_id', CASE WHEN OLD.letter_id IS NOT NEW.letter_id THEN json_array (OLD.letter_id, NEW.letter_id) END,
                    'role', CASE WHEN OLD.role IS NOT NEW.role THEN json_array (OLD.role, NEW.role) END,
                    'kind', CASE WHEN OLD.kind IS NOT NEW.kind THEN json_array (OLD.kind, NEW.kind) END,
                    'contact_id', CASE WHEN OLD.contact_id IS NOT NEW.contact_id THEN json_array (OLD.contact_id, NEW.contact_id) END,
                    'position', CASE WHEN OLD.position IS NOT NEW.position THEN json_array (OLD.position, NEW.position) END,
                    'sent_method', CASE WHEN OLD.sent_method IS NOT NEW.sent_method THEN json_array (OLD.sent_method, NEW.sent_method) END,
                    'sent_at', CASE WHEN OLD.sent_at IS NOT NEW.sent_at THEN json_array (OLD.sent_at, NEW.sent_at) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_recipient_delete AFTER DELETE ON letter_recipient
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   (SELECT patient_id FROM letter WHERE id = OLD.letter_id) AS patient_id,
                   'Letter ' || OLD.letter_id || CASE OLD.role WHEN 'to' THEN ', to the ' ELSE ', copy to the ' END || OLD.kind AS what,
                   json_patch ('{}', json_object (
                    'letter_id', OLD.letter_id,
                    'role', OLD.role,
                    'kind', OLD.kind,
                    'contact_id', OLD.contact_id,
                    'position', OLD.position,
                    'sent_method', OLD.sent_method,
                    'sent_at', OLD.sent_at)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_sample_insert AFTER INSERT ON sample
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NEW.patient_id AS patient_id,
                   'Sample ' || NEW.id || ' (' || NEW.type || coalesce (', ' || NEW.site, '') || ')' AS what,
                   json_patch ('{}', json_object (
                    'patient_id', NEW.patient_id,
                    'appointment_id', NEW.appointment_id,
                    'type', NEW.type,
                    'site', NEW.site,
                    'description', NEW.description,
                    'taken_on', NEW.taken_on,
                    'taken_by', NEW.taken_by,
                    'lab_id', NEW.lab_id,
                    'lab_reference', NEW.lab_reference,
                    'sent_on', NEW.sent_on,
                    'sent_method', NEW.sent_method,
                    'expected_by', NEW.expected_by,
                    'state', NEW.state,
                    'review_action', NEW.review_action,
                    'review_note', NEW.review_note,
                    'reviewed_by', NEW.reviewed_by,
                    'reviewed_at', NEW.reviewed_at,
                    'informed_how', NEW.informed_how,
                    'informed_by', NEW.informed_by,
                    'informed_at', NEW.informed_at,
                    'reason', NEW.reason,
                    'notes', NEW.notes)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_sample_update AFTER UPDATE ON sample
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   NEW.patient_id AS patient_id,
                   'Sample ' || NEW.id || ' (' || NEW.type || coalesce (', ' || NEW.site, '') || ')' AS what,
                   json_patch ('{}', json_object (
                    'patient_id', CASE WHEN OLD.patient_id IS NOT NEW.patient_id THEN json_array (OLD.patient_id, NEW.patient_id) END,
                    'appointment_id', CASE WHEN OLD.appointment_id IS NOT NEW.appointment_id THEN json_array (OLD.appointment_id, NEW.appointment_id) END,
                    'type', CASE WHEN OLD.type IS NOT NEW.type THEN json_array (OLD.type, NEW.type) END,
                    'site', CASE WHEN OLD.site IS NOT NEW.site THEN json_array (OLD.site, NEW.site) END,
                    'description', CASE WHEN OLD.description IS NOT NEW.description THEN json_array (OLD.description, NEW.description) END,
                    'taken_on', CASE WHEN OLD.taken_on IS NOT NEW.taken_on THEN json_array (OLD.taken_on, NEW.taken_on) END,
                    'taken_by', CASE WHEN OLD.taken_by IS NOT NEW.taken_by THEN json_array (OLD.taken_by, NEW.taken_by) END,
                    'lab_id', CASE WHEN OLD.lab_id IS NOT NEW.lab_id THEN json_array (OLD.lab_id, NEW.lab_id) END,
                    'lab_reference', CASE WHEN OLD.lab_reference IS NOT NEW.lab_reference THEN json_array (OLD.lab_reference, NEW.lab_reference) END,
                    'sent_on', CASE WHEN OLD.sent_on IS NOT NEW.sent_on THEN json_array (OLD.sent_on, NEW.sent_on) END,
                    'sent_method', CASE WHEN OLD.sent_method IS NOT NEW.sent_method THEN json_array (OLD.sent_method, NEW.sent_method) END,
                    'expected_by', CASE WHEN OLD.expected_by IS NOT NEW.expected_by THEN json_array (OLD.expected_by, NEW.expected_by) END,
                    'state', CASE WHEN OLD.state IS NOT NEW.state THEN json_array (OLD.state, NEW.state) END,
                    'review_action', CASE WHEN OLD.review_action IS NOT NEW.review_action THEN json_array (OLD.review_action, NEW.review_action) END,
                    'review_note', CASE WHEN OLD.review_note IS NOT NEW.review_note THEN json_array (OLD.review_note, NEW.review_note) END,
                    'reviewed_by', CASE WHEN OLD.reviewed_by IS NOT NEW.reviewed_by THEN json_array (OLD.reviewed_by, NEW.reviewed_by) END,
                    'reviewed_at', CASE WHEN OLD.reviewed_at IS NOT NEW.reviewed_at THEN json_array (OLD.reviewed_at, NEW.reviewed_at) END,
                    'informed_how', CASE WHEN OLD.informed_how IS NOT NEW.informed_how THEN json_array (OLD.informed_how, NEW.informed_how) END,
                    'informed_by', CASE WHEN OLD.informed_by IS NOT NEW.informed_by THEN json_array (OLD.informed_by, NEW.informed_by) END,
                    'informed_at', CASE WHEN OLD.informed_at IS NOT NEW.informed_at THEN json_array (OLD.informed_at, NEW.informed_at) END,
                    'reason', CASE WHEN OLD.reason IS NOT NEW.reason THEN json_array (OLD.reason, NEW.reason) END,
                    'notes', CASE WHEN OLD.notes IS NOT NEW.notes THEN json_array (OLD.notes, NEW.notes) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_sample_delete AFTER DELETE ON sample
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   OLD.patient_id AS patient_id,
                   'Sample ' || OLD.id || ' (' || OLD.type || coalesce (', ' || OLD.site, '') || ')' AS what,
                   json_patch ('{}', json_object (
                    'patient_id', OLD.patient_id,
                    'appointment_id', OLD.appointment_id,
                    'type', OLD.type,
                    'site', OLD.site,
                    'description', OLD.description,
                    'taken_on', OLD.taken_on,
                    'taken_by', OLD.taken_by,
                    'lab_id', OLD.lab_id,
                    'lab_reference', OLD.lab_reference,
                    'sent_on', OLD.sent_on,
                    'sent_method', OLD.sent_method,
                    'expected_by', OLD.expected_by,
                    'state', OLD.state,
                    'review_action', OLD.review_action,
                    'review_note', OLD.review_note,
                    'reviewed_by', OLD.reviewed_by,
                    'reviewed_at', OLD.reviewed_at,
                    'informed_how', OLD.informed_how,
                    'informed_by', OLD.informed_by,
                    'informed_at', OLD.informed_at,
                    'reason', OLD.reason,
                    'notes', OLD.notes)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_result_insert AFTER INSERT ON result
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   (SELECT patient_id FROM sample WHERE id = NEW.sample_id) AS patient_id,
                   'Result ' || NEW.id || coalesce (' for sample ' || NEW.sample_id, ', not matched to a sample') AS what,
                   json_patch ('{}', json_object (
                    'sample_id', NEW.sample_id,
                    'lab_id', NEW.lab_id,
                    'lab_reference', NEW.lab_reference,
                    'patient_details', NEW.patient_details,
                    'received_on', NEW.received_on,
                    'report', NEW.report,
                    'abnormal', NEW.abnormal,
                    'attachment_type', NEW.attachment_type,
                    'attachment_name', NEW.attachment_name,
                    'attachment_sha256', NEW.attachment_sha256)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_result_update AFTER UPDATE ON result
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   (SELECT patient_id FROM sample WHERE id = NEW.sample_id) AS patient_id,
                   'Result ' || NEW.id || coalesce (' for sample ' || NEW.sample_id, ', not matched to a sample') AS what,
                   json_patch ('{}', json_object (
                    'sample_id', CASE WHEN OLD.sample_id IS NOT NEW.sample_id THEN json_array (OLD.sample_id, NEW.sample_id) END,
                    'lab_id', CASE WHEN OLD.lab_id IS NOT NEW.lab_id THEN json_array (OLD.lab_id, NEW.lab_id) END,
                    'lab_reference', CASE WHEN OLD.lab_reference IS NOT NEW.lab_reference THEN json_array (OLD.lab_reference, NEW.lab_reference) END,
                    'patient_details', CASE WHEN OLD.patient_details IS NOT NEW.patient_details THEN json_array (OLD.patient_details, NEW.patient_details) END,
                    'received_on', CASE WHEN OLD.received_on IS NOT NEW.received_on THEN json_array (OLD.received_on, NEW.received_on) END,
                    'report', CASE WHEN OLD.report IS NOT NEW.report THEN json_array (OLD.report, NEW.report) END,
                    'abnormal', CASE WHEN OLD.abnormal IS NOT NEW.abnormal THEN json_array (OLD.abnormal, NEW.abnormal) END,
                    'attachment_type', CASE WHEN OLD.attachment_type IS NOT NEW.attachment_type THEN json_array (OLD.attachment_type, NEW.attachment_type) END,
                    'attachment_name', CASE WHEN OLD.attachment_name IS NOT NEW.attachment_name THEN json_array (OLD.attachment_name, NEW.attachment_name) END,
                    'attachment_sha256', CASE WHEN OLD.attachment_sha256 IS NOT NEW.attachment_sha256 THEN json_array (OLD.attachment_sha256, NEW.attachment_sha256) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_result_delete AFTER DELETE ON result
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   (SELECT patient_id FROM sample WHERE id = OLD.sample_id) AS patient_id,
                   'Result ' || OLD.id || coalesce (' for sample ' || OLD.sample_id, ', not matched to a sample') AS what,
                   json_patch ('{}', json_object (
                    'sample_id', OLD.sample_id,
                    'lab_id', OLD.lab_id,
                    'lab_reference', OLD.lab_reference,
                    'patient_details', OLD.patient_details,
                    'received_on', OLD.received_on,
                    'report', OLD.report,
                    'abnormal', OLD.abnormal,
                    'attachment_type', OLD.attachment_type,
                    'attachment_name', OLD.attachment_name,
                    'attachment_sha256', OLD.attachment_sha256)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_call_insert AFTER INSERT ON call
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   coalesce (NEW.patient_id, (SELECT patient_id FROM sample WHERE id = NEW.sample_id)) AS patient_id,
                   'Call ' || NEW.id || ' (' || NEW.outcome || ')' AS what,
                   json_patch ('{}', json_object (
                    'patient_id', NEW.patient_id,
                    'contact_id', NEW.contact_id,
                    'sample_id', NEW.sample_id,
                    'at', NEW.at,
                    'by', NEW.by,
                    'outcome', NEW.outcome,
                    'note', NEW.note)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_call_update AFTER UPDATE ON call
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   coalesce (NEW.patient_id, (SELECT patient_id FROM sample WHERE id = NEW.sample_id)) AS patient_id,
                   'Call ' || NEW.id || ' (' || NEW.outcome || ')' AS what,
                   json_patch ('{}', json_object (
                    'patient_id', CASE WHEN OLD.patient_id IS NOT NEW.patient_id THEN json_array (OLD.patient_id, NEW.patient_id) END,
                    'contact_id', CASE WHEN OLD.contact_id IS NOT NEW.contact_id THEN json_array (OLD.contact_id, NEW.contact_id) END,
                    'sample_id', CASE WHEN OLD.sample_id IS NOT NEW.sample_id THEN json_array (OLD.sample_id, NEW.sample_id) END,
                    'at', CASE WHEN OLD.at IS NOT NEW.at THEN json_array (OLD.at, NEW.at) END,
                    'by', CASE WHEN OLD.by IS NOT NEW.by THEN json_array (OLD.by, NEW.by) END,
                    'outcome', CASE WHEN OLD.outcome IS NOT NEW.outcome THEN json_array (OLD.outcome, NEW.outcome) END,
                    'note', CASE WHEN OLD.note IS NOT NEW.note THEN json_array (OLD.note, NEW.note) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_call_delete AFTER DELETE ON call
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   coalesce (OLD.patient_id, (SELECT patient_id FROM sample WHERE id = OLD.sample_id)) AS patient_id,
                   'Call ' || OLD.id || ' (' || OLD.outcome || ')' AS what,
                   json_patch ('{}', json_object (
                    'patient_id', OLD.patient_id,
                    'contact_id', OLD.contact_id,
                    'sample_id', OLD.sample_id,
                    'at', OLD.at,
                    'by', OLD.by,
                    'outcome', OLD.outcome,
                    'note', OLD.note)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_contact_insert AFTER INSERT ON contact
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NULL AS patient_id,
                   'Address book: ' || NEW.name AS what,
                   json_patch ('{}', json_object (
                    'kind', NEW.kind,
                    'name', NEW.name,
                    'organisation_id', NEW.organisation_id,
                    'code', NEW.code,
                    'address_lines', NEW.address_lines,
                    'post_town', NEW.post_town,
                    'postcode', NEW.postcode,
                    'phone', NEW.phone,
                    'email', NEW.email,
                    'notes', NEW.notes,
                    'archived', NEW.archived,
                    'turnaround_days', NEW.turnaround_days,
                    'turnaround_working', NEW.turnaround_working)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_contact_update AFTER UPDATE ON contact
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT CASE WHEN OLD.archived = NEW.archived THEN 'change'
                        WHEN NEW.archived THEN 'archive' ELSE 'restore' END AS action,
                   NULL AS patient_id,
                   'Address book: ' || NEW.name AS what,
                   json_patch ('{}', json_object (
                    'kind', CASE WHEN OLD.kind IS NOT NEW.kind THEN json_array (OLD.kind, NEW.kind) END,
                    'name', CASE WHEN OLD.name IS NOT NEW.name THEN json_array (OLD.name, NEW.name) END,
                    'organisation_id', CASE WHEN OLD.organisation_id IS NOT NEW.organisation_id THEN json_array (OLD.organisation_id, NEW.organisation_id) END,
                    'code', CASE WHEN OLD.code IS NOT NEW.code THEN json_array (OLD.code, NEW.code) END,
                    'address_lines', CASE WHEN OLD.address_lines IS NOT NEW.address_lines THEN json_array (OLD.address_lines, NEW.address_lines) END,
                    'post_town', CASE WHEN OLD.post_town IS NOT NEW.post_town THEN json_array (OLD.post_town, NEW.post_town) END,
                    'postcode', CASE WHEN OLD.postcode IS NOT NEW.postcode THEN json_array (OLD.postcode, NEW.postcode) END,
                    'phone', CASE WHEN OLD.phone IS NOT NEW.phone THEN json_array (OLD.phone, NEW.phone) END,
                    'email', CASE WHEN OLD.email IS NOT NEW.email THEN json_array (OLD.email, NEW.email) END,
                    'notes', CASE WHEN OLD.notes IS NOT NEW.notes THEN json_array (OLD.notes, NEW.notes) END,
                    'archived', CASE WHEN OLD.archived IS NOT NEW.archived THEN json_array (OLD.archived, NEW.archived) END,
                    'turnaround_days', CASE WHEN OLD.turnaround_days IS NOT NEW.turnaround_days THEN json_array (OLD.turnaround_days, NEW.turnaround_days) END,
                    'turnaround_working', CASE WHEN OLD.turnaround_working IS NOT NEW.turnaround_working THEN json_array (OLD.turnaround_working, NEW.turnaround_working) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_contact_delete AFTER DELETE ON contact
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   NULL AS patient_id,
                   'Address book: ' || OLD.name AS what,
                   json_patch ('{}', json_object (
                    'kind', OLD.kind,
                    'name', OLD.name,
                    'organisation_id', OLD.organisation_id,
                    'code', OLD.code,
                    'address_lines', OLD.address_lines,
                    'post_town', OLD.post_town,
                    'postcode', OLD.postcode,
                    'phone', OLD.phone,
                    'email', OLD.email,
                    'notes', OLD.notes,
                    'archived', OLD.archived,
                    'turnaround_days', OLD.turnaround_days,
                    'turnaround_working', OLD.turnaround_working)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;
