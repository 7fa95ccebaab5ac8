/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The child of test-crash.c: Harley's real write paths in a loop, each
 * operation said over a pipe before it starts ("I op target arg") and
 * once harley_*() has returned, its commit done ("D id"), until the
 * parent kills it. */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "harley-diary.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-sample.h"
#include "harley-test-util.h"
#include "harley-wall-time.h"

#define CHILD_LIFETIME_S 20

typedef struct
{
  HarleyStore *store;
  int          fd;
  guint        run;
  guint        k;
  gint64       gp;
  gint64       lab;
} Child;

static inline void
say (Child      *c,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

/* One line, in one write(2): a line under PIPE_BUF is never torn. */
static inline void
say (Child      *c,
     const char *format,
     ...)
{
  char line[512];
  va_list args;
  int n;

  va_start (args, format);
  n = g_vsnprintf (line, sizeof line, format, args);
  va_end (args);
  g_assert (n > 0 && n < (int) sizeof line);
  while (write (c->fd, line, (size_t) n) < 0 && errno == EINTR)
    ;
}

/* What is about to be done: @target is the row changed, or for a new row
 * the row it belongs to. */
static inline void
intend (Child      *c,
        const char *op,
        gint64      target,
        const char *arg)
{
  say (c, "I %s %" G_GINT64_FORMAT " %s\n", op, target, arg);
}

/* Called once harley_*() has returned: the commit is done. */
static inline gint64
done (Child        *c,
      gint64        id,
      const GError *error)
{
  if (error != NULL || id == 0)
    {
      say (c, "F %s\n", error != NULL ? error->message : "refused without a reason");
      _exit (2);
    }
  say (c, "D %" G_GINT64_FORMAT "\n", id);
  return id;
}

/* Names are letters only, so that the register searches them as names. */
static inline char *
tag_for (guint run,
         guint k)
{
  GString *tag = g_string_new ("Q");

  for (guint n = run * 1000 + k; n > 0; n /= 26)
    g_string_append_c (tag, 'a' + n % 26);
  return g_string_free (tag, FALSE);
}

static inline GDate
day (guint year,
     guint month,
     guint d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, month, year);
  return date;
}

static inline gint64
child_patient (Child      *c,
               const char *tag)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (tag, "Crash", "1970-01-01", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = g_strconcat (tag, "Z", NULL);
  gboolean ok;

  harley_patient_set_text (p, HARLEY_PATIENT_POSTCODE, "SW1A 1AA");
  intend (c, "patient-new", 0, tag);
  ok = harley_register_save (c->store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error);
  done (c, ok ? harley_patient_get_id (p) : 0, error);

  harley_patient_set_text (p, HARLEY_PATIENT_GIVEN_NAME, edited);
  harley_patient_set_text (p, HARLEY_PATIENT_NOTES, "Changed by the crash test.");
  intend (c, "patient-edit", harley_patient_get_id (p), edited);
  ok = harley_register_save (c->store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error);
  return done (c, ok ? harley_patient_get_id (p) : 0, error);
}

#define ANY_TIME (HARLEY_BOOK_OVERBOOK | HARLEY_BOOK_ALLOW_BLOCKED | HARLEY_BOOK_ALLOW_PAST \
                  | HARLEY_BOOK_ALLOW_OUTSIDE_SESSION | HARLEY_BOOK_ALLOW_SAME_DAY)

static inline gint64
latest (Child      *c,
        const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert (sqlite3_prepare_v2 (harley_store_get_db (c->store), sql, -1, &stmt, NULL) == SQLITE_OK);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* The latest appointment a step further: booked, moved, arrived. */
static inline void
child_appointment (Child  *c,
                   gint64  patient)
{
  gint64 id = latest (c, "appointment");
  g_autoptr(HarleyAppointment) a = id != 0 ? harley_diary_load (c->store, id, NULL) : NULL;
  const HarleyAppointmentInfo *info = a != NULL ? harley_appointment_get_info (a) : NULL;
  g_autoptr(GPtrArray) history = id != 0 ? harley_diary_list_history (c->store, id, NULL) : NULL;
  HarleyBooking b = { .patient_id = patient, .clinician_id = 1, .type_id = 1 };
  g_autoptr(GError) error = NULL;
  g_autofree char *starts = NULL;

  if (info == NULL || info->status != HARLEY_APPOINTMENT_BOOKED)
    {
      b.date = day (2031, 1, 1);
      g_date_add_days (&b.date, (c->run * 7 + c->k) % 700);
      b.start = 9 * 60 + (int) (c->k % 16) * 15;
      b.end = b.start + 15;
      starts = harley_wall_time_to_iso (&b.date, b.start);
      intend (c, "book", patient, starts);
      done (c, harley_diary_book (c->store, &b, ANY_TIME, &error), error);
    }
  else if (history != NULL && history->len == 1)
    {
      starts = harley_wall_time_to_iso (&info->date, info->start + 30);
      intend (c, "move", id, starts);
      done (c, harley_diary_move (c->store, id, 1, &info->date, info->start + 30, info->end + 30, ANY_TIME, &error)
            ? id : 0, error);
    }
  else
    {
      intend (c, "status", id, "arrived");
      done (c, harley_diary_set_status (c->store, id, HARLEY_APPOINTMENT_ARRIVED, NULL, &error) ? id : 0, error);
    }
}

static inline GBytes *
pdf_for (const char *subject,
         const char *who)
{
  char *text = g_strdup_printf ("%%PDF-1.4\n%% %s to %s\n%%%%EOF\n", subject, who);

  return g_bytes_new_take (text, strlen (text));
}

/* The latest letter a step further: written, addressed with a copy,
 * typed, sent for approval, approved with a PDF for each. */
static inline void
child_letter (Child      *c,
              gint64      patient,
              const char *tag)
{
  gint64 id = latest (c, "letter");
  g_autoptr(HarleyLetter) letter = id != 0 ? harley_letter_load (c->store, id, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *body = NULL;
  gboolean ok;

  if (letter == NULL || letter->state == HARLEY_LETTER_APPROVED)
    {
      intend (c, "letter-new", patient, tag);
      done (c, harley_letter_create (c->store, patient, 0, 0, 1, tag, "", &error), error);
    }
  else if (letter->recipients->len < 2)
    {
      gboolean copy = letter->recipients->len == 1;

      intend (c, "recipient", id, copy ? "cc" : "to");
      ok = harley_letter_add_recipient (c->store, id, copy, copy ? HARLEY_RECIPIENT_GP : HARLEY_RECIPIENT_PATIENT,
                                        copy ? c->gp : 0, &error) != 0;
      done (c, ok ? id : 0, error);
    }
  else if (letter->state == HARLEY_LETTER_DRAFT && *letter->body == '\0')
    {
      body = g_strconcat ("Dear-", letter->subject, NULL);
      intend (c, "letter-body", id, body);
      done (c, harley_letter_set_body (c->store, id, body, &error) ? id : 0, error);
    }
  else if (letter->state == HARLEY_LETTER_DRAFT || letter->state == HARLEY_LETTER_TYPED)
    {
      HarleyLetterState next = letter->state == HARLEY_LETTER_DRAFT ? HARLEY_LETTER_TYPED
                                                                     : HARLEY_LETTER_AWAITING_APPROVAL;

      intend (c, "letter-state", id, harley_letter_state_to_string (next));
      done (c, harley_letter_set_state (c->store, id, next, NULL, &error) ? id : 0, error);
    }
  else
    {
      g_ptr_array_add (pdfs, pdf_for (letter->subject, "the patient"));
      g_ptr_array_add (pdfs, pdf_for (letter->subject, "the GP"));
      intend (c, "letter-approve", id, "approved");
      ok = harley_letter_approve_all (c->store, id, pdfs, "Dr Eleanor Hartley", FALSE, &error);
      done (c, ok ? id : 0, error);
    }
}

/* The latest sample a step further: taken, sent, its result in,
 * reviewed. */
static inline void
child_sample (Child      *c,
              gint64      patient,
              const char *tag)
{
  gint64 id = latest (c, "sample");
  g_autoptr(HarleySample) sample = id != 0 ? harley_sample_load (c->store, id, NULL) : NULL;
  HarleySampleNew s = { .patient_id = patient, .type = HARLEY_SAMPLE_HISTOLOGY, .site = "left cheek",
                        .description = tag, .lab_id = c->lab };
  HarleyResultNew r = { .sample_id = id, .report = "No dysplasia.", .lab_reference = tag };
  g_autoptr(GError) error = NULL;
  GDate sent = day (2025, 1, 3);
  gboolean ok;

  if (sample == NULL || sample->state == HARLEY_SAMPLE_REVIEWED)
    {
      s.taken_on = day (2025, 1, 2);
      intend (c, "sample-new", patient, tag);
      done (c, harley_sample_add (c->store, &s, &error), error);
    }
  else if (sample->state == HARLEY_SAMPLE_TAKEN)
    {
      intend (c, "sample-state", id, "sent");
      ok = harley_sample_send (c->store, id, 0, &sent, HARLEY_SEND_COURIER, tag, NULL, &error);
      done (c, ok ? id : 0, error);
    }
  else if (sample->state == HARLEY_SAMPLE_SENT)
    {
      r.received_on = day (2025, 1, 6);
      intend (c, "sample-state", id, "received");
      done (c, harley_result_add (c->store, &r, &error) != 0 ? id : 0, error);
    }
  else
    {
      intend (c, "sample-state", id, "reviewed");
      ok = harley_sample_review (c->store, id, HARLEY_REVIEW_NO_ACTION, "Benign", "Dr Eleanor Hartley", &error);
      done (c, ok ? id : 0, error);
    }
}

/* Takes each kind of row a step further in turn, starting where the last
 * child's turn was, so that every step comes round however soon the
 * kill does. */
static inline void G_GNUC_NORETURN
child_main (const char *path,
            Child      *c)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  c->store = harley_store_open (path, &error);
  if (c->store == NULL)
    {
      say (c, "F %s\n", error->message);
      _exit (1);
    }
  say (c, "R\n");
  /* The parent kills it within MAX_DELAY_US; this is only a backstop. */
  for (guint turn = c->run; g_get_monotonic_time () - started < CHILD_LIFETIME_S * G_USEC_PER_SEC; turn++)
    {
      g_autofree char *tag = tag_for (c->run, c->k++);
      gint64 patient = latest (c, "patient");

      if (patient == 0 || turn % 4 == 0)
        child_patient (c, tag);
      else if (turn % 4 == 1)
        child_appointment (c, patient);
      else if (turn % 4 == 2)
        child_letter (c, patient, tag);
      else
        child_sample (c, patient, tag);
    }
  _exit (0);
}
