/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-lab-paper"

/* The paper that goes with samples to a laboratory, read back with
 * Poppler: the manifest (its text, pages, repeated heading and column
 * titles, signatures and footer) and the specimen labels (which label
 * each sample is on, every glyph inside its label to the millimetre, a
 * part-used sheet, a long name made smaller rather than cut), names in
 * any script as text, and the fonts embedded. */

#include <string.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "harley-lab-manifest.h"
#include "harley-specimen-labels.h"
#include "harley-test-pdf.h"

#define MM            (72.0 / 25.4)

/* Avery L7651, in mm, as printed on its packet: the test's own figures,
 * not the renderer's. */
#define LABEL_LEFT    4.75
#define LABEL_TOP     10.7
#define LABEL_WIDTH   38.1
#define LABEL_HEIGHT  21.2
#define PITCH_X       40.6
#define PITCH_Y       21.2
#define PER_SHEET     65

/* Glyph boxes are the font's, a little taller than the ink. */
#define SLACK         0.3

static const HarleyTestSheet sheet = {
  LABEL_LEFT, LABEL_TOP, LABEL_WIDTH, LABEL_HEIGHT, PITCH_X, PITCH_Y, 5, PER_SHEET, SLACK,
};

/* Where things are, in mm */
#define find_once(pdf, index, part) harley_test_pdf_find_once ((pdf), (index), (part), MM)
#define label_of(box)               harley_test_label_of (&sheet, (box))

/* Samples {{{1 */

typedef struct
{
  GPtrArray *strings;      /* what the specimens point into */
  GArray    *specimens;    /* HarleySpecimen */
} Batch;

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->strings);
  g_array_unref (batch->specimens);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static const char *
keep (Batch *batch,
      char  *text)
{
  g_ptr_array_add (batch->strings, text);
  return text;
}

/* "Ann 01 SMITH", born 01/02/1960, a histology sample from the left
 * cheek taken 14/01/2030, reference "H30-0001". */
static Batch *
make_batch (guint n)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->strings = g_ptr_array_new_with_free_func (g_free);
  batch->specimens = g_array_new (FALSE, TRUE, sizeof (HarleySpecimen));
  for (guint i = 1; i <= n; i++)
    {
      HarleySpecimen s = { 0 };

      s.given_names = keep (batch, g_strdup_printf ("Ann %02u", i));
      s.family_name = "Smith";
      s.date_of_birth = "1960-02-01";
      s.nhs_number = "9434765919";
      s.type = "Histology";
      s.site = "left cheek";
      s.taken_on = "2030-01-14";
      s.lab_reference = keep (batch, g_strdup_printf ("H30-%04u", i));
      g_array_append_val (batch->specimens, s);
    }
  return batch;
}

static HarleySpecimen *
specimen (Batch *batch,
          guint  index)
{
  return &g_array_index (batch->specimens, HarleySpecimen, index);
}

static void
fill_manifest (HarleyLabManifest *manifest,
               Batch             *batch)
{
  memset (manifest, 0, sizeof *manifest);
  manifest->practice_name = "Harley Street Dermatology";
  manifest->practice_address = "10 Harley Street\nLondon\nW1G 9PF";
  manifest->practice_phone = "020 7946 0000";
  manifest->lab_name = "The Doctors Laboratory";
  manifest->lab_address = "The Halo Building\n1 Mabledon Place\nLondon\nWC1H 9AX";
  manifest->sent_on = "2030-01-14";
  manifest->method = "Courier";
  manifest->specimens = (const HarleySpecimen *) batch->specimens->data;
  manifest->n_specimens = batch->specimens->len;
}

/* Reading back {{{1 */

static HarleyTestPdf *
render_manifest (const HarleyLabManifest *manifest,
                 guint                   *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = harley_lab_manifest_render (manifest, n_pages, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return harley_test_pdf_open_bytes (bytes);
}

static HarleyTestPdf *
render_labels (Batch *batch,
               guint  first_label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = harley_specimen_labels_render ((const HarleySpecimen *) batch->specimens->data,
                                                           batch->specimens->len, first_label, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return harley_test_pdf_open_bytes (bytes);
}

/* The size of the font of the first character of @part on a page. */
static double
size_of (HarleyTestPdf *pdf,
         int            index,
         const char    *part)
{
  PopplerPage *page = harley_test_pdf_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  const char *at = strstr (text, part);
  GList *attributes;
  double size = 0;
  long offset;

  g_assert_nonnull (at);
  offset = g_utf8_pointer_to_offset (text, at);
  attributes = poppler_page_get_text_attributes (page);
  for (GList *l = attributes; l != NULL && size == 0; l = l->next)
    {
      PopplerTextAttributes *a = l->data;

      if (a->start_index <= offset && offset <= a->end_index)
        size = a->font_size;
    }
  poppler_page_free_text_attributes (attributes);
  g_assert_cmpfloat (size, >, 0);
  return size;
}

/* The manifest {{{1 */

static void
test_manifest_text (void)
{
  const char *parts[] = {
    "Harley Street Dermatology", "10 Harley Street, London, W1G 9PF · Telephone 020 7946 0000",
    "Laboratory manifest", "Sent 14/01/2030", "The Doctors Laboratory", "1 Mabledon Place", "WC1H 9AX",
    "Courier", "Patient", "Date of birth", "NHS number", "Sample", "Site and description", "Taken",
    "Lab reference", "Received", "Ann 02 SMITH", "01/02/1960", "943 476 5919", "Histology", "left cheek",
    "shave biopsy, pigmented lesion 6 mm", "H30-0002", "Packed by", "Received by", "Signature",
    "Date and time", "Page 1 of 1", "Confidential — patient information.",
  };
  g_autoptr(Batch) batch = make_batch (3);
  g_autoptr(HarleyTestPdf) pdf = NULL;
  HarleyLabManifest manifest;
  g_autoptr(GArray) sites = NULL;
  HarleyTestBox a, b, c, name, site, description;
  guint n_pages = 0;

  specimen (batch, 1)->description = "shave biopsy, pigmented lesion 6 mm";
  specimen (batch, 2)->lab_reference = NULL;
  fill_manifest (&manifest, batch);
  pdf = render_manifest (&manifest, &n_pages);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  g_assert_cmpuint (n_pages, ==, 1);
  harley_test_pdf_assert_size_mm (pdf, 210.0, 297.0);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (harley_test_pdf_count (pdf, parts[i]) == 0)
      g_error ("“%s” is not on the manifest", parts[i]);
  /* The surname in capitals, each sample once, in order, a row each */
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Smith"), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "943 476 5919"), ==, 3);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "H30-000"), ==, 2);
  a = find_once (pdf, 0, "Ann 01 SMITH");
  b = find_once (pdf, 0, "Ann 02 SMITH");
  c = find_once (pdf, 0, "Ann 03 SMITH");
  g_assert_cmpfloat (a.bottom, <, b.top);
  g_assert_cmpfloat (b.bottom, <, c.top);
  /* The description under the site, in the same column, right of the name */
  sites = harley_test_pdf_find_on_page (pdf, 0, "left cheek", MM);
  g_assert_cmpuint (sites->len, ==, 3);
  site = g_array_index (sites, HarleyTestBox, 1);
  name = find_once (pdf, 0, "Ann 02 SMITH");
  description = find_once (pdf, 0, "shave biopsy");
  g_assert_cmpfloat (description.top, >, site.bottom - SLACK);
  g_assert_cmpfloat_with_epsilon (site.left, description.left, 0.1);
  g_assert_cmpfloat (site.left, >, name.right);
  g_assert_cmpfloat_with_epsilon (site.top, name.top, 1.0);
  /* The signatures under the table */
  g_assert_cmpfloat (find_once (pdf, 0, "Packed by").top, >, c.bottom);
  g_assert_cmpfloat (find_once (pdf, 0, "Received by").top, >, c.bottom);
}

/* Sixty rows take two pages: each repeats the letterhead, the column
 * titles and the footer; every row is there once, in order, and the
 * signatures are on the last page alone. */
static void
test_manifest_pages (void)
{
  g_autoptr(Batch) batch = make_batch (60);
  g_autoptr(HarleyTestPdf) pdf = NULL;
  HarleyLabManifest manifest;
  guint n_pages = 0;
  int last_page = 0;
  double last_top = 0;

  fill_manifest (&manifest, batch);
  pdf = render_manifest (&manifest, &n_pages);
  g_assert_cmpint (pdf->n_pages, ==, 2);
  g_assert_cmpuint (n_pages, ==, 2);
  harley_test_pdf_assert_size_mm (pdf, 210.0, 297.0);
  for (int i = 0; i < pdf->n_pages; i++)
    {
      g_autofree char *page = g_strdup_printf ("Page %d of %d", i + 1, pdf->n_pages);

      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, page), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Harley Street Dermatology"), >=, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "NHS number"), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Lab reference"), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Confidential — patient information."), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Packed by"), ==, i == pdf->n_pages - 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "The Doctors Laboratory (continued)"), ==, i > 0);
      /* The laboratory's address on the first page only */
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Mabledon Place"), ==, i == 0);
    }
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Ann %02u SMITH", i + 1);
      g_autofree char *reference = g_strdup_printf ("H30-%04u", i + 1);
      int page = harley_test_pdf_count_on_page (pdf, 0, name) == 1 ? 0 : 1;
      HarleyTestBox box = find_once (pdf, page, name);

      g_assert_cmpuint (harley_test_pdf_count (pdf, name), ==, 1);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, page, reference), ==, 1);
      g_assert_true (page > last_page || box.top > last_top);
      last_page = page;
      last_top = box.top;
    }
  /* Both pages well used */
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 0, "SMITH"), >, 30);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "SMITH"), >, 0);
}

/* Long text wraps in its column: nothing runs past the page's margins
 * or over the footer. */
static void
test_manifest_margins (void)
{
  g_autoptr(Batch) batch = make_batch (40);
  g_autoptr(HarleyTestPdf) pdf = NULL;
  HarleyLabManifest manifest;

  for (guint i = 0; i < 40; i += 3)
    {
      specimen (batch, i)->given_names = "Maximilian Bartholomew Alexander";
      specimen (batch, i)->family_name = "Featherstonehaugh-Cholmondeley";
      specimen (batch, i)->description = "Deep incisional biopsy of an ulcerated nodule with rolled edges, "
                                         "query basal cell carcinoma, please section fully and report margins";
      specimen (batch, i)->type = "Histology / skin biopsy";
      specimen (batch, i)->lab_reference = "HISTO-2030-0000012345";
    }
  fill_manifest (&manifest, batch);
  pdf = render_manifest (&manifest, NULL);
  g_assert_cmpint (pdf->n_pages, >, 1);
  for (int i = 0; i < pdf->n_pages; i++)
    {
      g_autoptr(GArray) boxes = harley_test_pdf_glyph_boxes (pdf, i, MM);
      HarleyTestBox footer = find_once (pdf, i, "Confidential");

      for (guint j = 0; j < boxes->len; j++)
        {
          HarleyTestBox *box = &g_array_index (boxes, HarleyTestBox, j);

          /* 10 mm all round, which any printer prints inside */
          g_assert_cmpfloat (box->left, >=, 9.5);
          g_assert_cmpfloat (box->right, <=, 200.5);
          g_assert_cmpfloat (box->top, >=, 9.5);
          g_assert_cmpfloat (box->bottom, <=, 287.5);
          /* Nothing but the footer's line at its height */
          g_assert_true (box->bottom <= footer.top + SLACK || box->top >= footer.top - SLACK);
        }
    }
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Maximilian Bartholomew"), ==, 14);
}

static void
test_manifest_other_scripts (void)
{
  enum { ARABIC = 1 };
  const char *given[] = { "小明", "فاطمة", "Łukasz", "Ngũgĩ", "Siobhán", "Zoë" };
  const char *family[] = { "王", "الزهراء", "Kowalski", "wa Thiong'o", "Ó Dúbhghaill", "Brontë" };
  const char *shown[] = { "小明 王", "فاطمة الزهراء", "Łukasz KOWALSKI", "Ngũgĩ WA THIONG'O",
                          "Siobhán Ó DÚBHGHAILL", "Zoë BRONTË" };
  g_autoptr(Batch) batch = make_batch (G_N_ELEMENTS (given));
  g_autoptr(HarleyTestPdf) pdf = NULL;
  HarleyLabManifest manifest;

  if (!harley_test_have_font_for (0x738B))
    g_error ("No font on this machine draws Chinese: install fonts-noto-cjk (build-aux/install-deps.sh).");
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      specimen (batch, i)->given_names = given[i];
      specimen (batch, i)->family_name = family[i];
    }
  fill_manifest (&manifest, batch);
  manifest.lab_name = "Laboratoire Zoë Łódź";
  pdf = render_manifest (&manifest, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_assert_true (harley_test_pdf_has_text (pdf, 0, shown[i]));
      /* Poppler finds Arabic only as letters, not as a phrase */
      if (i != ARABIC)
        g_assert_cmpuint (harley_test_pdf_count (pdf, shown[i]), ==, 1);
    }
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Laboratoire Zoë Łódź"), ==, 1);
  /* Regular, bold and a font for Chinese and for Arabic at least */
  harley_test_pdf_assert_fonts_embedded (pdf, 3);
}

/* No samples: the manifest says so; the signatures are still there. */
static void
test_manifest_empty (void)
{
  g_autoptr(Batch) batch = make_batch (0);
  g_autoptr(HarleyTestPdf) pdf = NULL;
  HarleyLabManifest manifest;

  fill_manifest (&manifest, batch);
  manifest.specimens = NULL;
  pdf = render_manifest (&manifest, NULL);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "No samples."), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "NHS number"), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Packed by"), ==, 1);
}

/* Written whole, beside its place; never over the practice database. */
static void
test_manifest_write (void)
{
  g_autoptr(Batch) batch = make_batch (2);
  g_autofree char *dir = g_dir_make_tmp ("test-lab-paper-XXXXXX", NULL);
  g_autofree char *database = g_build_filename (dir, "practice.harley", NULL);
  g_autofree char *path = g_build_filename (dir, "manifest.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  g_autofree char *contents = NULL;
  HarleyLabManifest manifest;
  GStatBuf st;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (database, "SQLite format 3", -1, NULL));
  fill_manifest (&manifest, batch);
  manifest.database = database;
  g_assert_false (harley_lab_manifest_write (&manifest, database, &error));
  g_assert_error (error, HARLEY_LAB_MANIFEST_ERROR, HARLEY_LAB_MANIFEST_ERROR_IS_DATABASE);
  g_assert_nonnull (strstr (error->message, "holds the practice’s records"));
  g_assert_true (g_file_get_contents (database, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "SQLite format 3");
  g_clear_error (&error);

  g_assert_true (harley_lab_manifest_write (&manifest, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  pdf = harley_test_pdf_open_file (path);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Ann 02 SMITH"), ==, 1);
  g_unlink (path);
  g_unlink (database);
  g_rmdir (dir);
}

/* Labels {{{1 */

/* Sixty-six samples: a full sheet and the first label of another, each
 * on its label with all it should say. */
static void
test_labels_sheets (void)
{
  const char *lines[] = { "DOB 01/02/1960", "NHS 943 476 5919", "Histology · left cheek", "Taken 14/01/2030" };
  g_autoptr(Batch) batch = make_batch (66);
  g_autoptr(HarleyTestPdf) pdf = render_labels (batch, 0);

  g_assert_cmpint (pdf->n_pages, ==, 2);
  harley_test_pdf_assert_size_mm (pdf, 210.0, 297.0);
  for (guint i = 0; i < 66; i++)
    {
      g_autofree char *name = g_strdup_printf ("Ann %02u SMITH", i + 1);
      HarleyTestBox box = find_once (pdf, i / PER_SHEET, name);

      g_assert_cmpint (label_of (&box), ==, i % PER_SHEET);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GArray) boxes = harley_test_pdf_find_on_page (pdf, 0, lines[i], MM);

      g_assert_cmpuint (boxes->len, ==, PER_SHEET);
      for (guint j = 0; j < boxes->len; j++)
        g_assert_cmpint (label_of (&g_array_index (boxes, HarleyTestBox, j)), ==, j);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, lines[i]), ==, 1);
    }
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Smith"), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "H30-"), ==, 0);    /* the manifest's only */
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 0, 0, PER_SHEET - 1);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 1, 0, 0);
  /* Label 64 is the bottom right one */
  g_assert_cmpfloat (find_once (pdf, 0, "Ann 65 SMITH").left, >, LABEL_LEFT + 4 * PITCH_X);
  g_assert_cmpfloat (find_once (pdf, 0, "Ann 65 SMITH").top, >, LABEL_TOP + 12 * PITCH_Y);
  harley_test_pdf_assert_fonts_embedded (pdf, 2);
}

/* A part-used sheet: printing starts at the label asked for and goes on
 * at the top left of the next sheet. */
static void
test_labels_first_label (void)
{
  g_autoptr(Batch) batch = make_batch (3);
  g_autoptr(HarleyTestPdf) pdf = render_labels (batch, 63);

  g_assert_cmpint (pdf->n_pages, ==, 2);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "Ann 01 SMITH") }), ==, 63);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "Ann 02 SMITH") }), ==, 64);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 1, "Ann 03 SMITH") }), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 0, "SMITH"), ==, 2);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "SMITH"), ==, 1);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 0, 63, 64);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 1, 0, 0);

  /* The middle of a sheet */
  g_clear_pointer (&pdf, harley_test_pdf_free);
  pdf = render_labels (batch, 32);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "Ann 01 SMITH") }), ==, 32);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "Ann 03 SMITH") }), ==, 34);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 0, 32, 34);
}

/* A long name and a long site are made smaller and wrapped, whole, and
 * stay inside their label; a short name next to them keeps its size. */
static void
test_labels_long_name (void)
{
  g_autoptr(Batch) batch = make_batch (3);
  g_autoptr(HarleyTestPdf) pdf = NULL;
  HarleyTestBox name, rect = harley_test_label_rect (&sheet, 1);
  double short_size, long_size;

  specimen (batch, 1)->given_names = "Alexandra Josephine";
  specimen (batch, 1)->family_name = "Featherstonehaugh-Montgomery";
  specimen (batch, 1)->site = "Left upper back, 3 cm below the inferior angle of the scapula";
  pdf = render_labels (batch, 0);
  /* Poppler's search takes a hyphen at a line's end for one it may drop:
   * the name is looked for in parts. */
  name = find_once (pdf, 0, "Alexandra Josephine");
  g_assert_cmpint (label_of (&name), ==, 1);
  g_assert_cmpfloat (name.left, >=, rect.left + 1.5);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "FEATHERSTONEHAUGH-") }), ==, 1);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "MONTGOMERY") }), ==, 1);
  g_assert_true (harley_test_pdf_has_text (pdf, 0, "Alexandra Josephine FEATHERSTONEHAUGH-MONTGOMERY"));
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "3 cm below the inferior angle of the scapula") }),
                   ==, 1);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "Ann 01 SMITH") }), ==, 0);
  g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, "Ann 03 SMITH") }), ==, 2);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 0, "…"), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 0, "Taken 14/01/2030"), ==, 3);
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 0, 0, 2);
  short_size = size_of (pdf, 0, "Ann 01 SMITH");
  long_size = size_of (pdf, 0, "Alexandra");
  g_test_message ("name sizes: %.2f and %.2f", short_size, long_size);
  g_assert_cmpfloat (long_size, <, short_size);
  g_assert_cmpfloat (long_size, >=, 4.5);
}

/* Names in any script, as text anyone can search or copy, each in its
 * own label. */
static void
test_labels_other_scripts (void)
{
  enum { ARABIC = 1 };
  const char *given[] = { "小明", "فاطمة", "Łukasz", "Ngũgĩ", "Siobhán" };
  const char *family[] = { "王", "الزهراء", "Kowalski", "wa Thiong'o", "Ó Dúbhghaill" };
  const char *shown[] = { "小明 王", "فاطمة الزهراء", "Łukasz KOWALSKI", "Ngũgĩ WA THIONG'O", "Siobhán Ó DÚBHGHAILL" };
  g_autoptr(Batch) batch = make_batch (G_N_ELEMENTS (given));
  g_autoptr(HarleyTestPdf) pdf = NULL;

  if (!harley_test_have_font_for (0x738B))
    g_error ("No font on this machine draws Chinese: install fonts-noto-cjk (build-aux/install-deps.sh).");
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      specimen (batch, i)->given_names = given[i];
      specimen (batch, i)->family_name = family[i];
    }
  pdf = render_labels (batch, 0);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_assert_true (harley_test_pdf_has_text (pdf, 0, shown[i]));
      if (i != ARABIC)
        g_assert_cmpint (label_of ((HarleyTestBox[]) { find_once (pdf, 0, shown[i]) }), ==, i);
    }
  harley_test_assert_glyphs_in_labels (&sheet, pdf, 0, 0, G_N_ELEMENTS (given) - 1);
  harley_test_pdf_assert_fonts_embedded (pdf, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lab-paper/manifest/text", test_manifest_text);
  g_test_add_func ("/lab-paper/manifest/pages", test_manifest_pages);
  g_test_add_func ("/lab-paper/manifest/margins", test_manifest_margins);
  g_test_add_func ("/lab-paper/manifest/other-scripts", test_manifest_other_scripts);
  g_test_add_func ("/lab-paper/manifest/empty", test_manifest_empty);
  g_test_add_func ("/lab-paper/manifest/write", test_manifest_write);
  g_test_add_func ("/lab-paper/labels/sheets", test_labels_sheets);
  g_test_add_func ("/lab-paper/labels/first-label", test_labels_first_label);
  g_test_add_func ("/lab-paper/labels/long-name", test_labels_long_name);
  g_test_add_func ("/lab-paper/labels/other-scripts", test_labels_other_scripts);

  return g_test_run ();
}
