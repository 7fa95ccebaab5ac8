-- SPDX-License-Identifier: GPL-3.0-or-later
-- Each copy of an approved letter is addressed to its own recipient, so
-- each is frozen as its own PDF with its own SHA-256, beside the
-- addressee's in letter_version.
CREATE TABLE letter_copy (
  id           INTEGER PRIMARY KEY,
  version_id   INTEGER NOT NULL REFERENCES letter_version (id) ON DELETE CASCADE,
  recipient_id INTEGER NOT NULL REFERENCES letter_recipient (id) ON DELETE CASCADE,
  pdf          BLOB NOT NULL,
  sha256       TEXT NOT NULL CHECK (length (sha256) = 64),
  UNIQUE (version_id, recipient_id)
);
