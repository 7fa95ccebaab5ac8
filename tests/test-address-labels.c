/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-address-labels"

/* Address labels and DL envelopes, read back with Poppler: the paper,
 * which label each address is on, every glyph inside its label or its
 * envelope's address box to the millimetre, and names in any script. */

#include <poppler.h>

#include "harley-address-labels.h"
#include "harley-test-pdf.h"

#define MM        (72.0 / 25.4)

/* Avery L7160 / J8160, in mm, as printed on their packets: the test's
 * own figures, not the renderer's. */
#define LABEL_LEFT    7.21
#define LABEL_TOP     15.15
#define LABEL_WIDTH   63.5
#define LABEL_HEIGHT  38.1
#define PITCH_X       66.04
#define PITCH_Y       38.1

/* Glyph boxes are the font's, a little taller than the ink. */
#define SLACK         0.3

static const HarleyTestSheet sheet = {
  LABEL_LEFT, LABEL_TOP, LABEL_WIDTH, LABEL_HEIGHT, PITCH_X, PITCH_Y, 3, HARLEY_ADDRESS_LABELS_PER_SHEET, SLACK,
};

/* Where things are, in mm */
#define find_once(pdf, index, part) harley_test_pdf_find_once ((pdf), (index), (part), MM)
#define label_of(box)               harley_test_label_of (&sheet, (box))
#define label_rect(label)           harley_test_label_rect (&sheet, (label))
#define is_inside(box, outer)       harley_test_box_is_inside ((box), (outer), SLACK)

/* Addresses {{{1 */

/* "Mrs Ann Patient 07", "Flat 07, Acacia Avenue", "london", "nw1 5lt" */
static GPtrArray *
make_batch (guint n)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 1; i <= n; i++)
    {
      char **lines = g_new0 (char *, 5);

      lines[0] = g_strdup_printf ("Mrs Ann Patient %02u", i);
      lines[1] = g_strdup_printf ("Flat %02u, Acacia Avenue", i);
      lines[2] = g_strdup ("london");
      lines[3] = g_strdup ("nw1 5lt");
      g_ptr_array_add (batch, lines);
    }
  return batch;
}

static HarleyTestPdf *
render_labels (GPtrArray *batch,
               guint      first_label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = harley_address_labels_render ((const char * const * const *) batch->pdata,
                                                          batch->len, first_label, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return harley_test_pdf_open_bytes (bytes);
}

static HarleyTestPdf *
render_envelopes (GPtrArray  *batch,
                  const char *return_address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = harley_dl_envelopes_render ((const char * const * const *) batch->pdata,
                                                        batch->len, return_address, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return harley_test_pdf_open_bytes (bytes);
}

/* Labels {{{1 */

static void
test_sheets (void)
{
  g_autoptr(GPtrArray) batch = make_batch (22);
  g_autoptr(HarleyTestPdf) pdf = render_labels (batch, 0);

  g_assert_cmpint (pdf->n_pages, ==, 2);
  harley_test_pdf_assert_size_mm (pdf, 210.0, 297.0);
  for (guint i = 0; i < batch->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("Mrs Ann Patient %02u", i + 1);
      g_autofree char *street = g_strdup_printf ("Flat %02u, Acacia Avenue", i + 1);
      HarleyTestBox rect = label_rect (i % HARLEY_ADDRESS_LABELS_PER_SHEET);
      HarleyTestBox top = find_once (pdf, i / HARLEY_ADDRESS_LABELS_PER_SHEET, name);
      HarleyTestBox middle = find_once (pdf, i / HARLEY_ADDRESS_LABELS_PER_SHEET, street);

      g_assert_cmpint (label_of (&top), ==, i % HARLEY_ADDRESS_LABELS_PER_SHEET);
      g_assert_cmpint (label_of (&middle), ==, i % HARLEY_ADDRESS_LABELS_PER_SHEET);
      /* Left aligned, clear of the label's edge */
      g_assert_cmpfloat (top.left - rect.left, >=, 3.0);
      g_assert_cmpfloat (top.left - rect.left, <=, 7.0);
      g_assert_cmpfloat_with_epsilon (top.left, middle.left, 0.3);
    }
  /* Royal Mail style, once a label */
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 0, "NW1 5LT"), ==, 21);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "NW1 5LT"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "LONDON"), ==, 22);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "london"), ==, 0);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 0, 0, HARLEY_ADDRESS_LABELS_PER_SHEET - 1);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 1, 0, 0);
}

/* A short address sits in the middle of its label, top to bottom. */
static void
test_centred (void)
{
  g_autoptr(GPtrArray) batch = make_batch (1);
  g_autoptr(HarleyTestPdf) pdf = render_labels (batch, 4);
  HarleyTestBox rect = label_rect (4);
  HarleyTestBox top = find_once (pdf, 0, "Mrs Ann Patient 01");
  HarleyTestBox bottom = find_once (pdf, 0, "NW1 5LT");

  g_assert_cmpint (label_of (&top), ==, 4);
  g_assert_cmpint (label_of (&bottom), ==, 4);
  g_assert_cmpfloat_with_epsilon (top.top - rect.top, rect.bottom - bottom.bottom, 1.5);
  g_assert_cmpfloat (top.top - rect.top, >, 5.0);
}

/* Labels are numbered from 0, left to right, then top to bottom: 20 is
 * the last of row 7, in the third column, and the batch goes on at the
 * top left of a new sheet. */
static void
test_first_label (void)
{
  g_autoptr(GPtrArray) batch = make_batch (22);
  g_autoptr(HarleyTestPdf) pdf = render_labels (batch, 20);
  HarleyTestBox first = find_once (pdf, 0, "Patient 01");
  HarleyTestBox second = find_once (pdf, 1, "Patient 02");
  HarleyTestBox last = find_once (pdf, 1, "Patient 22");
  HarleyTestBox rect = label_rect (20);

  g_assert_cmpint (pdf->n_pages, ==, 2);
  g_assert_cmpint (label_of (&first), ==, 20);
  g_assert_cmpfloat (first.left, >, rect.left);
  g_assert_cmpfloat (first.left, >, 2 * PITCH_X);        /* the third column */
  g_assert_cmpfloat (first.bottom, <, rect.bottom);
  g_assert_cmpfloat (first.top, >, LABEL_TOP + 6 * PITCH_Y);   /* the seventh row */
  g_assert_cmpint (label_of (&second), ==, 0);
  g_assert_cmpint (label_of (&last), ==, 20);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 0, "Patient"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "Patient"), ==, 21);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 0, 20, 20);

  /* The 22nd label would be a third sheet's first */
  g_ptr_array_set_size (batch, 21);
  g_clear_pointer (&pdf, harley_test_pdf_free);
  pdf = render_labels (batch, 20);
  g_assert_cmpint (pdf->n_pages, ==, 2);
  g_ptr_array_set_size (batch, 1);
  g_clear_pointer (&pdf, harley_test_pdf_free);
  pdf = render_labels (batch, 20);
  g_assert_cmpint (pdf->n_pages, ==, 1);
}

/* Eight lines, one far too long, stay inside their label and leave the
 * next one alone. */
static void
test_long_address (void)
{
  const char *lines[] = { "Professor Sir Bartholomew Featherstonehaugh-Cholmondeley KBE",
                          "c/o The Estates Office", "Flat 8, The Very Long Named Mansion Block of Upper "
                          "Marylebone High Street Gardens West", "Regent's Park",
                          "Westminster", "Greater London", "London", "nw1 5lt", NULL };
  const char *words[] = { "Professor", "Estates", "Flat 8", "Regent's Park", "Westminster",
                          "Greater London", "LONDON", "NW1 5LT" };
  g_autoptr(GPtrArray) batch = make_batch (2);
  g_autoptr(HarleyTestPdf) pdf = NULL;

  g_strfreev (batch->pdata[0]);
  batch->pdata[0] = g_strdupv ((char **) lines);
  pdf = render_labels (batch, 0);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr(GArray) boxes = harley_test_pdf_find_on_page (pdf, 0, words[i], MM);
      guint on_first = 0;

      /* "LONDON" and "NW1 5LT" are on the next label too */
      for (guint j = 0; j < boxes->len; j++)
        on_first += label_of (&g_array_index (boxes, HarleyTestBox, j)) == 0;
      g_assert_cmpuint (on_first, ==, 1);
    }
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "Patient 02") }), ==, 1);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 0, 0, 1);
}

/* DL envelopes {{{1 */

static void
test_envelopes (void)
{
  const HarleyTestBox address = { 100.0, 50.0, 205.0, 95.0 };
  const HarleyTestBox corner = { 10.0, 10.0, 90.0, 35.0 };
  g_autoptr(GPtrArray) batch = make_batch (3);
  g_autoptr(HarleyTestPdf) pdf = render_envelopes (batch, "Harley Street Dermatology\n10 Harley Street\n"
                                                   "London W1G 9PF");
  double width, height;

  g_assert_cmpint (pdf->n_pages, ==, 3);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Mrs Ann Patient %02d", i + 1);
      HarleyTestBox top, bottom, from;
      g_autoptr(GArray) glyphs = harley_test_pdf_glyph_boxes (pdf, i, MM);

      poppler_page_get_size (harley_test_pdf_page (pdf, i), &width, &height);
      g_assert_cmpfloat_with_epsilon (width / MM, 220.0, 0.1);
      g_assert_cmpfloat_with_epsilon (height / MM, 110.0, 0.1);
      top = find_once (pdf, i, name);
      bottom = find_once (pdf, i, "NW1 5LT");
      from = find_once (pdf, i, "10 Harley Street");
      g_assert_true (is_inside (&top, &address));
      g_assert_true (is_inside (&bottom, &address));
      g_assert_cmpfloat_with_epsilon (top.left, 100.0, 0.5);
      g_assert_cmpfloat_with_epsilon (top.top, 50.0, 1.5);
      g_assert_cmpfloat_with_epsilon (bottom.left, 100.0, 0.5);
      g_assert_true (is_inside (&from, &corner));
      g_assert_cmpfloat (from.bottom - from.top, <, top.bottom - top.top);   /* smaller */
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Patient"), ==, 1);
      for (guint j = 0; j < glyphs->len; j++)
        g_assert_true (is_inside (&g_array_index (glyphs, HarleyTestBox, j), &address)
                       || is_inside (&g_array_index (glyphs, HarleyTestBox, j), &corner));
    }

  /* No return address: the address alone */
  g_clear_pointer (&pdf, harley_test_pdf_free);
  pdf = render_envelopes (batch, NULL);
  g_assert_cmpint (pdf->n_pages, ==, 3);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Harley"), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "NW1 5LT"), ==, 3);
}

/* Other scripts {{{1 */

static void
test_other_scripts (void)
{
  enum { ARABIC = 1 };
  const char *names[] = { "王小明", "فاطمة الزهراء", "Łukasz Kowalski", "Ngũgĩ wa Thiong'o", "Siobhán Ó Dúbhghaill" };
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(HarleyTestPdf) labels = NULL;
  g_autoptr(HarleyTestPdf) envelopes = NULL;

  if (!harley_test_have_font_for (0x738B))
    g_error ("No font on this machine draws Chinese: install fonts-noto-cjk (build-aux/install-deps.sh).");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *lines[] = { names[i], "1 Long Lane", "London", "SE1 4PU", NULL };

      g_ptr_array_add (batch, g_strdupv ((char **) lines));
    }
  labels = render_labels (batch, 0);
  envelopes = render_envelopes (batch, "10 Harley Street\nLondon W1G 9PF");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GArray) boxes = harley_test_pdf_find_on_page (labels, 0, names[i], MM);

      g_assert_true (harley_test_pdf_has_text (labels, 0, names[i]));
      g_assert_true (harley_test_pdf_has_text (envelopes, i, names[i]));
      /* Poppler finds Arabic only as letters, not as a phrase */
      if (i == ARABIC)
        continue;
      if (boxes->len != 1)
        g_error ("“%s” is %u times on the sheet, not once", names[i], boxes->len);
      g_assert_cmpint (label_of (&g_array_index (boxes, HarleyTestBox, 0)), ==, i);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/address-labels/sheets", test_sheets);
  g_test_add_func ("/address-labels/centred", test_centred);
  g_test_add_func ("/address-labels/first-label", test_first_label);
  g_test_add_func ("/address-labels/long-address", test_long_address);
  g_test_add_func ("/address-labels/envelopes", test_envelopes);
  g_test_add_func ("/address-labels/other-scripts", test_other_scripts);

  return g_test_run ();
}
