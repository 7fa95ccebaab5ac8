/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-clinic-list"

/* The printed clinic list: a real database with clinics and bookings,
 * the PDF written, then read back with Poppler as anyone opening it
 * would: the page size, the text on each page and where it stands. */

#include <string.h>
#include <sys/stat.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "harley-cli.h"
#include "harley-clinic-list.h"
#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-register.h"
#include "harley-test-pdf.h"
#include "harley-test-util.h"
#include "harley-wall-time.h"

#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

typedef struct
{
  HarleyTestDb  db;
  gint64        consultant;
  gint64        nurse;
  gint64        follow_up;
  gint64        new_consultation;
  gint64        procedure;
  char         *pdf;
} Fixture;

/* Setting up a day {{{1 */

static GDate
day (const char *iso)
{
  g_autofree char *text = g_strconcat (iso, " 00:00", NULL);
  GDate date;
  int minutes;

  g_assert_true (harley_wall_time_parse (text, &date, &minutes, NULL));
  return date;
}

static gint64
add_patient (Fixture    *f,
             const char *given,
             const char *family,
             const char *dob,
             const char *nhs,
             const char *alerts)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, dob, nhs);
  g_autoptr(GError) error = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_ALERTS, alerts);
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

static gint64
add_place (Fixture    *f,
           const char *name)
{
  g_autoptr(HarleyContact) place = harley_contact_new (HARLEY_CONTACT_HOSPITAL, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_contact_save (f->db.store, place, &error));
  g_assert_no_error (error);
  return harley_contact_get_id (place);
}

/* Mondays from 07/01/2030 */
static void
add_mondays (Fixture *f,
             gint64   clinician,
             gint64   place,
             int      start,
             int      end)
{
  g_autoptr(GError) error = NULL;
  GDate first = day ("2030-01-07");
  HarleySession s = { 0 };

  s.clinician_id = clinician;
  s.location_id = place;
  s.recurrence = harley_recurrence_new_weekly (&first, 1);
  s.start = start;
  s.end = end;
  s.slot_minutes = 15;
  g_assert_cmpint (harley_diary_add_session (f->db.store, &s, &error), >, 0);
  g_assert_no_error (error);
  harley_recurrence_free (s.recurrence);
}

static gint64
book (Fixture         *f,
      gint64           patient,
      gint64           clinician,
      gint64           type,
      const char      *iso_day,
      int              start,
      int              minutes,
      const char      *notes,
      HarleyBookFlags  flags)
{
  g_autoptr(GError) error = NULL;
  HarleyBooking b = { 0 };
  gint64 id;

  b.patient_id = patient;
  b.clinician_id = clinician;
  b.type_id = type;
  b.date = day (iso_day);
  b.start = start;
  b.end = start + minutes;
  b.notes = notes;
  id = harley_diary_book (f->db.store, &b, flags, &error);
  g_assert_no_error (error);
  return id;
}

static void
set_practice (Fixture *f)
{
  const char *keys[] = { "name", "address", "phone" };
  const char *values[] = { "Harley Street Dermatology", "10 Harley Street\nLondon\nW1G 9PF", "020 7946 0000" };
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_store_set_practice_details (f->db.store, keys, values, 3, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) clinicians = NULL;
  g_autoptr(GError) error = NULL;

  harley_test_db_set_up (&f->db, data);
  f->pdf = g_build_filename (f->db.dir, "clinic list.pdf", NULL);
  set_practice (f);
  clinicians = harley_diary_list_clinicians (f->db.store, NULL);
  f->consultant = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  g_assert_true (harley_diary_rename_clinician (f->db.store, f->consultant, "Dr Eleanor Whitfield", &error));
  f->nurse = harley_diary_add_clinician (f->db.store, "Sister Mary Jones", "nurse", &error);
  g_assert_no_error (error);
  f->follow_up = harley_diary_find_type (f->db.store, "Follow-up");
  f->new_consultation = harley_diary_find_type (f->db.store, "New consultation");
  f->procedure = harley_diary_find_type (f->db.store, "Procedure");
  add_mondays (f, f->consultant, add_place (f, "The London Clinic"), 9 * 60, 13 * 60);
  add_mondays (f, f->nurse, 0, 14 * 60, 17 * 60);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->pdf);
  harley_test_db_tear_down (&f->db, data);
}

#define LONG_NOTE "Review the biopsy result from 02/01/2030 with the patient and discuss the excision " \
                  "of the lesion on the left shoulder; bring the consent form and the photographs."

/* Monday 14/01/2030: the consultant's morning with an overbooking and a
 * cancellation, names in several scripts, and one patient for the nurse. */
static void
book_monday (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 zoe = add_patient (f, "Zoë", "Brontë", "1965-03-07", "9434765919", "Latex allergy");
  gint64 lukasz = add_patient (f, "Łukasz", "Kowalski", "1992-02-29", NULL, NULL);
  gint64 siobhan = add_patient (f, "Siobhán", "Ó Dúbhghaill", "1980-11-30", "9434760003", NULL);
  gint64 wang = add_patient (f, "小明", "王", "2001-06-15", NULL, NULL);
  gint64 fatima = add_patient (f, "فاطمة", "الزهراء", "1975-09-09", NULL, NULL);
  gint64 roe = add_patient (f, "John", "Roe", "1950-01-01", NULL, NULL);
  gint64 lee = add_patient (f, "Ann", "Lee", "1999-12-31", NULL, NULL);
  gint64 cancelled;

  book (f, zoe, f->consultant, f->new_consultation, "2030-01-14", 9 * 60, 30, LONG_NOTE, HARLEY_BOOK_DEFAULT);
  book (f, lukasz, f->consultant, f->follow_up, "2030-01-14", 9 * 60, 15, NULL, HARLEY_BOOK_OVERBOOK);
  book (f, siobhan, f->consultant, f->procedure, "2030-01-14", 9 * 60 + 30, 45, NULL, HARLEY_BOOK_DEFAULT);
  book (f, wang, f->consultant, f->follow_up, "2030-01-14", 10 * 60 + 15, 15, NULL, HARLEY_BOOK_DEFAULT);
  book (f, fatima, f->consultant, f->follow_up, "2030-01-14", 10 * 60 + 30, 15, NULL, HARLEY_BOOK_DEFAULT);
  cancelled = book (f, roe, f->consultant, f->follow_up, "2030-01-14", 10 * 60 + 45, 15, NULL,
                    HARLEY_BOOK_DEFAULT);
  g_assert_true (harley_diary_set_status (f->db.store, cancelled, HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT,
                                          "Unwell", &error));
  g_assert_no_error (error);
  book (f, lee, f->nurse, f->follow_up, "2030-01-14", 14 * 60, 15, "Dressing change", HARLEY_BOOK_DEFAULT);
}

/* 60 patients one after another on Monday 21/01/2030 */
static void
book_busy_monday (Fixture *f)
{
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *given = g_strdup_printf ("Row%02d", i + 1);
      gint64 patient = add_patient (f, given, "Tester", "1970-05-01", NULL, i % 7 == 0 ? "Needs a chaperone" : NULL);

      book (f, patient, f->consultant, f->follow_up, "2030-01-21", 8 * 60 + i * 10, 10,
            i % 5 == 0 ? LONG_NOTE : NULL, HARLEY_BOOK_ALLOW_OUTSIDE_SESSION);
    }
}

/* Reading the PDF {{{1 */

static HarleyClinicList *
new_list (Fixture    *f,
          const char *iso_day,
          gint64      clinician)
{
  g_autoptr(GError) error = NULL;
  GDate date = day (iso_day);
  HarleyClinicList *list = harley_clinic_list_new (f->db.store, &date, clinician, &error);

  g_assert_no_error (error);
  return list;
}

static void
write_list (Fixture    *f,
            const char *iso_day,
            gint64      clinician)
{
  g_autoptr(HarleyClinicList) list = new_list (f, iso_day, clinician);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_clinic_list_write_pdf (list, f->pdf, &error));
  g_assert_no_error (error);
}

static char *
pdf_page_text (HarleyTestPdf *pdf,
               int            index)
{
  return poppler_page_get_text (g_ptr_array_index (pdf->pages, index));
}

/* Where @part first is in reading order, as page × 10000 + its top;
 * fails the test, showing the pages' text, if it is nowhere. */
static double
pdf_find (HarleyTestPdf        *pdf,
          const char *part)
{
  for (int i = 0; i < pdf->n_pages; i++)
    {
      g_autoptr(GArray) boxes = harley_test_pdf_find_on_page (pdf, i, part, 1.0);

      if (boxes->len > 0)
        return i * 10000.0 + g_array_index (boxes, HarleyTestBox, 0).top;
    }
  for (int i = 0; i < pdf->n_pages; i++)
    {
      g_autofree char *text = pdf_page_text (pdf, i);

      g_test_message ("Page %d:\n%s", i + 1, text);
    }
  g_error ("“%s” is not in the clinic list", part);
}

/* Tests {{{1 */

static void
test_a4_pages (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HarleyTestPdf) pdf = NULL;
  g_autofree char *title = NULL;
  PopplerPage *page;
  double width, height;

  book_monday (f);
  write_list (f, "2030-01-14", 0);
  pdf = harley_test_pdf_open_file (f->pdf);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  page = g_ptr_array_index (pdf->pages, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, A4_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (height, A4_HEIGHT, 0.01);
  title = poppler_document_get_title (pdf->document);
  g_assert_cmpstr (title, ==, "Clinic list — Monday 14 January 2030");
}

static void
test_content (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(HarleyTestPdf) pdf = NULL;
  const char *expected[] = {
    "Harley Street Dermatology", "10 Harley Street, London, W1G 9PF", "020 7946 0000", "Clinic list",
    "Monday 14 January 2030", "Dr Eleanor Whitfield", "Consultant", "09:00–13:00 at The London Clinic",
    "Sister Mary Jones", "Nurse", "14:00–17:00", "Time", "Patient", "Date of birth", "NHS number", "Type",
    "Notes", "09:00–09:30", "Zoë Brontë", "07/03/1965", "Age 64", "943 476 5919", "New consultation",
    "Łukasz Kowalski", "29/02/1992", "Siobhán Ó Dúbhghaill", "943 476 0003", "Procedure",
    "Follow-up", "Ann Lee", "Dressing change", "Confidential — patient information", "Printed ",
    "Page 1 of 1",
  };

  book_monday (f);
  write_list (f, "2030-01-14", 0);
  pdf = harley_test_pdf_open_file (f->pdf);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    pdf_find (pdf, expected[i]);
  /* The long note wraps inside its column, to its last word. */
  g_assert_cmpfloat (pdf_find (pdf, "Review the biopsy"), <, pdf_find (pdf, "photographs."));
  /* By time, the consultant's part, then the nurse's. */
  g_assert_cmpfloat (pdf_find (pdf, "Zoë Brontë"), <, pdf_find (pdf, "Siobhán Ó Dúbhghaill"));
  g_assert_cmpfloat (pdf_find (pdf, "Dr Eleanor Whitfield"), <, pdf_find (pdf, "Zoë Brontë"));
  g_assert_cmpfloat (pdf_find (pdf, "Sister Mary Jones"), >, pdf_find (pdf, "Siobhán Ó Dúbhghaill"));
  g_assert_cmpfloat (pdf_find (pdf, "Ann Lee"), >, pdf_find (pdf, "Sister Mary Jones"));
}

/* The alert stands out, under its own patient; the overbooking is marked
 * on the rows of the clash. */
static void
test_alerts_and_overbooking (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(HarleyTestPdf) pdf = NULL;
  double zoe, alert, lukasz, overbooked;

  book_monday (f);
  write_list (f, "2030-01-14", 0);
  pdf = harley_test_pdf_open_file (f->pdf);
  zoe = pdf_find (pdf, "Zoë Brontë");
  alert = pdf_find (pdf, "⚠ Alert: Latex allergy");
  lukasz = pdf_find (pdf, "Łukasz Kowalski");
  overbooked = pdf_find (pdf, "Overbooked");
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Alert:"), ==, 1);
  g_assert_cmpfloat (zoe, <, alert);
  g_assert_cmpfloat (alert, <, lukasz);
  /* Both appointments of the clash at 09:00 are marked, and no other. */
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Overbooked"), ==, 2);
  g_assert_cmpfloat (overbooked, >, zoe);
  g_assert_cmpfloat (overbooked, <, pdf_find (pdf, "Siobhán Ó Dúbhghaill"));
}

/* The cancelled appointment is not among the patients expected: it comes
 * after them, under its own heading, with its status and reason. */
static void
test_cancelled_apart (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HarleyTestPdf) pdf = NULL;
  double apart;

  book_monday (f);
  write_list (f, "2030-01-14", f->consultant);
  pdf = harley_test_pdf_open_file (f->pdf);
  apart = pdf_find (pdf, "Cancelled and did not attend");
  g_assert_cmpfloat (pdf_find (pdf, "John Roe"), >, apart);
  g_assert_cmpfloat (pdf_find (pdf, "Cancelled by the patient"), >, apart);
  g_assert_cmpfloat (pdf_find (pdf, "Reason: Unwell"), >, apart);
  g_assert_cmpfloat (pdf_find (pdf, "فاطمة"), <, apart);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "John Roe"), ==, 1);
  pdf_find (pdf, "5 patients expected · 1 cancelled or did not attend");
  /* One clinician's list leaves the others out. */
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Sister Mary Jones"), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Ann Lee"), ==, 0);
}

/* What text extraction gives back, as a search or a screen reader would.
 * Poppler's search reads right-to-left text in its logical order (as
 * pdftotext does); poppler_page_get_text gives Arabic in visual order. */
static void
test_other_scripts (Fixture       *f,
                    gconstpointer  data)
{
  const char *names[] = {
    "Zoë Brontë", "Łukasz Kowalski", "Siobhán Ó Dúbhghaill", "فاطمة الزهراء", "小明 王",
  };
  g_autofree char *text = NULL;
  g_autoptr(HarleyTestPdf) pdf = NULL;

  if (!harley_test_have_font_for (0x738B))
    g_error ("No font on this machine draws Chinese: install fonts-noto-cjk (build-aux/install-deps.sh).");
  book_monday (f);
  write_list (f, "2030-01-14", 0);
  pdf = harley_test_pdf_open_file (f->pdf);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpuint (harley_test_pdf_count (pdf, names[i]), ==, 1);
  text = pdf_page_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Zoë Brontë"));
  g_assert_nonnull (strstr (text, "Łukasz Kowalski"));
  g_assert_nonnull (strstr (text, "Siobhán Ó"));
  g_assert_nonnull (strstr (text, "小明 王"));
}

static void
test_many_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(HarleyTestPdf) pdf = NULL;
  double last = -1;

  book_busy_monday (f);
  write_list (f, "2030-01-21", 0);
  pdf = harley_test_pdf_open_file (f->pdf);
  g_assert_cmpint (pdf->n_pages, >, 1);
  for (int i = 0; i < pdf->n_pages; i++)
    {
      g_autofree char *page = g_strdup_printf ("Page %d of %d", i + 1, pdf->n_pages);

      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, page), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "NHS number"), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Confidential — patient information"), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Dr Eleanor Whitfield"), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Dr Eleanor Whitfield (continued)"), ==, i > 0);
    }
  /* Every row once, by time, none lost or cut between two pages. */
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Row%02d Tester", i + 1);
      double here = pdf_find (pdf, name);

      g_assert_cmpuint (harley_test_pdf_count (pdf, name), ==, 1);
      g_assert_cmpfloat (here, >, last);
      last = here;
    }
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Review the biopsy"), ==, 12);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "photographs."), ==, 12);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Needs a chaperone"), ==, 9);
}

/* The pages fit the paper they are laid out for, and draw on any cairo_t. */
static void
test_other_paper (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HarleyClinicList) list = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint a4, landscape, inked = 0;

  book_busy_monday (f);
  list = new_list (f, "2030-01-21", 0);
  a4 = harley_clinic_list_get_n_pages (list, A4_WIDTH, A4_HEIGHT);
  landscape = harley_clinic_list_get_n_pages (list, 792, 612);
  g_assert_cmpuint (landscape, >, a4);
  g_assert_cmpuint (harley_clinic_list_get_n_pages (list, A4_WIDTH, A4_HEIGHT), ==, a4);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 792, 612);
  cr = cairo_create (surface);
  harley_clinic_list_draw_page (list, cr, 792, 612, landscape - 1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < 612; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface)
                                              + y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < 792; x++)
        inked += row[x] >> 24 != 0;
    }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (inked, >, 2000);
}

static void
test_empty_day (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HarleyTestPdf) tuesday = NULL;
  g_autoptr(HarleyTestPdf) clinic = NULL;

  /* No clinic and no booking: the day says so. */
  write_list (f, "2030-01-15", 0);
  tuesday = harley_test_pdf_open_file (f->pdf);
  g_assert_cmpint (tuesday->n_pages, ==, 1);
  pdf_find (tuesday, "Tuesday 15 January 2030");
  pdf_find (tuesday, "No appointments.");
  pdf_find (tuesday, "Page 1 of 1");
  g_assert_cmpuint (harley_test_pdf_count (tuesday, "Dr Eleanor Whitfield"), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count (tuesday, "NHS number"), ==, 0);

  /* Clinics with nobody booked: each clinician says so. */
  write_list (f, "2030-01-28", 0);
  clinic = harley_test_pdf_open_file (f->pdf);
  g_assert_cmpuint (harley_test_pdf_count (clinic, "No appointments."), ==, 2);
  g_assert_cmpfloat (pdf_find (clinic, "Dr Eleanor Whitfield"), <, pdf_find (clinic, "No appointments."));
  g_assert_cmpuint (harley_test_pdf_count (clinic, "patients expected"), ==, 0);
  pdf_find (clinic, "09:00–13:00 at The London Clinic");
}

static void
test_unknown_clinician (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyClinicList) list = NULL;
  GDate date = day ("2030-01-14");

  list = harley_clinic_list_new (f->db.store, &date, 999, &error);
  g_assert_null (list);
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_NOT_FOUND);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Written whole, then renamed over the old file; readable by its owner
 * alone; no half-written file left when it cannot be written. */
static void
test_written_safely (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(HarleyClinicList) list = new_list (f, "2030-01-14", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->db.dir, "no such folder", "list.pdf", NULL);
  GStatBuf st;
  guint before;

  g_assert_true (g_file_set_contents (f->pdf, "old", -1, NULL));
  g_chmod (f->pdf, 0644);
  before = count_files (f->db.dir);
  g_assert_true (harley_clinic_list_write_pdf (list, f->pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 1000);
  g_assert_cmpuint (count_files (f->db.dir), ==, before);

  g_assert_false (harley_clinic_list_write_pdf (list, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "could not be saved"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->db.dir), ==, before);
  g_clear_error (&error);

  /* Never over the practice database, even while it is open. */
  g_assert_false (harley_clinic_list_write_pdf (list, f->db.path, &error));
  g_assert_error (error, HARLEY_CLINIC_LIST_ERROR, HARLEY_CLINIC_LIST_ERROR_IS_DATABASE);
  g_assert_cmpuint (count_files (f->db.dir), ==, before);
  g_assert_cmpint (harley_diary_find_type (f->db.store, "Follow-up"), ==, f->follow_up);
}

/* harley-cli diary clinic-list {{{1 */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  g_autofree char *clinician = NULL;

  book_monday (f);
  clinician = g_strdup_printf ("%" G_GINT64_FORMAT, f->nurse);
  /* harley-cli may not open a database another Harley holds. */
  g_clear_object (&f->db.store);
  g_assert_cmpint (harley_test_cli (&out, &err, "--database", f->db.path, "diary", "clinic-list", "--date",
                                    "14/01/2030", "--output", f->pdf, "--clinician", clinician, NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  g_assert_nonnull (strstr (out, "Clinic list — Monday 14 January 2030"));
  pdf = harley_test_pdf_open_file (f->pdf);
  pdf_find (pdf, "Sister Mary Jones");
  pdf_find (pdf, "Ann Lee");
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Zoë Brontë"), ==, 0);
}

static void
test_cli_refuses (Fixture       *f,
                  gconstpointer  data)
{
  const struct
  {
    const char *args[4];
    const char *said;
  } refused[] = {
    { { "--date", "31/02/2030", "--output", f->pdf }, "31/02/2030" },
    { { "--date", "14/01/2030" }, "--output" },
    { { "--clinician", "999", "--output", f->pdf }, "clinician" },
    { { "--output", f->pdf, "--date", "tomorrow" }, "tomorrow" },
    { { "--output", f->db.path, "--date", "14/01/2030" }, "holds the practice’s records" },
  };
  g_autoptr(GBytes) database = NULL;
  guint before;

  g_clear_object (&f->db.store);
  before = count_files (f->db.dir);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char * const *a = refused[i].args;

      g_assert_cmpint (harley_test_cli (&out, &err, "--database", f->db.path, "diary", "clinic-list", a[0], a[1],
                                        a[2], a[3], NULL), ==, HARLEY_CLI_EXIT_USAGE);
      g_assert_nonnull (strstr (err, refused[i].said));
      g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_files (f->db.dir), ==, before);
    }
  database = harley_test_read_file (f->db.path);
  g_assert_cmpmem (g_bytes_get_data (database, NULL), 16, "SQLite format 3", 16);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/clinic-list/a4-pages", test_a4_pages);
  ADD ("/clinic-list/content", test_content);
  ADD ("/clinic-list/alerts-and-overbooking", test_alerts_and_overbooking);
  ADD ("/clinic-list/cancelled-apart", test_cancelled_apart);
  ADD ("/clinic-list/other-scripts", test_other_scripts);
  ADD ("/clinic-list/many-pages", test_many_pages);
  ADD ("/clinic-list/other-paper", test_other_paper);
  ADD ("/clinic-list/empty-day", test_empty_day);
  ADD ("/clinic-list/unknown-clinician", test_unknown_clinician);
  ADD ("/clinic-list/written-safely", test_written_safely);
  ADD ("/clinic-list/cli", test_cli);
  ADD ("/clinic-list/cli-refuses", test_cli_refuses);
#undef ADD

  return g_test_run ();
}
