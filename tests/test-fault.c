/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fault injection on the main write paths. SQLite's memory runs out at
 * each allocation of an operation in turn (SQLITE_CONFIG_MALLOC), and its
 * disk fails at each write, sync or truncate in turn (a VFS over "unix",
 * made the default so HarleyStore uses it unchanged): each time the
 * operation succeeds or fails with a message, nothing crashes, the file
 * reopened normally passes integrity_check, and the operation is there
 * whole or not at all. Then the file itself: full, read-only, and
 * deleted, moved or replaced while open. */

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-sample.h"
#include "harley-test-fault.h"
#include "harley-test-util.h"

/* A practice with something at every step {{{1 */

typedef struct
{
  gint64 grace;
  gint64 tomasz;
  gint64 gp;
  gint64 lab;
  gint64 appointment;        /* Grace's, booked */
  gint64 other_appointment;  /* Tomasz's, the time an overbooking shares */
  gint64 letter_awaiting;    /* to Grace, a copy to the GP, awaiting approval */
  gint64 letter_typed;
  gint64 sample_taken;
  gint64 sample_sent;
} Practice;

static Practice practice;

#define BOOK_FLAGS (HARLEY_BOOK_ALLOW_PAST | HARLEY_BOOK_ALLOW_OUTSIDE_SESSION)

static gint64
add_patient (HarleyStore *store,
             const char  *given,
             const char  *family)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, "1961-03-12", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

static gint64
add_contact (HarleyStore       *store,
             HarleyContactKind  kind,
             const char        *name)
{
  g_autoptr(HarleyContact) c = harley_contact_new (kind, name);
  g_autoptr(GError) error = NULL;

  if (kind == HARLEY_CONTACT_LABORATORY)
    harley_contact_set_turnaround_days (c, 2);
  g_assert_true (harley_contact_save (store, c, &error));
  g_assert_no_error (error);
  return harley_contact_get_id (c);
}

static HarleyBooking
booking_for (gint64 patient,
             guint  day,
             int    start)
{
  HarleyBooking b = { .patient_id = patient, .clinician_id = 1, .type_id = 1, .start = start, .end = start + 30 };

  g_date_clear (&b.date, 1);
  g_date_set_dmy (&b.date, day, G_DATE_MARCH, 2031);
  return b;
}

static gint64
book (HarleyStore *store,
      gint64       patient,
      guint        day,
      int          start)
{
  HarleyBooking b = booking_for (patient, day, start);
  g_autoptr(GError) error = NULL;
  gint64 id = harley_diary_book (store, &b, BOOK_FLAGS, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
letter_in (HarleyStore       *store,
           HarleyLetterState  state)
{
  g_autoptr(GError) error = NULL;
  gint64 id = harley_letter_create (store, practice.grace, 0, 0, 1, "Clinic letter", "", &error);

  g_assert_no_error (error);
  g_assert_cmpint (harley_letter_add_recipient (store, id, FALSE, HARLEY_RECIPIENT_PATIENT, 0, &error), >, 0);
  g_assert_cmpint (harley_letter_add_recipient (store, id, TRUE, HARLEY_RECIPIENT_GP, practice.gp, &error), >, 0);
  g_assert_true (harley_letter_set_body (store, id, "Dear Mrs Okafor\n\nAll is well.", &error));
  g_assert_true (harley_letter_set_state (store, id, HARLEY_LETTER_TYPED, NULL, &error));
  if (state == HARLEY_LETTER_AWAITING_APPROVAL)
    g_assert_true (harley_letter_set_state (store, id, state, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
take_sample (HarleyStore *store)
{
  HarleySampleNew s = { .patient_id = practice.grace, .type = HARLEY_SAMPLE_HISTOLOGY, .site = "left cheek",
                        .description = "Shave biopsy", .taken_by = "Dr Eleanor Hartley", .lab_id = practice.lab };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_date_clear (&s.taken_on, 1);
  g_date_set_dmy (&s.taken_on, 2, G_DATE_JANUARY, 2025);
  id = harley_sample_add (store, &s, &error);
  g_assert_no_error (error);
  return id;
}

/* Made once, by the test program itself (not its subprocesses, which
 * must not touch SQLite before their fault is in place), and copied. */
#define PRACTICE_VARIABLE "HARLEY_TEST_FAULT_PRACTICE"

static void
make_practice (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = harley_store_open (path, &error);
  GDate sent;

  g_assert_no_error (error);
  practice.gp = add_contact (store, HARLEY_CONTACT_GP, "Dr Amir Khan");
  practice.lab = add_contact (store, HARLEY_CONTACT_LABORATORY, "Meridian Blood Sciences");
  practice.grace = add_patient (store, "Grace", "Okafor");
  practice.tomasz = add_patient (store, "Tomasz", "Nowak");
  practice.appointment = book (store, practice.grace, 3, 600);
  practice.other_appointment = book (store, practice.tomasz, 4, 660);
  practice.letter_awaiting = letter_in (store, HARLEY_LETTER_AWAITING_APPROVAL);
  practice.letter_typed = letter_in (store, HARLEY_LETTER_TYPED);
  practice.sample_taken = take_sample (store);
  practice.sample_sent = take_sample (store);
  g_date_clear (&sent, 1);
  g_date_set_dmy (&sent, 3, G_DATE_JANUARY, 2025);
  g_assert_true (harley_sample_send (store, practice.sample_sent, 0, &sent, HARLEY_SEND_COURIER, "M-1", NULL, &error));
  g_assert_no_error (error);
  /* One file, no WAL beside it: a copy is the whole practice. */
  g_assert_true (harley_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
}

static gint64
find_id (HarleyStore *store,
         const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A copy of the practice at @path, its rows found again by what they are. */
static void
copy_practice (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = NULL;

  harley_fault_copy_file (g_getenv (PRACTICE_VARIABLE), path);
  store = harley_store_open (path, &error);
  g_assert_no_error (error);
  practice.grace = find_id (store, "SELECT id FROM patient WHERE given_name = 'Grace'");
  practice.tomasz = find_id (store, "SELECT id FROM patient WHERE given_name = 'Tomasz'");
  practice.gp = find_id (store, "SELECT id FROM contact WHERE kind = 'gp'");
  practice.lab = find_id (store, "SELECT id FROM contact WHERE kind = 'laboratory'");
  practice.appointment = find_id (store, "SELECT a.id FROM appointment a JOIN patient p ON p.id = a.patient_id "
                                         "WHERE p.given_name = 'Grace'");
  practice.other_appointment = find_id (store, "SELECT a.id FROM appointment a JOIN patient p "
                                               "ON p.id = a.patient_id WHERE p.given_name = 'Tomasz'");
  practice.letter_awaiting = find_id (store, "SELECT id FROM letter WHERE state = 'awaiting-approval'");
  practice.letter_typed = find_id (store, "SELECT id FROM letter WHERE state = 'typed'");
  practice.sample_taken = find_id (store, "SELECT id FROM sample WHERE state = 'taken'");
  practice.sample_sent = find_id (store, "SELECT id FROM sample WHERE state = 'sent'");
}

/* The operations {{{1 */

typedef gboolean (*OpFunc) (HarleyStore  *store,
                            GError      **error);

typedef struct
{
  const char *name;
  OpFunc      run;
  /* Walked out of memory in every run; the others only with -m
   * thorough. All are walked for I/O errors. */
  gboolean    main_path;
} Op;

static gboolean
op_patient_new (HarleyStore  *store,
                GError      **error)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Ada", "Lovelace", "1985-12-10", "4010232137");

  harley_patient_set_text (p, HARLEY_PATIENT_POSTCODE, "NW1 6XE");
  harley_patient_set_text (p, HARLEY_PATIENT_PHONE_MOBILE, "07700 900123");
  harley_patient_add_hospital_number (p, 0, NULL, "RX0042");
  return harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, error);
}

static gboolean
op_patient_edit (HarleyStore  *store,
                 GError      **error)
{
  g_autoptr(HarleyPatient) p = harley_register_load (store, practice.grace, error);

  if (p == NULL)
    return FALSE;
  harley_patient_set_text (p, HARLEY_PATIENT_FAMILY_NAME, "Okafor-Hale");
  harley_patient_set_text (p, HARLEY_PATIENT_ADDRESS_LINE1, "12 Mill Lane");
  harley_patient_set_text (p, HARLEY_PATIENT_NOTES, "Prefers mornings.");
  return harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, error);
}

static gboolean
op_book (HarleyStore  *store,
         GError      **error)
{
  HarleyBooking b = booking_for (practice.tomasz, 5, 540);

  return harley_diary_book (store, &b, BOOK_FLAGS, error) != 0;
}

/* Booked on top of Tomasz's appointment: stored as overbooked. */
static gboolean
op_book_overbooked (HarleyStore  *store,
                    GError      **error)
{
  HarleyBooking b = booking_for (practice.grace, 4, 660);

  return harley_diary_book (store, &b, BOOK_FLAGS | HARLEY_BOOK_OVERBOOK, error) != 0;
}

/* Refused: the clinician is busy then. A fault must never let it in. */
static gboolean
op_book_refused (HarleyStore  *store,
                 GError      **error)
{
  HarleyBooking b = booking_for (practice.grace, 4, 660);

  return harley_diary_book (store, &b, BOOK_FLAGS, error) != 0;
}

static gboolean
op_move (HarleyStore  *store,
         GError      **error)
{
  HarleyBooking b = booking_for (0, 6, 840);

  return harley_diary_move (store, practice.appointment, 1, &b.date, b.start, b.end, BOOK_FLAGS, error);
}

static gboolean
op_cancel (HarleyStore  *store,
           GError      **error)
{
  return harley_diary_set_status (store, practice.appointment, HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT,
                                  "Unwell", error);
}

static gboolean
op_letter_create (HarleyStore  *store,
                  GError      **error)
{
  return harley_letter_create (store, practice.tomasz, 0, 0, 1, "Results", "Dear Mr Nowak", error) != 0;
}

static gboolean
op_letter_body (HarleyStore  *store,
                GError      **error)
{
  return harley_letter_set_body (store, practice.letter_typed, "Dear Mrs Okafor\n\nAll is still well.", error);
}

static gboolean
op_letter_to_approval (HarleyStore  *store,
                       GError      **error)
{
  return harley_letter_set_state (store, practice.letter_typed, HARLEY_LETTER_AWAITING_APPROVAL, NULL, error);
}

static gboolean
op_letter_approve (HarleyStore  *store,
                   GError      **error)
{
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (pdfs, g_bytes_new_static ("%PDF-1.4 to Mrs Okafor\n%%EOF\n", 29));
  g_ptr_array_add (pdfs, g_bytes_new_static ("%PDF-1.4 copy to Dr Khan\n%%EOF\n", 30));
  return harley_letter_approve_all (store, practice.letter_awaiting, pdfs, "Dr Eleanor Hartley", FALSE, error);
}

static gboolean
op_sample_add (HarleyStore  *store,
               GError      **error)
{
  HarleySampleNew s = { .patient_id = practice.tomasz, .type = HARLEY_SAMPLE_BLOOD, .lab_id = practice.lab };

  g_date_clear (&s.taken_on, 1);
  g_date_set_dmy (&s.taken_on, 6, G_DATE_JANUARY, 2025);
  return harley_sample_add (store, &s, error) != 0;
}

static gboolean
op_sample_send (HarleyStore  *store,
                GError      **error)
{
  GDate sent;

  g_date_clear (&sent, 1);
  g_date_set_dmy (&sent, 7, G_DATE_JANUARY, 2025);
  return harley_sample_send (store, practice.sample_taken, 0, &sent, HARLEY_SEND_POST, "M-2", NULL, error);
}

static gboolean
op_result_add (HarleyStore  *store,
               GError      **error)
{
  HarleyResultNew r = { .sample_id = practice.sample_sent, .report = "No dysplasia.", .lab_reference = "M-1" };

  g_date_clear (&r.received_on, 1);
  g_date_set_dmy (&r.received_on, 9, G_DATE_JANUARY, 2025);
  return harley_result_add (store, &r, error) != 0;
}

/* Chasing the laboratory about a sample: the sample, the laboratory and
 * the patient are each read first. */
static gboolean
op_call_lab (HarleyStore  *store,
             GError      **error)
{
  HarleyCallNew call = { .contact_id = practice.lab, .sample_id = practice.sample_sent,
                         .outcome = HARLEY_CALL_SPOKE, .note = "Report on its way" };

  return harley_call_add (store, &call, error) != 0;
}

static const Op ops[] = {
  { "patient-new", op_patient_new, TRUE },
  { "patient-edit", op_patient_edit },
  { "book", op_book, TRUE },
  { "book-overbooked", op_book_overbooked },
  { "book-refused", op_book_refused },
  { "move", op_move },
  { "cancel", op_cancel },
  { "letter-create", op_letter_create },
  { "letter-body", op_letter_body },
  { "letter-to-approval", op_letter_to_approval },
  { "letter-approve", op_letter_approve, TRUE },
  { "sample-add", op_sample_add, FALSE },
  { "sample-send", op_sample_send, TRUE },
  { "result-add", op_result_add, FALSE },
  { "call-lab", op_call_lab, FALSE },
};

/* Walking a fault over an operation {{{1 */

/* How many steps a walk takes. An operation makes one to three thousand
 * allocations (the audit trail's triggers are compiled with each
 * statement) and each step opens the file twice, so the suite takes at
 * most SUITE_STEPS of them: all of the last TAIL_STEPS (the commit, and
 * the close that follows) and the rest spread evenly from the first.
 * `test-fault -m thorough` takes every step of every operation.
 *
 * Under AddressSanitizer, as .ci/run runs the unit tests (with
 * fast_unwind_on_malloc=0), a step takes some 0.5 s where it takes 5 ms
 * in the normal build, each of SQLite's allocations recording its stack:
 * there a walk takes SANITIZED_STEPS steps spread over it, over the main
 * paths only. CI tests the normal build too (build-aux/test.sh). */
#define SUITE_STEPS 500
#define TAIL_STEPS  120
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED_STEPS 3
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED_STEPS 3
#endif
#endif

/* The subprocess is not told the test mode: the parent passes it on. */
#define THOROUGH_VARIABLE "HARLEY_TEST_FAULT_THOROUGH"

/* The calls to fail, from 1 to @total. */
static GArray *
choose_steps (guint total)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (guint));
  guint budget = g_getenv (THOROUGH_VARIABLE) != NULL ? total : MIN (total, SUITE_STEPS);
  guint tail = budget == total ? 0 : TAIL_STEPS;
  guint head;

#ifdef SANITIZED_STEPS
  budget = MIN (total, SANITIZED_STEPS);
  tail = 0;
#endif
  head = budget - tail;
  for (guint i = 0; i < head; i++)
    {
      guint n = head == total ? i + 1 : 1 + (guint) ((guint64) i * (total - tail - 1) / MAX (head - 1, 1));

      g_array_append_val (steps, n);
    }
  for (guint n = total - tail + 1; n <= total && tail > 0; n++)
    g_array_append_val (steps, n);
  return steps;
}

typedef struct
{
  const Op         *op;
  HarleyFaultKind   kind;
  char             *dir;
  char             *practice_path;
  char             *path;
  char             *before;
  char             *after;
  gboolean          refused;          /* the operation is refused even without faults */
  guint             total;            /* calls the fault could fail, without faults */
  guint             steps;
  guint             failed_whole;     /* failed, nothing written */
  guint             failed_committed; /* failed, yet committed whole */
  guint             absorbed;         /* a fault, and yet it succeeded */
  GHashTable       *messages;
  GPtrArray        *problems;
} Walk;

static void
walk_init (Walk            *w,
           const Op        *op,
           HarleyFaultKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = NULL;

  w->op = op;
  w->kind = kind;
  w->dir = harley_test_make_dir ();
  w->practice_path = g_build_filename (w->dir, "practice-before.db", NULL);
  w->path = harley_test_db_path (w->dir);
  w->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->problems = g_ptr_array_new_with_free_func (g_free);
  copy_practice (w->practice_path);
  /* After the first store, which puts its allocator in front (SQLite
   * starts when the VFS is looked up). */
  harley_fault_install_vfs ();
  harley_fault_copy_file (w->practice_path, w->path);
  w->before = harley_fault_open_sound (w->path);

  /* Without faults: what the operation leaves when it goes through, and
   * how many calls it makes that the fault could fail. */
  harley_fault_copy_file (w->practice_path, w->path);
  store = harley_store_open (w->path, &error);
  g_assert_no_error (error);
  harley_fault_arm (kind, G_MAXUINT);
  w->refused = !op->run (store, &error);
  if (w->refused)
    g_test_message ("%s is refused without faults: %s", op->name, error->message);
  g_clear_object (&store);
  w->total = harley_fault.calls;
  g_assert_cmpuint (harley_fault_disarm (), ==, 0);
  w->after = harley_fault_open_sound (w->path);
  g_assert_true (w->refused == g_str_equal (w->before, w->after));
}

static void
walk_clear (Walk *w)
{
  harley_test_remove_tree (w->dir);
  g_free (w->dir);
  g_free (w->practice_path);
  g_free (w->path);
  g_free (w->before);
  g_free (w->after);
  g_hash_table_unref (w->messages);
  g_ptr_array_unref (w->problems);
}

/* A message a person can act on, of the kind the fault calls for. */
static void
assert_clear_error (Walk         *w,
                    guint         n,
                    const GError *error)
{
  gboolean clear;

  if (error == NULL)
    {
      g_ptr_array_add (w->problems, g_strdup_printf ("%s, fault at %u: failed without a message\n",
                                                     w->op->name, n));
      return;
    }
  g_hash_table_add (w->messages, g_strdup_printf ("%s: %s", g_quark_to_string (error->domain), error->message));
  if (w->kind == HARLEY_FAULT_FULL)
    clear = g_error_matches (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DISK_FULL)
            && strstr (error->message, "The disk is full") != NULL;
  else if (w->kind == HARLEY_FAULT_OOM)
    clear = g_error_matches (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_FAILED)
            && strstr (error->message, "short of memory") != NULL;
  else
    clear = error->domain == HARLEY_STORE_ERROR && strstr (error->message, "the disk reported an error") != NULL;
  if (!clear)
    g_ptr_array_add (w->problems, g_strdup_printf ("%s, fault at %u: the message does not say what happened: "
                                                   "%s\n", w->op->name, n, error->message));
}

static void
assert_snapshot (Walk       *w,
                 guint       n,
                 const char *expected,
                 const char *actual,
                 const char *what)
{
  g_autofree char *difference = NULL;

  if (g_str_equal (expected, actual))
    return;
  difference = harley_fault_describe_difference (expected, actual);
  g_ptr_array_add (w->problems, g_strdup_printf ("%s, fault at %u: %s\n%s", w->op->name, n, what, difference));
}

/* One run with the fault at call @n. Returns: whether the fault fired */
static gboolean
walk_step (Walk  *w,
           guint  n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = NULL;
  g_autofree char *now = NULL;
  gboolean ok;
  guint fired;

  harley_fault_copy_file (w->practice_path, w->path);
  store = harley_store_open (w->path, &error);
  g_assert_no_error (error);

  harley_fault_arm (w->kind, n);
  ok = w->op->run (store, &error);
  g_assert_false (harley_store_in_transaction (store));
  /* Closing checkpoints: the disk is still failing then. */
  g_clear_object (&store);
  fired = harley_fault_disarm ();

  harley_fault_use_real_vfs (TRUE);
  now = harley_fault_open_sound (w->path);
  harley_fault_use_real_vfs (FALSE);

  if (ok)
    {
      g_assert_no_error (error);
      assert_snapshot (w, n, w->after, now, "succeeded, but the file does not hold what it should");
      w->absorbed += fired > 0;
    }
  else if (fired == 0 || w->refused)
    {
      /* Refused on its own merits, as without the fault. */
      g_assert_true (w->refused);
      g_assert_nonnull (error);
      assert_snapshot (w, n, w->before, now, "refused, but something was written");
    }
  else
    {
      assert_clear_error (w, n, error);
      if (g_str_equal (now, w->before))
        w->failed_whole++;
      else
        {
          assert_snapshot (w, n, w->after, now, "failed, and left part of itself behind");
          w->failed_committed++;
        }
    }
  w->steps++;
  return fired > 0;
}

static void
walk (const Op        *op,
      HarleyFaultKind  kind)
{
  static const char * const kinds[] = { "none", "out of memory", "I/O error", "disk full" };
  Walk w = { 0 };
  GHashTableIter iter;
  gpointer message;

  g_autoptr(GArray) steps = NULL;

  walk_init (&w, op, kind);
  /* Each call chosen fails, as the run without faults made it. */
  steps = choose_steps (w.total);
  for (guint i = 0; i < steps->len; i++)
    g_assert_true (walk_step (&w, g_array_index (steps, guint, i)));
  /* One past the last, nothing fails. */
  g_assert_false (walk_step (&w, w.total + 1));
  g_printerr ("# %s, %s: %u of %u steps; failed with nothing written %u, failed yet committed %u, "
              "absorbed %u\n", op->name, kinds[kind], w.steps - 1, w.total, w.failed_whole,
              w.failed_committed, w.absorbed);
  g_hash_table_iter_init (&iter, w.messages);
  while (g_hash_table_iter_next (&iter, &message, NULL))
    g_printerr ("#   %s\n", (const char *) message);
  for (guint i = 0; i < w.problems->len; i++)
    g_printerr ("%s", (const char *) g_ptr_array_index (w.problems, i));
  g_assert_cmpuint (w.problems->len, ==, 0);
  walk_clear (&w);
}

static void
test_oom (gconstpointer data)
{
  const Op *op = data;

  if (!op->main_path && !g_test_thorough () && !g_test_subprocess ())
    {
      g_test_skip ("walked out of memory only with -m thorough");
      return;
    }
#ifdef SANITIZED_STEPS
  if (!op->main_path)
    {
      g_test_skip ("under AddressSanitizer only the main paths are walked");
      return;
    }
#endif
  if (g_test_subprocess ())
    {
      /* Before SQLite is used at all in this process. */
      harley_fault_install_allocator ();
      walk (data, HARLEY_FAULT_OOM);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_io (gconstpointer data)
{
#ifdef SANITIZED_STEPS
  if (!((const Op *) data)->main_path)
    {
      g_test_skip ("under AddressSanitizer only the main paths are walked");
      return;
    }
#endif
  if (g_test_subprocess ())
    {
      walk (data, HARLEY_FAULT_IOERR);
      walk (data, HARLEY_FAULT_FULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The file itself {{{1 */

/* A practice in a folder of its own, and what it holds. */
typedef struct
{
  char *dir;
  char *path;
  char *before;
} FileCase;

static void
file_case_init (FileCase *c)
{
  c->dir = harley_test_make_dir ();
  c->path = harley_test_db_path (c->dir);
  copy_practice (c->path);
  c->before = harley_fault_open_sound (c->path);
}

static void
file_case_clear (FileCase *c)
{
  harley_test_remove_tree (c->dir);
  g_free (c->dir);
  g_free (c->path);
  g_free (c->before);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* The disk fills before a booking: it is refused with what to do, and
 * once there is room again the same booking goes through, once. */
static void
test_disk_full (void)
{
  FileCase c = { 0 };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  harley_fault_install_vfs ();
  file_case_init (&c);
  store = harley_store_open (c.path, &error);
  g_assert_no_error (error);

  harley_fault_arm (HARLEY_FAULT_FULL, 1);
  g_assert_false (op_book (store, &error));
  g_assert_cmpuint (harley_fault_disarm (), >, 0);
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "The disk is full"));
  g_assert_nonnull (strstr (error->message, "Free some space and try again"));
  g_assert_false (harley_store_in_transaction (store));
  g_clear_error (&error);

  g_assert_true (op_book (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  harley_fault_use_real_vfs (TRUE);
  now = harley_fault_open_sound (c.path);
  g_assert_cmpint (harley_test_query_int (c.path, "SELECT count(*) FROM appointment WHERE patient_id = 2 "
                                                  "AND starts = '2031-03-05 09:00'"), ==, 1);
  g_assert_cmpint (harley_test_query_int (c.path, "SELECT count(*) FROM appointment"), ==, 3);
  file_case_clear (&c);
}

/* A read-only file, or a copy in a read-only folder, is refused with
 * the read-only message, and not a byte is written: no WAL, no lock. */
static void
test_read_only (void)
{
  FileCase c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *now = NULL;
  guint files;

  file_case_init (&c);
  lock = g_strconcat (c.path, ".lock", NULL);
  g_unlink (lock);
  bytes = harley_test_read_file (c.path);
  files = count_files (c.dir);
  g_assert_cmpint (g_chmod (c.path, 0400), ==, 0);
  store = harley_store_open (c.path, &error);
  g_assert_null (store);
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (c.path, 0600), ==, 0);
  g_assert_cmpint (g_chmod (c.dir, 0500), ==, 0);
  store = harley_store_open (c.path, &error);
  g_assert_null (store);
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (c.dir, 0700), ==, 0);
  after = harley_test_read_file (c.path);
  g_assert_true (g_bytes_equal (bytes, after));
  g_assert_cmpuint (count_files (c.dir), ==, files);

  /* Made read-only while open: the permission is the open file's, so
   * writes go on into it, and are there afterwards. */
  store = harley_store_open (c.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (c.path, 0400), ==, 0);
  g_assert_true (op_book (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (c.path, 0600), ==, 0);
  now = harley_fault_open_sound (c.path);
  g_assert_cmpint (harley_test_query_int (c.path, "SELECT count(*) FROM appointment"), ==, 3);
  file_case_clear (&c);
}

/* Three patients saved, still in the WAL when the file goes. */
static HarleyStore *
open_with_recent_changes (FileCase *c)
{
  g_autoptr(GError) error = NULL;
  HarleyStore *store = harley_store_open (c->path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *family = g_strdup_printf ("Recent%u", i);

      add_patient (store, "Iris", family);
    }
  g_assert_cmpint (harley_test_query_int (c->path, "SELECT count(*) FROM patient"), ==, 5);
  return store;
}

/* Harley's file deleted while open: the next change is refused, saying
 * so, rather than written into a file nobody will see again. */
static void
test_deleted (void)
{
  FileCase c = { 0 };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  file_case_init (&c);
  store = open_with_recent_changes (&c);
  g_assert_cmpint (g_unlink (c.path), ==, 0);
  g_assert_false (op_book (store, &error));
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "deleted while Harley had it open"));
  g_assert_nonnull (strstr (error->message, "restore it from your latest backup"));
  g_assert_false (harley_store_in_transaction (store));
  g_clear_object (&store);
  g_assert_false (g_file_test (c.path, G_FILE_TEST_EXISTS));
  file_case_clear (&c);
}

/* Moved to another folder while open: the next change is refused, and
 * the moved file has everything saved before, the changes still in the
 * WAL beside the old path included. */
static void
test_moved (void)
{
  FileCase c = { 0 };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *now = NULL;

  file_case_init (&c);
  moved = g_build_filename (c.dir, "moved.db", NULL);
  store = open_with_recent_changes (&c);
  g_assert_cmpint (g_rename (c.path, moved), ==, 0);
  g_assert_false (op_book (store, &error));
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "moved"));
  g_clear_object (&store);
  now = harley_fault_open_sound (moved);
  g_assert_cmpint (harley_test_query_int (moved, "SELECT count(*) FROM patient"), ==, 5);
  g_assert_cmpint (harley_test_query_int (moved, "SELECT count(*) FROM appointment"), ==, 2);
  file_case_clear (&c);
}

/* Replaced while open by an older copy (a backup put back by hand): the
 * next change is refused, and the copy is left exactly as it was, never
 * mixed with the WAL of the file it replaced. */
static void
test_replaced (void)
{
  FileCase c = { 0 };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *now = NULL;

  file_case_init (&c);
  copy = g_build_filename (c.dir, "copy.db", NULL);
  harley_fault_copy_file (c.path, copy);
  store = open_with_recent_changes (&c);
  g_assert_cmpint (g_rename (copy, c.path), ==, 0);
  g_assert_false (op_book (store, &error));
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "replaced"));
  g_clear_object (&store);
  now = harley_fault_open_sound (c.path);
  g_assert_true (g_str_equal (now, c.before));
  file_case_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!g_test_subprocess ())
    {
      dir = harley_test_make_dir ();
      path = g_build_filename (dir, "practice.db", NULL);
      make_practice (path);
      g_setenv (PRACTICE_VARIABLE, path, TRUE);
    }
  if (g_test_thorough ())
    g_setenv (THOROUGH_VARIABLE, "1", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autofree char *oom = g_strdup_printf ("/fault/out-of-memory/%s", ops[i].name);
      g_autofree char *io = g_strdup_printf ("/fault/io/%s", ops[i].name);

      g_test_add_data_func (oom, &ops[i], test_oom);
      g_test_add_data_func (io, &ops[i], test_io);
    }
  g_test_add_func ("/fault/file/disk-full", test_disk_full);
  g_test_add_func ("/fault/file/read-only", test_read_only);
  g_test_add_func ("/fault/file/deleted-while-open", test_deleted);
  g_test_add_func ("/fault/file/moved-while-open", test_moved);
  g_test_add_func ("/fault/file/replaced-while-open", test_replaced);
  status = g_test_run ();
  if (dir != NULL)
    harley_test_remove_tree (dir);
  return status;
}
