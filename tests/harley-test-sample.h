/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by test-sample.c and test-call.c: a practice with two
 * patients and two laboratories, samples brought to any state by the
 * real steps, and "nothing was written" for refusals. */

#include <stdio.h>
#include <string.h>

#include "harley-contact.h"
#include "harley-register.h"
#include "harley-sample-private.h"
#include "harley-sample.h"
#include "harley-test-util.h"

#define PDF_REPORT "%PDF-1.4\n% a laboratory's report\n%%EOF\n"

typedef struct
{
  HarleyTestDb db;
  gint64       patient;      /* has not agreed to messages */
  gint64       other;        /* has */
  gint64       histology;    /* 10 working days */
  gint64       bloods;       /* 2 working days */
  gint64       gp;           /* in the address book, but no laboratory */
  GDate        today;
} Fixture;

static inline gint64
add_patient (HarleyStore *store,
             const char  *given,
             gboolean     messages)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, "Okafor", "1961-03-12", NULL);
  g_autoptr(GError) error = NULL;

  harley_patient_set_flag (p, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE, messages);
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

static inline gint64
add_contact (HarleyStore       *store,
             HarleyContactKind  kind,
             const char        *name,
             int                turnaround)
{
  g_autoptr(HarleyContact) c = harley_contact_new (kind, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (harley_contact_save (store, c, &error));
  sql = g_strdup_printf ("UPDATE contact SET turnaround_days = %d WHERE id = %" G_GINT64_FORMAT, turnaround,
                         harley_contact_get_id (c));
  g_assert_true (harley_store_exec (store, sql, &error));
  g_assert_no_error (error);
  return harley_contact_get_id (c);
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  harley_test_db_set_up (&f->db, data);
  f->patient = add_patient (f->db.store, "Grace", FALSE);
  f->other = add_patient (f->db.store, "Tomasz", TRUE);
  f->histology = add_contact (f->db.store, HARLEY_CONTACT_LABORATORY, "Northgate Dermatopathology", 10);
  f->bloods = add_contact (f->db.store, HARLEY_CONTACT_LABORATORY, "Meridian Blood Sciences", 2);
  f->gp = add_contact (f->db.store, HARLEY_CONTACT_GP, "Dr Amir Khan", 0);
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

static inline GDate
days_ago (Fixture *f,
          int      n)
{
  GDate date = f->today;

  if (n > 0)
    g_date_subtract_days (&date, n);
  else
    g_date_add_days (&date, -n);
  return date;
}

static inline char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date), (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

static inline gint64
query_int (Fixture    *f,
           const char *sql)
{
  return harley_test_query_int (f->db.path, sql);
}

/* Every row of every table a step may write, for "nothing was written". */
static inline char *
snapshot (Fixture *f)
{
  static const char *tables[] = { "sample", "result", "call", "sample_event", "patient_event", "patient" };
  GString *all = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (f->db.store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (all, "[%s]", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            g_string_append_len (all, sqlite3_column_blob (stmt, c), sqlite3_column_bytes (stmt, c));
            g_string_append_c (all, '|');
          }
      sqlite3_finalize (stmt);
    }
  return g_string_free (all, FALSE);
}

/* Runs @expr, which passes &refusal, and asserts it was refused with @code
 * and a message with @words in it, and that nothing was written. */
#define assert_refused(f, expr, code, words) \
  G_STMT_START { \
    g_autofree char *before_ = snapshot (f); \
    g_autofree char *after_ = NULL; \
    g_autoptr(GError) refusal = NULL; \
    g_assert_false ((expr) != 0); \
    g_assert_error (refusal, HARLEY_SAMPLE_ERROR, (code)); \
    g_test_message ("refused: %s", refusal->message); \
    g_assert_nonnull (strstr (refusal->message, (words))); \
    g_assert_false (harley_store_in_transaction ((f)->db.store)); \
    after_ = snapshot (f); \
    g_assert_cmpstr (before_, ==, after_); \
  } G_STMT_END

/* The steps {{{1 */

static inline gint64
take_for (Fixture *f,
          gint64   patient,
          int      taken_days_ago,
          gint64   lab)
{
  g_autoptr(GError) error = NULL;
  HarleySampleNew s = { .patient_id = patient, .type = HARLEY_SAMPLE_HISTOLOGY, .site = "left cheek",
                        .description = "Shave biopsy of a pigmented lesion", .taken_by = "Dr Eleanor Hartley",
                        .lab_id = lab };
  gint64 id;

  s.taken_on = days_ago (f, taken_days_ago);
  id = harley_sample_add (f->db.store, &s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline gint64
take (Fixture *f,
      int      taken_days_ago)
{
  return take_for (f, f->patient, taken_days_ago, f->histology);
}

static inline void
send_on (Fixture     *f,
         gint64       id,
         int          sent_days_ago,
         const GDate *expected_by)
{
  g_autoptr(GError) error = NULL;
  GDate sent = days_ago (f, sent_days_ago);

  g_assert_true (harley_sample_send (f->db.store, id, 0, &sent, HARLEY_SEND_COURIER, "NDP-25-0417", expected_by,
                                     &error));
  g_assert_no_error (error);
}

static inline HarleyResultNew
result_for (Fixture *f,
            gint64   sample_id)
{
  HarleyResultNew r = { .sample_id = sample_id, .report = "Seborrhoeic keratosis. No dysplasia.\nReported by Dr Lin.",
                        .lab_reference = "NDP-25-0417" };

  r.received_on = f->today;
  return r;
}

static inline gint64
receive (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  HarleyResultNew r = result_for (f, id);
  gint64 result = harley_result_add (f->db.store, &r, &error);

  g_assert_no_error (error);
  g_assert_cmpint (result, >, 0);
  return result;
}

/* The steps, with what a user would give them */
static inline void
review (Fixture *f,
        gint64   id)
{
  g_assert_true (harley_sample_review (f->db.store, id, HARLEY_REVIEW_LETTER, "Benign: reassure", "Dr Eleanor Hartley",
                                       NULL));
}

static inline void
inform (Fixture *f,
        gint64   id)
{
  g_assert_true (harley_sample_inform (f->db.store, id, HARLEY_INFORMED_PHONE, NULL, NULL));
}

static inline void
close_sample (Fixture *f,
              gint64   id)
{
  g_assert_true (harley_sample_close (f->db.store, id, NULL));
}

static inline void
cancel (Fixture  *f,
        gint64    id,
        gboolean  lost)
{
  g_assert_true (harley_sample_cancel (f->db.store, id, lost, "The pot was not labelled", NULL));
}

static inline HarleySampleState
state_of (Fixture *f,
          gint64   id)
{
  g_autoptr(HarleySample) s = harley_sample_load (f->db.store, id, NULL);

  g_assert_nonnull (s);
  return s->state;
}

/* A new sample in @state, by the steps that lead there. */
static inline gint64
sample_in (Fixture           *f,
           HarleySampleState  state)
{
  gint64 id = take (f, 3);

  if (state == HARLEY_SAMPLE_CANCELLED)
    cancel (f, id, FALSE);
  if (state >= HARLEY_SAMPLE_SENT && state != HARLEY_SAMPLE_CANCELLED)
    send_on (f, id, 2, NULL);
  if (state == HARLEY_SAMPLE_LOST)
    cancel (f, id, TRUE);
  if (state >= HARLEY_SAMPLE_RECEIVED && state <= HARLEY_SAMPLE_CLOSED)
    receive (f, id);
  if (state >= HARLEY_SAMPLE_REVIEWED && state <= HARLEY_SAMPLE_CLOSED)
    review (f, id);
  if (state >= HARLEY_SAMPLE_INFORMED && state <= HARLEY_SAMPLE_CLOSED)
    inform (f, id);
  if (state == HARLEY_SAMPLE_CLOSED)
    close_sample (f, id);
  g_assert_cmpint (state_of (f, id), ==, state);
  return id;
}
