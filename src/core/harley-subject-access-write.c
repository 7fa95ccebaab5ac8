/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-subject-access"
#define _GNU_SOURCE   /* renameat2 () */

/* Writing a subject access export: a new folder, "Subject access – Ann
 * Lee – 25-11-2026", inside the folder chosen, holding
 *
 *   summary.pdf    the readable summary (src/render/harley-subject-access-pdf.c)
 *   record.json    everything in structured form (below)
 *   letters/       each approved letter's PDF and each copy's, as stored;
 *                  letters not yet approved as their text
 *   results/       each laboratory report or picture, as filed
 *
 * The folder is made as a hidden temporary sibling (0700, files 0600),
 * filled, and only then renamed to its name: a failure part way (a full
 * disk, a drive pulled out) removes it, so a half-written export is never
 * left looking complete.
 *
 * record.json (UTF-8; dates "YYYY-MM-DD", times ISO 8601 UTC ending in Z,
 * diary times local "YYYY-MM-DD HH:MM"; absent values null):
 *   format "harley-subject-access", version 1, made_at, made_by,
 *   practice {name, address, phone},
 *   patient {id, the record's columns by their names in the database
 *     (title, given_name, family_name, date_of_birth, nhs_number, ...,
 *     created_at, updated_at), consent_post ... archived as booleans,
 *     gp, referrer, insurer (names), hospital_numbers [{hospital, number}]},
 *   appointments [{id, starts, ends, status, type, clinician, place,
 *     overbooked, notes, cancel_reason, booked_by, booked_at}],
 *   letters [{id, subject, state, version, created_at, updated_at, body,
 *     recipients [{role "to"|"cc", kind, name, sent_method, sent_at}]}],
 *   samples [{id, type, state, site, description, taken_on, taken_by,
 *     laboratory, lab_reference, sent_on, sent_method, expected_by,
 *     review_action, review_note, reviewed_by, reviewed_at, informed_how,
 *     informed_by, informed_at, reason, notes, result: null or {id,
 *     received_on, lab_reference, report, abnormal, attachment_type,
 *     attachment_name}}],
 *   calls [{id, at, by, outcome, with, note}],
 *   audit [{id, at, who, action, what, details}],
 *   files [{name, about, bytes, sha256, included, problem}],
 *   counts {appointments, letters, samples, results, calls, audit, files,
 *     not_included}
 * "files" lists the letters and results written (or, included false,
 * left out with the problem); counts.files counts every file written,
 * summary.pdf and record.json among them. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "harley-appointment.h"
#include "harley-audit-entry.h"
#include "harley-audit.h"
#include "harley-json.h"
#include "harley-sample-private.h"
#include "harley-subject-access.h"
#include "harley-wall-time.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif

/* record.json {{{1 */

static void
append_patient (GString                   *out,
                const HarleySubjectAccess *access)
{
  static const char *links[] = { "gp", "referrer", "insurer" };
  HarleyPatient *p = access->patient;
  GPtrArray *numbers = harley_patient_get_hospital_numbers (p);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  harley_json_append_int (out, &first, "id", harley_patient_get_id (p));
  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    harley_json_append_text (out, &first, harley_patient_text_column (i), harley_patient_get_text (p, i));
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    harley_json_append_bool (out, &first, harley_patient_flag_column (i), harley_patient_get_flag (p, i));
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    harley_json_append_text (out, &first, links[i], access->links[i]);
  harley_json_append_member (out, &first, "hospital_numbers");
  g_string_append_c (out, '[');
  for (guint i = 0; numbers != NULL && i < numbers->len; i++)
    {
      const HarleyHospitalNumber *n = g_ptr_array_index (numbers, i);
      gboolean f = TRUE;

      g_string_append (out, i > 0 ? ",{" : "{");
      harley_json_append_text (out, &f, "hospital", n->hospital_name);
      harley_json_append_text (out, &f, "number", n->number);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
}

static void
append_appointment (GString           *out,
                    HarleyAppointment *appointment)
{
  const HarleyAppointmentInfo *info = harley_appointment_get_info (appointment);
  g_autofree char *starts = harley_wall_time_to_iso (&info->date, info->start);
  g_autofree char *ends = harley_wall_time_to_iso (&info->date, info->end);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  harley_json_append_int (out, &first, "id", info->id);
  harley_json_append_text (out, &first, "starts", starts);
  harley_json_append_text (out, &first, "ends", ends);
  harley_json_append_text (out, &first, "status", harley_appointment_status_to_string (info->status));
  harley_json_append_text (out, &first, "type", info->type_name);
  harley_json_append_text (out, &first, "clinician", info->clinician_name);
  harley_json_append_text (out, &first, "place", info->location_name);
  harley_json_append_bool (out, &first, "overbooked", info->overbooked);
  harley_json_append_text (out, &first, "notes", info->notes);
  harley_json_append_text (out, &first, "cancel_reason", info->cancel_reason);
  harley_json_append_text (out, &first, "booked_by", info->booked_by);
  harley_json_append_text (out, &first, "booked_at", info->booked_at);
  g_string_append_c (out, '}');
}

static void
append_letter (GString                         *out,
               const HarleySubjectAccessLetter *l)
{
  const HarleyLetter *letter = l->letter;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  harley_json_append_int (out, &first, "id", letter->id);
  harley_json_append_text (out, &first, "subject", letter->subject);
  harley_json_append_text (out, &first, "state", harley_letter_state_to_string (letter->state));
  harley_json_append_int (out, &first, "version", letter->version);
  harley_json_append_text (out, &first, "created_at", letter->created_at);
  harley_json_append_text (out, &first, "updated_at", letter->updated_at);
  harley_json_append_text (out, &first, "body", letter->body);
  harley_json_append_member (out, &first, "recipients");
  g_string_append_c (out, '[');
  for (guint i = 0; i < letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (letter->recipients, i);
      gboolean f = TRUE;

      g_string_append (out, i > 0 ? ",{" : "{");
      harley_json_append_text (out, &f, "role", r->copy ? "cc" : "to");
      harley_json_append_text (out, &f, "kind", harley_recipient_kind_to_string (r->kind));
      harley_json_append_text (out, &f, "name", g_ptr_array_index (l->recipient_names, i));
      harley_json_append_text (out, &f, "sent_method", r->sent_method);
      harley_json_append_text (out, &f, "sent_at", r->sent_at);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
}

static void
append_result (GString            *out,
               const HarleyResult *r)
{
  gboolean first = TRUE;

  if (r == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '{');
  harley_json_append_int (out, &first, "id", r->id);
  harley_json_append_text (out, &first, "received_on", r->received_on);
  harley_json_append_text (out, &first, "lab_reference", r->lab_reference);
  harley_json_append_text (out, &first, "report", r->report);
  harley_json_append_bool (out, &first, "abnormal", r->abnormal);
  harley_json_append_text (out, &first, "attachment_type", r->has_attachment ? r->attachment_type : NULL);
  harley_json_append_text (out, &first, "attachment_name", r->has_attachment ? r->attachment_name : NULL);
  g_string_append_c (out, '}');
}

static void
append_sample (GString                         *out,
               const HarleySubjectAccessSample *s)
{
  const HarleySample *sample = s->sample;
  gboolean reviewed = sample->reviewed_at != NULL, informed = sample->informed_at != NULL;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  harley_json_append_int (out, &first, "id", sample->id);
  harley_json_append_text (out, &first, "type", harley_sample_type_to_string (sample->type));
  harley_json_append_text (out, &first, "state", harley_sample_state_to_string (sample->state));
  harley_json_append_text (out, &first, "site", sample->site);
  harley_json_append_text (out, &first, "description", sample->description);
  harley_json_append_text (out, &first, "taken_on", sample->taken_on);
  harley_json_append_text (out, &first, "taken_by", sample->taken_by);
  harley_json_append_text (out, &first, "laboratory", s->lab_name);
  harley_json_append_text (out, &first, "lab_reference", sample->lab_reference);
  harley_json_append_text (out, &first, "sent_on", sample->sent_on);
  harley_json_append_text (out, &first, "sent_method",
                           sample->sent_on != NULL ? _harley_send_method_to_string (sample->sent_method) : NULL);
  harley_json_append_text (out, &first, "expected_by", sample->expected_by);
  harley_json_append_text (out, &first, "review_action",
                           reviewed ? _harley_review_action_to_string (sample->review_action) : NULL);
  harley_json_append_text (out, &first, "review_note", sample->review_note);
  harley_json_append_text (out, &first, "reviewed_by", sample->reviewed_by);
  harley_json_append_text (out, &first, "reviewed_at", sample->reviewed_at);
  harley_json_append_text (out, &first, "informed_how",
                           informed ? _harley_informed_how_to_string (sample->informed_how) : NULL);
  harley_json_append_text (out, &first, "informed_by", sample->informed_by);
  harley_json_append_text (out, &first, "informed_at", sample->informed_at);
  harley_json_append_text (out, &first, "reason", sample->reason);
  harley_json_append_text (out, &first, "notes", sample->notes);
  harley_json_append_member (out, &first, "result");
  append_result (out, s->result);
  g_string_append_c (out, '}');
}

static void
append_call (GString          *out,
             const HarleyCall *call)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  harley_json_append_int (out, &first, "id", call->id);
  harley_json_append_text (out, &first, "at", call->at);
  harley_json_append_text (out, &first, "by", call->by);
  harley_json_append_text (out, &first, "outcome", _harley_call_outcome_to_string (call->outcome));
  harley_json_append_text (out, &first, "with", call->contact_id > 0 ? call->contact_name : "patient");
  harley_json_append_text (out, &first, "note", call->note);
  g_string_append_c (out, '}');
}

static void
append_audit (GString          *out,
              HarleyAuditEntry *entry)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  harley_json_append_int (out, &first, "id", harley_audit_entry_get_id (entry));
  harley_json_append_text (out, &first, "at", harley_audit_entry_get_at (entry));
  harley_json_append_text (out, &first, "who", harley_audit_entry_get_who (entry));
  harley_json_append_text (out, &first, "action", harley_audit_entry_get_action (entry));
  harley_json_append_text (out, &first, "what", harley_audit_entry_get_what (entry));
  /* details is JSON already (a CHECK in 006-audit.sql sees to it) */
  harley_json_append_member (out, &first, "details");
  g_string_append (out, harley_audit_entry_get_details (entry) != NULL ? harley_audit_entry_get_details (entry)
                                                                      : "null");
  g_string_append_c (out, '}');
}

static void
append_file (GString                       *out,
             const HarleySubjectAccessFile *f)
{
  g_autofree char *sha = f->bytes != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, f->bytes) : NULL;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  harley_json_append_text (out, &first, "name", f->name);
  harley_json_append_text (out, &first, "about", f->about);
  harley_json_append_int (out, &first, "bytes", f->bytes != NULL ? (gint64) g_bytes_get_size (f->bytes) : 0);
  harley_json_append_text (out, &first, "sha256", sha);
  harley_json_append_bool (out, &first, "included", f->bytes != NULL);
  harley_json_append_text (out, &first, "problem", f->problem);
  g_string_append_c (out, '}');
}

typedef void (*AppendItem) (GString *out, gconstpointer item);

static void
append_array (GString    *out,
              gboolean   *first,
              const char *name,
              GPtrArray  *items,
              AppendItem  append)
{
  harley_json_append_member (out, first, name);
  g_string_append (out, "\n[");
  for (guint i = 0; i < items->len; i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      append (out, g_ptr_array_index (items, i));
    }
  g_string_append (out, "\n]");
}

static guint
count_results (const HarleySubjectAccess *access)
{
  guint n = 0;

  for (guint i = 0; i < access->samples->len; i++)
    if (((HarleySubjectAccessSample *) g_ptr_array_index (access->samples, i))->result != NULL)
      n++;
  return n;
}

static void
append_counts (GString                   *out,
               gboolean                  *first,
               const HarleySubjectAccess *access)
{
  guint problems = harley_subject_access_count_problems (access);
  gboolean f = TRUE;

  harley_json_append_member (out, first, "counts");
  g_string_append_c (out, '{');
  harley_json_append_int (out, &f, "appointments", access->appointments->len);
  harley_json_append_int (out, &f, "letters", access->letters->len);
  harley_json_append_int (out, &f, "samples", access->samples->len);
  harley_json_append_int (out, &f, "results", count_results (access));
  harley_json_append_int (out, &f, "calls", access->calls->len);
  harley_json_append_int (out, &f, "audit", access->audit->len);
  /* summary.pdf and record.json, and each letter and result included */
  harley_json_append_int (out, &f, "files", 2 + access->files->len - problems);
  harley_json_append_int (out, &f, "not_included", problems);
  g_string_append_c (out, '}');
}

/**
 * harley_subject_access_to_json:
 * @access: what was collected
 *
 * Returns: (transfer full): record.json, as described at the top of this file
 */
char *
harley_subject_access_to_json (const HarleySubjectAccess *access)
{
  g_autoptr(GString) out = g_string_new ("{");
  gboolean first = TRUE, f = TRUE;

  g_return_val_if_fail (access != NULL, NULL);

  harley_json_append_text (out, &first, "format", "harley-subject-access");
  harley_json_append_int (out, &first, "version", 1);
  harley_json_append_text (out, &first, "made_at", access->made_at);
  harley_json_append_text (out, &first, "made_by", access->made_by);
  harley_json_append_member (out, &first, "practice");
  g_string_append_c (out, '{');
  harley_json_append_text (out, &f, "name", access->practice_name);
  harley_json_append_text (out, &f, "address", access->practice_address);
  harley_json_append_text (out, &f, "phone", access->practice_phone);
  g_string_append (out, "}\n");
  harley_json_append_member (out, &first, "patient");
  append_patient (out, access);
  append_array (out, &first, "appointments", access->appointments, (AppendItem) append_appointment);
  append_array (out, &first, "letters", access->letters, (AppendItem) append_letter);
  append_array (out, &first, "samples", access->samples, (AppendItem) append_sample);
  append_array (out, &first, "calls", access->calls, (AppendItem) append_call);
  append_array (out, &first, "audit", access->audit, (AppendItem) append_audit);
  append_array (out, &first, "files", access->files, (AppendItem) append_file);
  append_counts (out, &first, access);
  g_string_append (out, "}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The folder {{{1 */

/**
 * harley_subject_access_remove_folder:
 * @folder: a folder an export made
 *
 * Removes @folder and what is in it, a folder deep at most, as an export
 * lays it out.
 *
 * Returns: %TRUE if it is gone
 */
gboolean
harley_subject_access_remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        harley_subject_access_remove_folder (path);
      else
        g_unlink (path);
    }
  return g_rmdir (folder) == 0 || errno == ENOENT;
}

static gboolean
write_file (const char  *folder,
            const char  *name,
            const void  *data,
            gsize        length,
            GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_DURABLE, 0600, error);
}

static gboolean
write_contents (const HarleySubjectAccess   *access,
                const char                  *folder,
                HarleySubjectAccessSummary   summary,
                guint                       *n_files,
                GError                     **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *json = NULL;
  const char *subfolders[] = { "letters", "results" };

  for (guint i = 0; i < G_N_ELEMENTS (subfolders); i++)
    {
      g_autofree char *path = g_build_filename (folder, subfolders[i], NULL);

      if (g_mkdir (path, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
          return FALSE;
        }
    }
  *n_files = 0;
  for (guint i = 0; i < access->files->len; i++)
    {
      const HarleySubjectAccessFile *f = g_ptr_array_index (access->files, i);

      if (f->bytes == NULL)
        continue;
      if (!write_file (folder, f->name, g_bytes_get_data (f->bytes, NULL), g_bytes_get_size (f->bytes), error))
        return FALSE;
      ++*n_files;
    }
  if ((pdf = summary (access, error)) == NULL
      || !write_file (folder, "summary.pdf", g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error))
    return FALSE;
  json = harley_subject_access_to_json (access);
  if (!write_file (folder, "record.json", json, strlen (json), error))
    return FALSE;
  *n_files += 2;
  return TRUE;
}

/* Renames @from to @to, or fails with EEXIST if @to is there. */
static int
rename_no_replace (const char *from,
                   const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return errno;
  /* A file system that cannot refuse to replace (vfat on older kernels) */
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    return EEXIST;
  return rename (from, to) == 0 ? 0 : errno;
}

/* Gives the finished folder its name, "… (2)" if the first is taken. */
static char *
rename_into_place (const HarleySubjectAccess  *access,
                   const char                 *temporary,
                   const char                 *parent,
                   GError                    **error)
{
  g_autofree char *name = harley_subject_access_folder_name (access);

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *numbered = n == 1 ? g_strdup (name) : g_strdup_printf ("%s (%u)", name, n);
      g_autofree char *path = g_build_filename (parent, numbered, NULL);
      int saved_errno = rename_no_replace (temporary, path);

      if (saved_errno == 0)
        return g_steal_pointer (&path);
      if (saved_errno != EEXIST && saved_errno != ENOTEMPTY)
        {
          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return NULL;
        }
    }
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, g_strerror (EEXIST));
  return NULL;
}

static gboolean
check_parent (const char  *parent,
              GError     **error)
{
  g_autofree char *shown = g_filename_display_name (parent);

  if (g_file_test (parent, G_FILE_TEST_IS_DIR) && g_access (parent, W_OK | X_OK) == 0)
    return TRUE;
  g_set_error (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_NOT_WRITABLE,
               g_file_test (parent, G_FILE_TEST_IS_DIR)
               /* TRANSLATORS: %s is a folder */
               ? _("The folder “%s” cannot be written to. Choose another folder, or a USB drive that is not "
                   "locked.")
               : _("There is no folder “%s”. Choose a folder that is there, or plug the USB drive in."),
               shown);
  return FALSE;
}

/**
 * harley_subject_access_write:
 * @access: what harley_subject_access_collect () read
 * @parent: the folder chosen; the export is a new folder inside it
 * @summary: makes summary.pdf
 * @n_files: (out) (optional): how many files were written
 * @error: where to say what went wrong
 *
 * Writes the export (see the top of this file). Needs no database, so
 * may run on a worker thread. On failure nothing is left in @parent.
 *
 * Returns: (transfer full): the new folder's path, or %NULL with
 *   %HARLEY_SUBJECT_ACCESS_ERROR_NOT_WRITABLE or _FAILED
 */
char *
harley_subject_access_write (const HarleySubjectAccess   *access,
                             const char                  *parent,
                             HarleySubjectAccessSummary   summary,
                             guint                       *n_files,
                             GError                     **error)
{
  g_autofree char *temporary = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GError) local = NULL;
  guint written = 0;

  g_return_val_if_fail (access != NULL, NULL);
  g_return_val_if_fail (parent != NULL, NULL);
  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_parent (parent, error))
    return NULL;
  temporary = g_build_filename (parent, ".harley-export-XXXXXX", NULL);
  if (g_mkdtemp_full (temporary, 0700) == NULL)
    {
      int saved_errno = errno;

      g_set_error_literal (&local, G_FILE_ERROR, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
    }
  else if (write_contents (access, temporary, summary, &written, &local))
    folder = rename_into_place (access, temporary, parent, &local);
  if (folder != NULL)
    {
      if (n_files != NULL)
        *n_files = written;
      return g_steal_pointer (&folder);
    }
  harley_subject_access_remove_folder (temporary);
  shown = g_filename_display_name (parent);
  g_set_error (error, HARLEY_SUBJECT_ACCESS_ERROR, HARLEY_SUBJECT_ACCESS_ERROR_FAILED,
               /* TRANSLATORS: a folder, then the reason; nothing was left there */
               _("The export could not be written in “%s”: %s. Nothing was left there: free some space, or "
                 "choose another folder, and export again."),
               shown, local->message);
  return NULL;
}

/* Recording it {{{1 */

/**
 * harley_subject_access_record:
 * @store: the practice database
 * @access: what was exported
 * @folder: where harley_subject_access_write () put it
 * @n_files: how many files it holds
 * @error: where to say what went wrong
 *
 * Adds the export to the audit trail: %HARLEY_AUDIT_EXPORT, the patient,
 * "Subject access request", with the number of files and the folder's
 * name. If that fails, the folder is removed: an export the trail does
 * not show is not left behind.
 *
 * Returns: %TRUE if it was recorded
 */
gboolean
harley_subject_access_record (HarleyStore                *store,
                              const HarleySubjectAccess  *access,
                              const char                 *folder,
                              guint                       n_files,
                              GError                    **error)
{
  g_autoptr(GString) details = g_string_new ("{");
  g_autofree char *name = g_path_get_basename (folder);
  gboolean first = TRUE;

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (access != NULL, FALSE);

  harley_json_append_int (details, &first, "files", n_files);
  harley_json_append_int (details, &first, "not_included", harley_subject_access_count_problems (access));
  harley_json_append_text (details, &first, "folder", name);
  g_string_append_c (details, '}');
  if (harley_audit_add (store, HARLEY_AUDIT_EXPORT, harley_patient_get_id (access->patient),
                        "Subject access request", details->str, error))
    return TRUE;
  harley_subject_access_remove_folder (folder);
  return FALSE;
}

/**
 * harley_subject_access_export:
 * @store: the practice database
 * @patient_id: the patient who asked
 * @parent: the folder chosen
 * @summary: makes summary.pdf
 * @n_files: (out) (optional): how many files were written
 * @n_problems: (out) (optional): how many stored files could not be
 *   included, because they were changed behind Harley's back
 * @error: where to say what went wrong
 *
 * Collects, writes and records an export in one go, on the store's
 * thread; see harley_subject_access_collect (), _write () and _record ().
 *
 * Returns: (transfer full): the new folder's path, or %NULL
 */
char *
harley_subject_access_export (HarleyStore                 *store,
                              gint64                       patient_id,
                              const char                  *parent,
                              HarleySubjectAccessSummary   summary,
                              guint                       *n_files,
                              guint                       *n_problems,
                              GError                     **error)
{
  g_autoptr(HarleySubjectAccess) access = harley_subject_access_collect (store, patient_id, error);
  g_autofree char *folder = NULL;
  guint written = 0;

  if (access == NULL || (folder = harley_subject_access_write (access, parent, summary, &written, error)) == NULL
      || !harley_subject_access_record (store, access, folder, written, error))
    return NULL;
  if (n_files != NULL)
    *n_files = written;
  if (n_problems != NULL)
    *n_problems = harley_subject_access_count_problems (access);
  return g_steal_pointer (&folder);
}
