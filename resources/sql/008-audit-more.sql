-- SPDX-License-Identifier: GPL-3.0-or-later
-- More of the audit trail (006-audit.sql): patients' hospital numbers,
-- letter templates, the practice's details and its logo. The triggers
-- follow 006's form exactly, each entry chained through audit_next.
--
-- A hospital number is recorded against its patient; the register now
-- writes only the numbers that changed, so each entry is a real change.
-- A practice detail whose key holds "passphrase" (the backup passphrase)
-- is recorded as changed, never with its value: "(not recorded)" stands
-- for it. The logo is recorded by its type and size.

CREATE TRIGGER audit_hospital_number_insert AFTER INSERT ON hospital_number
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NEW.patient_id AS patient_id,
                   'Hospital number of ' || coalesce ((SELECT given_name || ' ' || family_name FROM patient WHERE id = NEW.patient_id), 'patient ' || NEW.patient_id) AS what,
                   json_patch ('{}', json_object (
                    'hospital_id', NEW.hospital_id,
                    'number', NEW.number)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_hospital_number_update AFTER UPDATE ON hospital_number
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   NEW.patient_id AS patient_id,
                   'Hospital number of ' || coalesce ((SELECT given_name || ' ' || family_name FROM patient WHERE id = NEW.patient_id), 'patient ' || NEW.patient_id) AS what,
                   json_patch ('{}', json_object (
                    'patient_id', CASE WHEN OLD.patient_id IS NOT NEW.patient_id THEN json_array (OLD.patient_id, NEW.patient_id) END,
                    'hospital_id', CASE WHEN OLD.hospital_id IS NOT NEW.hospital_id THEN json_array (OLD.hospital_id, NEW.hospital_id) END,
                    'number', CASE WHEN OLD.number IS NOT NEW.number THEN json_array (OLD.number, NEW.number) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_hospital_number_delete AFTER DELETE ON hospital_number
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   OLD.patient_id AS patient_id,
                   'Hospital number of ' || coalesce ((SELECT given_name || ' ' || family_name FROM patient WHERE id = OLD.patient_id), 'patient ' || OLD.patient_id) AS what,
                   json_patch ('{}', json_object (
                    'hospital_id', OLD.hospital_id,
                    'number', OLD.number)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_template_insert AFTER INSERT ON letter_template
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NULL AS patient_id,
                   'Letter template: ' || NEW.name AS what,
                   json_patch ('{}', json_object (
                    'name', NEW.name,
                    'description', NEW.description,
                    'body', NEW.body,
                    'default_to', NEW.default_to,
                    'shipped', NEW.shipped,
                    'archived', NEW.archived)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_template_update AFTER UPDATE ON letter_template
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT CASE WHEN OLD.archived = NEW.archived THEN 'change'
                        WHEN NEW.archived THEN 'archive' ELSE 'restore' END AS action,
                   NULL AS patient_id,
                   'Letter template: ' || NEW.name AS what,
                   json_patch ('{}', json_object (
                    'name', CASE WHEN OLD.name IS NOT NEW.name THEN json_array (OLD.name, NEW.name) END,
                    'description', CASE WHEN OLD.description IS NOT NEW.description THEN json_array (OLD.description, NEW.description) END,
                    'body', CASE WHEN OLD.body IS NOT NEW.body THEN json_array (OLD.body, NEW.body) END,
                    'default_to', CASE WHEN OLD.default_to IS NOT NEW.default_to THEN json_array (OLD.default_to, NEW.default_to) END,
                    'shipped', CASE WHEN OLD.shipped IS NOT NEW.shipped THEN json_array (OLD.shipped, NEW.shipped) END,
                    'archived', CASE WHEN OLD.archived IS NOT NEW.archived THEN json_array (OLD.archived, NEW.archived) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_letter_template_delete AFTER DELETE ON letter_template
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   NULL AS patient_id,
                   'Letter template: ' || OLD.name AS what,
                   json_patch ('{}', json_object (
                    'name', OLD.name,
                    'description', OLD.description,
                    'body', OLD.body,
                    'default_to', OLD.default_to,
                    'shipped', OLD.shipped,
                    'archived', OLD.archived)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_practice_detail_insert AFTER INSERT ON practice_detail
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NULL AS patient_id,
                   'Practice details: ' || NEW.key AS what,
                   json_patch ('{}', json_object (
                    'value', CASE WHEN NEW.key LIKE '%passphrase%' AND NEW.value IS NOT NULL THEN '(not recorded)' ELSE NEW.value END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_practice_detail_update AFTER UPDATE ON practice_detail
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   NULL AS patient_id,
                   'Practice details: ' || NEW.key AS what,
                   json_patch ('{}', json_object (
                    'value', CASE WHEN OLD.value IS NOT NEW.value THEN json_array (CASE WHEN OLD.key LIKE '%passphrase%' AND OLD.value IS NOT NULL THEN '(not recorded)' ELSE OLD.value END, CASE WHEN NEW.key LIKE '%passphrase%' AND NEW.value IS NOT NULL THEN '(not recorded)' ELSE NEW.value END) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_practice_detail_delete AFTER DELETE ON practice_detail
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   NULL AS patient_id,
                   'Practice details: ' || OLD.key AS what,
                   json_patch ('{}', json_object (
                    'value', CASE WHEN OLD.key LIKE '%passphrase%' AND OLD.value IS NOT NULL THEN '(not recorded)' ELSE OLD.value END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_practice_logo_insert AFTER INSERT ON practice_logo
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'create' AS action,
                   NULL AS patient_id,
                   'Practice logo' AS what,
                   json_patch ('{}', json_object (
                    'mime_type', NEW.mime_type,
                    'bytes', length (NEW.data))) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_practice_logo_update AFTER UPDATE ON practice_logo
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'change' AS action,
                   NULL AS patient_id,
                   'Practice logo' AS what,
                   json_patch ('{}', json_object (
                    'mime_type', CASE WHEN OLD.mime_type IS NOT NEW.mime_type THEN json_array (OLD.mime_type, NEW.mime_type) END,
                    'bytes', CASE WHEN OLD.data IS NOT NEW.data THEN json_array (length (OLD.data), length (NEW.data)) END)) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;

CREATE TRIGGER audit_practice_logo_delete AFTER DELETE ON practice_logo
BEGIN
  INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash)
    SELECT n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details, n.prev_hash,
           harley_sha256 (n.prev_hash, n.id, n.at, n.who, e.action, e.patient_id, e.what, e.details)
      FROM (SELECT 'delete' AS action,
                   NULL AS patient_id,
                   'Practice logo' AS what,
                   json_patch ('{}', json_object (
                    'mime_type', OLD.mime_type,
                    'bytes', length (OLD.data))) AS details
             LIMIT 1) AS e,
           audit_next AS n
     WHERE e.details <> '{}';
END;
