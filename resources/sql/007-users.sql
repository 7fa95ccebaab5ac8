-- SPDX-License-Identifier: GPL-3.0-or-later
-- The people who use Harley. Each signs in with a passphrase of their
-- own, kept only as an Argon2id hash in libsodium's crypto_pwhash_str
-- form ("$argon2id$v=19$m=…,t=…,p=1$salt$hash"): the passphrase itself is
-- never stored. What each does enters the audit trail under their name.
--
-- Roles: a secretary keeps the records, diary, letters and samples; a
-- clinician also approves letters and reviews results, and may be one of
-- the diary's clinicians; an administrator also looks after the users,
-- backups and preferences.
--
-- failed_tries and last_failed_at slow down guessing: after three wrong
-- passphrases in a row the next try waits, longer each time, even when
-- Harley is started again. Failed sign-ins are in the audit trail on their
-- own, so the triggers below leave these two columns out.

CREATE TABLE user_account (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL CHECK (trim (name) <> ''),
  role            TEXT NOT NULL CHECK (role IN ('secretary', 'clinician', 'administrator')),
  passphrase_hash TEXT NOT NULL CHECK (passphrase_hash GLOB '$argon2id$*'),
  clinician_id    INTEGER REFERENCES clinician (id),
  failed_tries    INTEGER NOT NULL DEFAULT 0 CHECK (failed_tries >= 0),
  last_failed_at  TEXT,                      -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'
  created_at      TEXT NOT NULL,
  archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE UNIQUE INDEX user_account_name ON user_account (name COLLATE NOCASE) WHERE archived = 0;

CREATE TRIGGER audit_user_account_insert AFTER INSERT ON user_account
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NULL AS patient_id,
                   'User: ' || NEW.name AS what,
                   json_patch ('{}', json_object (
                    'name', NEW.name,
                    'role', NEW.role,
                    'clinician_id', NEW.clinician_id,
                    'archived', NEW.archived)) AS details
             LIMIT 1) AS e,
           audit_next AS n;
END;

CREATE TRIGGER audit_user_account_update AFTER UPDATE ON user_account
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT CASE WHEN OLD.archived = NEW.archived THEN 'change'
                        WHEN NEW.archived THEN 'archive' ELSE 'restore' END AS action,
                   NULL AS patient_id,
                   'User: ' || NEW.name AS what,
                   json_patch ('{}', json_object (
                    'name', CASE WHEN OLD.name IS NOT NEW.name THEN json_array (OLD.name, NEW.name) END,
                    'role', CASE WHEN OLD.role IS NOT NEW.role THEN json_array (OLD.role, NEW.role) END,
                    'passphrase', CASE WHEN OLD.passphrase_hash IS NOT NEW.passphrase_hash
                                       THEN 'changed' END,
                    'clinician_id', CASE WHEN OLD.clinician_id IS NOT NEW.clinician_id
                                         THEN json_array (OLD.clinician_id, NEW.clinician_id) END,
                    'archived', CASE WHEN OLD.archived IS NOT NEW.archived
                                     THEN json_array (OLD.archived, NEW.archived) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_user_account_delete AFTER DELETE ON user_account
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   NULL AS patient_id,
                   'User: ' || OLD.name AS what,
                   json_object ('name', OLD.name, 'role', OLD.role) AS details
             LIMIT 1) AS e,
           audit_next AS n;
END;
