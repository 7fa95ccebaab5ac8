/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-subject-access"

/* A subject access request: everything Harley holds about one patient,
 * gathered so that it can be handed over (UK GDPR article 15).
 *
 *   harley_subject_access_collect ()   reads it all, on the thread that
 *                                      owns the store
 *   harley_subject_access_write ()     writes the folder, needing no
 *                                      database (harley-subject-access-write.c)
 *   harley_subject_access_record ()    adds the export to the audit trail
 *
 * What is read: the record with its GP, referrer and insurer; every
 * appointment, cancelled and missed ones too; every letter with its
 * recipients, each approved version's PDF and each copy's PDF as stored
 * (checked against its SHA-256), and the text of letters not yet
 * approved; every sample with its laboratory and result, the result's
 * attachment as filed (checked too); every call to the patient or to a
 * laboratory about the patient's samples; and the audit trail's entries
 * that name the patient: who viewed, changed, printed or exported the
 * record, and when. A stored PDF or attachment that no longer matches
 * its SHA-256 is not written; it is named, with the reason, in the
 * summary and in record.json, never silently left out. */

#include <glib/gi18n-lib.h>

#include "harley-audit-entry.h"
#include "harley-audit.h"
#include "harley-diary.h"
#include "harley-register.h"
#include "harley-subject-access.h"
#include "harley-validate.h"

G_DEFINE_QUARK (harley-subject-access-error-quark, harley_subject_access_error)

/* Names {{{1 */

/* An ISO 8601 UTC time as London's @format, or its first ten
 * characters if it is not one. */
static char *
london_format (const char *iso,
               const char *format)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strndup (iso != NULL ? iso : "", 10);
  local = g_date_time_to_timezone (utc, harley_london_time_zone ());
  return g_date_time_format (local, format);
}

/* "2026-11-25" */
static char *
london_day (const char *iso)
{
  return london_format (iso, "%Y-%m-%d");
}

/* @text made safe as part of a file name on a FAT or NTFS USB drive:
 * none of \ / : * ? " < > | or control characters, no dot or space at
 * the end, and at most @max characters. */
static char *
safe_file_name (const char *text,
                guint       max)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < max; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || strchr ("\\/:*?\"<>|", (int) c) != NULL)
        g_string_append_c (out, c < 0x20 || c == 0x7f ? ' ' : '-');
      else
        g_string_append_unichar (out, c);
    }
  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
patient_name (HarleyPatient *patient)
{
  return g_strjoin (" ", harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME),
                    harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME), NULL);
}

/**
 * harley_subject_access_folder_name:
 * @access: what was collected
 *
 * Returns: (transfer full): the export's folder name, "Subject access –
 *   Ann Lee – 25-11-2026" with the day it was made, safe on any USB drive
 */
char *
harley_subject_access_folder_name (const HarleySubjectAccess *access)
{
  g_autofree char *name = patient_name (access->patient);
  g_autofree char *day = london_format (access->made_at, "%d-%m-%Y");
  g_autofree char *text = NULL;

  g_return_val_if_fail (access != NULL, NULL);

  /* TRANSLATORS: the folder a subject access export is written to: the
   * patient's name, then the day as dd-mm-yyyy; no / \ : * ? " < > | */
  text = g_strdup_printf (_("Subject access – %s – %s"), name, day);
  return safe_file_name (text, 120);
}

/* Reading {{{1 */

static char *
contact_name (HarleyStore *store,
              gint64       id)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (id <= 0 || (stmt = harley_store_prepare (store, "SELECT name FROM contact WHERE id = ?", NULL)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = harley_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

static void
letter_free (HarleySubjectAccessLetter *l)
{
  harley_letter_free (l->letter);
  g_ptr_array_unref (l->recipient_names);
  g_free (l);
}

static void
sample_free (HarleySubjectAccessSample *s)
{
  harley_sample_free (s->sample);
  g_free (s->lab_name);
  g_clear_pointer (&s->result, harley_result_free);
  g_free (s);
}

static void
file_free (HarleySubjectAccessFile *f)
{
  g_free (f->name);
  g_free (f->about);
  g_clear_pointer (&f->bytes, g_bytes_unref);
  g_free (f->problem);
  g_free (f);
}

static void
add_file (HarleySubjectAccess *access,
          const char          *folder,
          const char          *name,
          char                *about,
          GBytes              *bytes,
          const char          *problem)
{
  HarleySubjectAccessFile *f = g_new0 (HarleySubjectAccessFile, 1);
  g_autofree char *safe = safe_file_name (name, 150);

  f->name = g_build_filename (folder, safe, NULL);
  f->about = about;
  f->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  f->problem = g_strdup (problem);
  g_ptr_array_add (access->files, f);
}

static gboolean
read_appointments (HarleyStore          *store,
                   HarleySubjectAccess  *access,
                   gint64                id,
                   GError              **error)
{
  access->appointments = harley_diary_list_for_patient (store, id, error);
  return access->appointments != NULL;
}

/* Letters {{{2 */

static const char *
recipient_name (const HarleySubjectAccessLetter *l,
                gint64                           recipient_id)
{
  GPtrArray *recipients = l->letter->recipients;

  for (guint i = 0; i < recipients->len; i++)
    if (((HarleyRecipient *) g_ptr_array_index (recipients, i))->id == recipient_id
        || (recipient_id == 0 && !((HarleyRecipient *) g_ptr_array_index (recipients, i))->copy))
      return g_ptr_array_index (l->recipient_names, i);
  /* TRANSLATORS: who a letter goes to, when nobody has been chosen yet */
  return _("no one yet");
}

/* Each approved version's PDF, the addressee's (recipient 0) and then
 * each copy's, checked against its SHA-256 one by one. */
static gboolean
read_letter_pdfs (HarleyStore                      *store,
                  HarleySubjectAccess              *access,
                  const HarleySubjectAccessLetter  *l,
                  GError                          **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT v.version, v.pdf, v.sha256, v.approved_at, 0, 0 FROM letter_version v WHERE v.letter_id = ?1 "
    "UNION ALL SELECT v.version, c.pdf, c.sha256, v.approved_at, c.recipient_id, r.position FROM letter_copy c "
    "JOIN letter_version v ON v.id = c.version_id JOIN letter_recipient r ON r.id = c.recipient_id "
    "WHERE v.letter_id = ?1 ORDER BY 1, 6", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, l->letter->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int version = sqlite3_column_int (stmt, 0);
      gint64 recipient = sqlite3_column_int64 (stmt, 4);
      g_autoptr(GBytes) pdf = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
      gboolean whole = g_strcmp0 (sha, (const char *) sqlite3_column_text (stmt, 2)) == 0;
      g_autofree char *day = london_day ((const char *) sqlite3_column_text (stmt, 3));
      const char *to = recipient_name (l, recipient);
      /* TRANSLATORS: a letter's file in a subject access export: the day approved, the
       * letter's number, its version and who it is to */
      g_autofree char *name = g_strdup_printf (recipient == 0 ? _("%s Letter %" G_GINT64_FORMAT " v%d to %s.pdf")
                                                              : _("%s Letter %" G_GINT64_FORMAT " v%d copy to %s.pdf"),
                                               day, l->letter->id, version, to);

      add_file (access, "letters", name,
                g_strdup_printf (recipient == 0 ? _("Letter %" G_GINT64_FORMAT " (version %d) to %s")
                                                : _("Letter %" G_GINT64_FORMAT " (version %d), copy to %s"),
                                 l->letter->id, version, to),
                whole ? pdf : NULL,
                whole ? NULL : _("The approved letter has been changed since it was approved, so it is not "
                                 "included. Ask the clinician to approve it again."));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* A letter not yet approved is handed over as its text. */
static void
add_letter_text (HarleySubjectAccess             *access,
                 const HarleySubjectAccessLetter *l)
{
  g_autofree char *day = london_day (l->letter->updated_at);
  /* TRANSLATORS: an unapproved letter's text file in a subject access export */
  g_autofree char *name = g_strdup_printf (_("%s Letter %" G_GINT64_FORMAT " %s to %s.txt"), day, l->letter->id,
                                           harley_letter_state_label (l->letter->state), recipient_name (l, 0));
  g_autoptr(GBytes) text = g_bytes_new (l->letter->body, strlen (l->letter->body));

  add_file (access, "letters", name,
            g_strdup_printf (_("Letter %" G_GINT64_FORMAT " (%s): its text"), l->letter->id,
                             harley_letter_state_label (l->letter->state)),
            text, NULL);
}

static HarleySubjectAccessLetter *
load_letter (HarleyStore          *store,
             HarleyPatient        *patient,
             gint64                id,
             GError              **error)
{
  HarleySubjectAccessLetter *l;
  HarleyLetter *letter = harley_letter_load (store, id, error);

  if (letter == NULL)
    return NULL;
  l = g_new0 (HarleySubjectAccessLetter, 1);
  l->letter = letter;
  l->recipient_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (letter->recipients, i);
      char *name = r->kind == HARLEY_RECIPIENT_PATIENT ? patient_name (patient) : contact_name (store, r->contact_id);

      g_ptr_array_add (l->recipient_names, name != NULL ? name : g_strdup (harley_recipient_kind_to_string (r->kind)));
    }
  return l;
}

static gboolean
read_letters (HarleyStore          *store,
              HarleySubjectAccess  *access,
              gint64                id,
              GError              **error)
{
  g_autoptr(GArray) ids = harley_letter_list_for_patient (store, id, error);

  if (ids == NULL)
    return FALSE;
  access->letters = g_ptr_array_new_with_free_func ((GDestroyNotify) letter_free);
  for (guint i = ids->len; i > 0; i--)
    {
      HarleySubjectAccessLetter *l = load_letter (store, access->patient, g_array_index (ids, gint64, i - 1), error);

      if (l == NULL)
        return FALSE;
      g_ptr_array_add (access->letters, l);
      if (!read_letter_pdfs (store, access, l, error))
        return FALSE;
      if (l->letter->state < HARLEY_LETTER_APPROVED)
        add_letter_text (access, l);
    }
  return TRUE;
}

/* Samples and results {{{2 */

static const char *
extension_of (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "application/pdf") == 0)
    return "pdf";
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return "png";
  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    return "jpg";
  return "bin";
}

static gboolean
add_attachment (HarleyStore          *store,
                HarleySubjectAccess  *access,
                const HarleyResult   *result,
                GError              **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = harley_result_get_attachment (store, result->id, &local);
  g_autofree char *stem = g_strdup (result->attachment_name != NULL ? result->attachment_name : "report");
  char *dot = strrchr (stem, '.');
  g_autofree char *name = NULL;

  if (bytes == NULL && !g_error_matches (local, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_TAMPERED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (dot != NULL)
    *dot = '\0';
  /* TRANSLATORS: a result's attachment in a subject access export: the day received,
   * the result's number, the laboratory's file name and its extension */
  name = g_strdup_printf (_("%s Result %" G_GINT64_FORMAT " %s.%s"), result->received_on, result->id, stem,
                          extension_of (result->attachment_type));
  add_file (access, "results", name,
            g_strdup_printf (_("The laboratory’s report of result %" G_GINT64_FORMAT), result->id),
            bytes, local != NULL ? local->message : NULL);
  return TRUE;
}

static HarleySubjectAccessSample *
load_sample (HarleyStore          *store,
             HarleySubjectAccess  *access,
             gint64                id,
             GError              **error)
{
  g_autofree HarleySubjectAccessSample *s = g_new0 (HarleySubjectAccessSample, 1);

  if ((s->sample = harley_sample_load (store, id, error)) == NULL)
    return NULL;
  s->lab_name = contact_name (store, s->sample->lab_id);
  if (s->sample->result_id > 0)
    {
      if ((s->result = harley_result_load (store, s->sample->result_id, error)) == NULL
          || (s->result->has_attachment && !add_attachment (store, access, s->result, error)))
        {
          sample_free (g_steal_pointer (&s));
          return NULL;
        }
    }
  return g_steal_pointer (&s);
}

static gboolean
read_samples (HarleyStore          *store,
              HarleySubjectAccess  *access,
              gint64                id,
              GError              **error)
{
  g_autoptr(GArray) ids = harley_sample_list_for_patient (store, id, error);

  if (ids == NULL)
    return FALSE;
  access->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) sample_free);
  for (guint i = ids->len; i > 0; i--)
    {
      HarleySubjectAccessSample *s = load_sample (store, access, g_array_index (ids, gint64, i - 1), error);

      if (s == NULL)
        return FALSE;
      g_ptr_array_add (access->samples, s);
    }
  access->calls = harley_sample_list_patient_calls (store, id, error);
  return access->calls != NULL;
}

/* The audit trail {{{2 */

static gboolean
read_audit (HarleyStore          *store,
            HarleySubjectAccess  *access,
            gint64                id,
            GError              **error)
{
  HarleyAuditFilter filter = { .patient_id = id };
  g_autoptr(GArray) ids = harley_audit_find (store, &filter, G_MAXINT32, NULL, error);

  if (ids == NULL)
    return FALSE;
  access->audit = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = ids->len; i > 0; i--)
    {
      HarleyAuditEntry *entry = harley_audit_entry_load (store, g_array_index (ids, gint64, i - 1), error);

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (access->audit, entry);
    }
  return TRUE;
}

static HarleyPatient *
load_patient (HarleyStore  *store,
              gint64        id,
              GError      **error)
{
  g_autoptr(GError) local = NULL;
  HarleyPatient *patient = id > 0 ? harley_register_load (store, id, &local) : NULL;

  if (patient != NULL)
    return patient;
  if (local != NULL && !g_error_matches (local, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_set_error (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_NOT_FOUND,
               /* TRANSLATORS: %s is a patient's number */
               _("There is no patient %" G_GINT64_FORMAT ". Find the patient first and use the number shown."), id);
  return NULL;
}

/**
 * harley_subject_access_collect:
 * @store: the practice database
 * @patient_id: the patient who asked
 * @error: where to say what went wrong
 *
 * Reads everything Harley holds about the patient (see the top of this
 * file); a letter or attachment whose bytes no longer match their
 * SHA-256 is named in @files with its problem rather than failing.
 *
 * Returns: (transfer full): what was read, or %NULL with
 *   %HARLEY_SUBJECT_ACCESS_ERROR_NOT_FOUND or the store's error
 */
HarleySubjectAccess *
harley_subject_access_collect (HarleyStore  *store,
                               gint64        patient_id,
                               GError      **error)
{
  g_autoptr(HarleySubjectAccess) access = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  access = g_new0 (HarleySubjectAccess, 1);
  access->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_free);
  if ((access->patient = load_patient (store, patient_id, error)) == NULL)
    return NULL;
  access->practice_name = harley_store_get_practice_detail (store, "name");
  access->practice_address = harley_store_get_practice_detail (store, "address");
  access->practice_phone = harley_store_get_practice_detail (store, "phone");
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    access->links[i] = contact_name (store, harley_patient_get_link (access->patient, i));
  access->made_at = harley_store_now ();
  access->made_by = g_strdup (harley_store_get_user (store));
  if (!read_appointments (store, access, patient_id, error) || !read_letters (store, access, patient_id, error)
      || !read_samples (store, access, patient_id, error) || !read_audit (store, access, patient_id, error))
    return NULL;
  return g_steal_pointer (&access);
}

/**
 * harley_subject_access_count_problems:
 *
 * Returns: how many stored letters or attachments could not be included
 */
guint
harley_subject_access_count_problems (const HarleySubjectAccess *access)
{
  guint n = 0;

  for (guint i = 0; i < access->files->len; i++)
    if (((HarleySubjectAccessFile *) g_ptr_array_index (access->files, i))->problem != NULL)
      n++;
  return n;
}

void
harley_subject_access_free (HarleySubjectAccess *access)
{
  if (access == NULL)
    return;
  g_free (access->practice_name);
  g_free (access->practice_address);
  g_free (access->practice_phone);
  g_clear_object (&access->patient);
  for (guint i = 0; i < G_N_ELEMENTS (access->links); i++)
    g_free (access->links[i]);
  g_free (access->made_at);
  g_free (access->made_by);
  g_clear_pointer (&access->appointments, g_ptr_array_unref);
  g_clear_pointer (&access->letters, g_ptr_array_unref);
  g_clear_pointer (&access->samples, g_ptr_array_unref);
  g_clear_pointer (&access->calls, g_ptr_array_unref);
  g_clear_pointer (&access->audit, g_ptr_array_unref);
  g_clear_pointer (&access->files, g_ptr_array_unref);
  g_free (access);
}
