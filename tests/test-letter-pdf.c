/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-letter-pdf"

/* The clinic letter's PDF, read back with Poppler as anyone opening it
 * would: the paper, the text on each page and where it stands, to the
 * millimetre for the address an envelope's window shows, the fonts, and
 * the file as written. Also the reading of Harley letter text and Royal
 * Mail style on their own. */

#include <string.h>
#include <sys/stat.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "harley-letter-pdf-private.h"
#include "harley-test-pdf.h"
#include "harley-test-util.h"

#define MM        (72.0 / 25.4)
#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

static const char *address[] = {
  "Dr Rachel Okafor", "Marylebone Health Centre,", "17 Marylebone Road", "London", "nw1 5lt", NULL,
};
static const char *copies[] = {
  "Mrs S Ó Dúbhghaill (patient), 4 Elm Grove, London N1 2AB",
  "Dr Peter Lane, Bupa, Bupa House, 1 Angel Court, London EC2R 7HJ",
  NULL,
};

static const char *short_body =
  "Dear Dr Okafor\n"
  "\n"
  "Thank you for referring this lady, whom I saw in clinic today.\n"
  "\n"
  "## Diagnoses\n"
  "- Chronic plaque psoriasis\n"
  "- Seborrhoeic dermatitis of the scalp\n"
  "\n"
  "## Plan and requested actions\n"
  "Please start **methotrexate 15 mg weekly** and check the *full blood count* in two weeks.\n"
  "Her price was \\*20% off\\*, see \\{{patient.nhs_number}} \\\\ done.\n"
  "\\## not a heading\n"
  "\n"
  "\\- not a list item\n"
  "\n"
  "Yours sincerely";

/* Setting a letter up {{{1 */

static void
fill (HarleyLetterLayout *layout)
{
  harley_letter_layout_init (layout);
  layout->practice_name = "Harley Street Dermatology";
  layout->practice_address = "10 Harley Street\nLondon\nW1G 9PF";
  layout->practice_phone = "020 7946 0000";
  layout->practice_email = "secretary@harleyderm.example";
  layout->address_lines = address;
  layout->date = "24 November 2026";
  layout->private_and_confidential = TRUE;
  layout->patient_name = "Mrs Siobhán Ó Dúbhghaill";
  layout->patient_dob = "12/03/1961";
  layout->patient_nhs = "943 476 5919";
  layout->patient_hospital_number = "HSD-004217";
  layout->patient_address = "4 Elm Grove\nLondon\nN1 2AB";
  layout->body = short_body;
  layout->signatory_name = "Dr Eleanor Whitfield";
  layout->qualifications = "MA MB BChir FRCP\nConsultant Dermatologist";
  layout->gmc_number = "4567890";
  layout->cc = copies;
  layout->footer = "Harley Street Dermatology Ltd · Registered in England and Wales No. 01234567";
}

/* A body of @n paragraphs, numbered, ending "Yours sincerely". */
static char *
long_body (guint n)
{
  GString *body = g_string_new ("Dear Dr Okafor\n\n## Clinical summary\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (body, "Paragraph%02u. She has had itchy plaques on her elbows, knees and scalp "
                            "for some years, worse in winter and at times of stress, with little "
                            "relief from emollients and potent topical steroids. End%02u.\n\n", i, i);
  g_string_append (body, "Yours sincerely");
  return g_string_free (body, FALSE);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG with a stroke across it, like a scanned signature. */
static GBytes *
png_bytes (int width,
           int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *bytes = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.5);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, 5, height - 5);
  cairo_curve_to (cr, width / 3.0, 0, width / 2.0, height, width - 5, 5);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, bytes), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

/* Reading it back {{{1 */

static HarleyTestPdf *
render (const HarleyLetterLayout *layout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PopplerDocument *document;
  guint n_pages = 0;
  HarleyTestPdf *pdf;

  bytes = harley_letter_pdf_render (layout, &n_pages, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  pdf = harley_test_pdf_new (document);
  g_assert_cmpint (pdf->n_pages, ==, n_pages);
  return pdf;
}

/* Where @part is, once, on a page, in mm; fails the test if it is not. */
#define find_once(pdf, index, part) harley_test_pdf_find_once ((pdf), (index), (part), MM)

/* The first place of @part on a page, top to bottom. */
static HarleyTestBox
find_first (HarleyTestPdf        *pdf,
            int         index,
            const char *part)
{
  g_autoptr(GArray) boxes = harley_test_pdf_find_on_page (pdf, index, part, MM);

  g_assert_cmpuint (boxes->len, >, 0);
  return g_array_index (boxes, HarleyTestBox, 0);
}

/* The font of the first character of @part on page 1. */
static char *
font_of (HarleyTestPdf        *pdf,
         const char *part)
{
  PopplerPage *page = harley_test_pdf_page (pdf, 0);
  g_autofree char *text = poppler_page_get_text (page);
  const char *at = strstr (text, part);
  GList *attributes;
  char *font = NULL;
  long offset;

  g_assert_nonnull (at);
  offset = g_utf8_pointer_to_offset (text, at);
  attributes = poppler_page_get_text_attributes (page);
  for (GList *l = attributes; l != NULL; l = l->next)
    {
      PopplerTextAttributes *a = l->data;

      if (a->start_index <= offset && offset <= a->end_index)
        {
          font = g_strdup (a->font_name);
          break;
        }
    }
  poppler_page_free_text_attributes (attributes);
  g_assert_nonnull (font);
  return font;
}

/* Harley letter text {{{1 */

static void
assert_block (GArray                *blocks,
              guint                  index,
              HarleyLetterBlockKind  kind,
              const char            *markup)
{
  const HarleyLetterBlock *block;

  g_assert_cmpuint (index, <, blocks->len);
  block = &g_array_index (blocks, HarleyLetterBlock, index);
  g_assert_cmpint (block->kind, ==, kind);
  g_assert_cmpstr (block->markup, ==, markup);
}

static void
test_text_blocks (void)
{
  g_autoptr(GArray) blocks = _harley_letter_text_parse ("Dear Dr Okafor\r\n\r\n"
                                                        "  ## Diagnoses  \n"
                                                        "- Psoriasis\n"
                                                        "  of the scalp\n"
                                                        "- Eczema\n"
                                                        "A line\nand the next <one> & more\n\n\n"
                                                        "##\n"
                                                        "#not a heading\n");

  g_assert_cmpuint (blocks->len, ==, 5);
  assert_block (blocks, 0, HARLEY_LETTER_BLOCK_PARAGRAPH, "Dear Dr Okafor");
  assert_block (blocks, 1, HARLEY_LETTER_BLOCK_HEADING, "Diagnoses");
  assert_block (blocks, 2, HARLEY_LETTER_BLOCK_ITEM, "Psoriasis\nof the scalp");
  /* Lines after an item go on with it, up to a blank line. */
  assert_block (blocks, 3, HARLEY_LETTER_BLOCK_ITEM, "Eczema\nA line\nand the next &lt;one&gt; &amp; more");
  assert_block (blocks, 4, HARLEY_LETTER_BLOCK_PARAGRAPH, "##\n#not a heading");
  g_clear_pointer (&blocks, g_array_unref);

  blocks = _harley_letter_text_parse (NULL);
  g_assert_cmpuint (blocks->len, ==, 0);
}

static void
test_text_inline (void)
{
  const struct
  {
    const char *text;
    const char *markup;
  } cases[] = {
    { "a **bold** b", "a <b>bold</b> b" },
    { "an *italic* word", "an <i>italic</i> word" },
    { "***both***", "<b><i>both</i></b>" },
    { "**a *b** c*", "<b>a </b><b><i>b</i></b><i> c</i>" },
    { "5 * 3 * 2", "5 * 3 * 2" },
    { "never **closed", "never **closed" },
    { "\\*not italic\\*", "*not italic*" },
    { "\\## \\- \\\\ \\{{x}}", "## - \\ {{x}}" },
    { "**\\*starred\\***", "<b>*starred*</b>" },
    { "ends in \\", "ends in \\" },
    { "Zoë \\Ł", "Zoë Ł" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) blocks = _harley_letter_text_parse (cases[i].text);

      assert_block (blocks, 0, HARLEY_LETTER_BLOCK_PARAGRAPH, cases[i].markup);
    }
}

/* A backslash keeps a merged value's first character from making it a
 * heading or a list item. */
static void
test_text_escaped_lines (void)
{
  g_autoptr(GArray) blocks = _harley_letter_text_parse ("\\## Diagnoses\n\n\\- one\n\n\\\\- two");

  g_assert_cmpuint (blocks->len, ==, 3);
  assert_block (blocks, 0, HARLEY_LETTER_BLOCK_PARAGRAPH, "## Diagnoses");
  assert_block (blocks, 1, HARLEY_LETTER_BLOCK_PARAGRAPH, "- one");
  assert_block (blocks, 2, HARLEY_LETTER_BLOCK_PARAGRAPH, "\\- two");
}

/* Royal Mail style {{{1 */

static void
assert_address (const char * const *lines,
                const char         *expected)
{
  g_auto(GStrv) out = harley_format_royal_mail_address (lines);
  g_autofree char *joined = g_strjoinv ("|", out);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_royal_mail (void)
{
  const char *typed[] = { " Dr Rachel Okafor,", "Marylebone Health Centre,", "", "17  Marylebone Road.",
                          "London,", "nw15lt", NULL };
  const char *together[] = { "Mr Łukasz Nowak", "Flat 2, 10 High Street", "Kingston upon Thames KT1 1AA", NULL };
  const char *in_one[] = { "Ms Zoë Brontë\n3 Mill Lane\nHaworth\nKeighley\nBD22 8DR", NULL };
  const char *abroad[] = { "Ngũgĩ wa Thiong'o", "12 Rue de Rivoli", "75004 Paris", "France", NULL };
  const char *town_only[] = { "Mrs A Jones", "1 Church Road", "Ébor", NULL };
  const char *name_only[] = { "Dr A Smith,", NULL };

  /* Commas and full stops off the ends of lines, the post town in
   * capitals, the postcode in capitals on its own line. */
  assert_address (typed, "Dr Rachel Okafor|Marylebone Health Centre|17 Marylebone Road|LONDON|NW1 5LT");
  /* A comma inside a line stays; town and postcode on one line part. */
  assert_address (together, "Mr Łukasz Nowak|Flat 2, 10 High Street|KINGSTON UPON THAMES|KT1 1AA");
  assert_address (in_one, "Ms Zoë Brontë|3 Mill Lane|Haworth|KEIGHLEY|BD22 8DR");
  /* No postcode: the last line (a country) in capitals. */
  assert_address (abroad, "Ngũgĩ wa Thiong'o|12 Rue de Rivoli|75004 Paris|FRANCE");
  assert_address (town_only, "Mrs A Jones|1 Church Road|ÉBOR");
  /* The addressee is never put in capitals. */
  assert_address (name_only, "Dr A Smith");
  assert_address (NULL, "");
}

/* The PDF {{{1 */

static void
test_a4 (void)
{
  HarleyLetterLayout layout;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  g_autofree char *title = NULL;
  double width, height;

  fill (&layout);
  pdf = render (&layout);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  poppler_page_get_size (harley_test_pdf_page (pdf, 0), &width, &height);
  g_assert_cmpfloat_with_epsilon (width, A4_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (height, A4_HEIGHT, 0.01);
  title = poppler_document_get_title (pdf->document);
  g_assert_cmpstr (title, ==, "Letter about Mrs Siobhán Ó Dúbhghaill");
  find_once (pdf, 0, "Page 1 of 1");
}

static void
test_content (void)
{
  HarleyLetterLayout layout;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  HarleyTestBox name, letterhead, date, re, dear, signature, gmc, cc, footer, page;

  fill (&layout);
  pdf = render (&layout);
  letterhead = find_first (pdf, 0, "Harley Street Dermatology");   /* and in the footer */
  find_once (pdf, 0, "10 Harley Street, London, W1G 9PF");
  find_once (pdf, 0, "Telephone 020 7946 0000");
  find_once (pdf, 0, "secretary@harleyderm.example");
  date = find_once (pdf, 0, "24 November 2026");
  re = find_once (pdf, 0, "Re:");
  name = find_once (pdf, 0, "Mrs Siobhán Ó Dúbhghaill");
  find_once (pdf, 0, "Date of birth 12/03/1961");
  find_once (pdf, 0, "NHS number 943 476 5919");
  find_once (pdf, 0, "Hospital number HSD-004217");
  find_once (pdf, 0, "4 Elm Grove, London, N1 2AB");
  dear = find_once (pdf, 0, "Dear Dr Okafor");
  signature = find_once (pdf, 0, "Dr Eleanor Whitfield");
  find_once (pdf, 0, "MA MB BChir FRCP");
  find_once (pdf, 0, "Consultant Dermatologist");
  gmc = find_once (pdf, 0, "GMC number 4567890");
  cc = find_once (pdf, 0, "cc:");
  find_once (pdf, 0, "Dr Peter Lane, Bupa, Bupa House");
  footer = find_once (pdf, 0, "Registered in England and Wales");
  page = find_once (pdf, 0, "Page 1 of 1");

  /* Letterhead, then the date at the right beside the window, the Re:
   * block under the window, the body, the signature, the copies, and at
   * the foot the page number and the practice's footer. */
  g_assert_cmpfloat (letterhead.bottom, <, 45.0);
  g_assert_cmpfloat (letterhead.right, >, 185.0);
  g_assert_cmpfloat (date.right, >, 185.0);
  g_assert_cmpfloat (date.left, >, 105.0);
  g_assert_cmpfloat (date.top, >=, 45.0);
  g_assert_cmpfloat (re.top, >, 85.0);
  g_assert_cmpfloat_with_epsilon (re.top, name.top, 0.5);
  g_assert_cmpfloat (re.right, <, name.left);
  g_assert_cmpfloat (dear.top, >, name.bottom);
  g_assert_cmpfloat_with_epsilon (dear.left, 25.0, 0.5);
  g_assert_cmpfloat (signature.top, >, find_once (pdf, 0, "Yours sincerely").bottom + 10.0);
  g_assert_cmpfloat (gmc.top, >, signature.bottom);
  g_assert_cmpfloat (cc.top, >, gmc.bottom);
  g_assert_cmpfloat (page.top, >, cc.bottom);
  g_assert_cmpfloat (footer.top, >, page.bottom);
  g_assert_cmpfloat (footer.bottom, <=, 297.0 - 10.0 + 0.5);
}

/* Every character inside the window, in reading order, whitespace left
 * out. */
static char *
text_in_window (HarleyTestPdf                      *pdf,
                const HarleyLetterLayout *layout)
{
  PopplerPage *page = harley_test_pdf_page (pdf, 0);
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *boxes = NULL;
  GString *inside = g_string_new (NULL);
  guint n_boxes = 0;
  const char *p = text;

  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  for (guint i = 0; i < n_boxes && *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      double x = (boxes[i].x1 + boxes[i].x2) / 2 / MM, y = (boxes[i].y1 + boxes[i].y2) / 2 / MM;

      if (x > layout->window_left_mm && x < layout->window_left_mm + layout->window_width_mm
          && y > layout->window_top_mm && y < layout->window_top_mm + layout->window_height_mm
          && !g_unichar_isspace (g_utf8_get_char (p)))
        g_string_append_unichar (inside, g_utf8_get_char (p));
    }
  g_free (boxes);
  return g_string_free (inside, FALSE);
}

/* Each line of the address lies inside the window, at least 3 mm from
 * its edges, and nothing but the address shows through it. */
static void
assert_in_window (const HarleyLetterLayout *layout,
                  const char               *expected)
{
  g_autoptr(HarleyTestPdf) pdf = render (layout);
  g_auto(GStrv) lines = harley_format_royal_mail_address (layout->address_lines);
  g_autofree char *inside = text_in_window (pdf, layout);
  double left = layout->window_left_mm, top = layout->window_top_mm;
  double right = left + layout->window_width_mm, bottom = top + layout->window_height_mm;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      HarleyTestBox box = find_once (pdf, 0, lines[i]);

      g_test_message ("%s: %.1f–%.1f mm across, %.1f–%.1f mm down", lines[i], box.left, box.right,
                      box.top, box.bottom);
      g_assert_cmpfloat (box.left, >=, left + 3.0);
      g_assert_cmpfloat (box.right, <=, right - 3.0);
      g_assert_cmpfloat (box.top, >=, top + 3.0);
      g_assert_cmpfloat (box.bottom, <=, bottom - 3.0);
      if (i > 0)
        g_assert_cmpfloat_with_epsilon (box.left, find_once (pdf, 0, lines[0]).left, 0.2);
    }
  g_assert_cmpstr (inside, ==, expected);
}

static void
test_window (void)
{
  const char *long_address[] = {
    "Professor Sir Bartholomew Fitzwilliam-Cholmondeley", "The Department of Dermatology",
    "St Bartholomew's and The Royal London Hospital", "Outpatients Building, West Wing", "Whitechapel Road",
    "Stepney Green", "London", "E1 1FR", NULL,
  };
  HarleyLetterLayout layout;

  fill (&layout);
  /* The address starts 5 mm into the window: 25 mm from the left, in
   * line with the body. */
  {
    g_autoptr(HarleyTestPdf) pdf = render (&layout);
    HarleyTestBox first = find_once (pdf, 0, "Dr Rachel Okafor");
    HarleyTestBox postcode = find_once (pdf, 0, "NW1 5LT");

    g_assert_cmpfloat_with_epsilon (first.left, 25.0, 0.5);
    g_assert_cmpfloat (find_once (pdf, 0, "LONDON").top, >, find_once (pdf, 0, "17 Marylebone Road").bottom - 0.5);
    g_assert_cmpfloat (postcode.top, >, find_once (pdf, 0, "LONDON").bottom - 0.5);
    g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 0, "Marylebone Health Centre,"), ==, 0);
  }
  assert_in_window (&layout, "PrivateandconfidentialDrRachelOkaforMaryleboneHealthCentre17MaryleboneRoadLONDONNW15LT");

  layout.private_and_confidential = FALSE;
  assert_in_window (&layout, "DrRachelOkaforMaryleboneHealthCentre17MaryleboneRoadLONDONNW15LT");

  /* A window elsewhere, as set in Preferences. */
  layout.window_left_mm = 110.0;
  layout.window_top_mm = 50.0;
  layout.window_width_mm = 90.0;
  layout.window_height_mm = 35.0;
  assert_in_window (&layout, "DrRachelOkaforMaryleboneHealthCentre17MaryleboneRoadLONDONNW15LT");

  /* A long address is made smaller to fit. */
  harley_letter_layout_init (&layout);
  layout.address_lines = long_address;
  layout.private_and_confidential = TRUE;
  assert_in_window (&layout, "PrivateandconfidentialProfessorSirBartholomewFitzwilliam-CholmondeleyTheDepartmentof"
                             "DermatologyStBartholomew'sandTheRoyalLondonHospitalOutpatientsBuilding,WestWing"
                             "WhitechapelRoadStepneyGreenLONDONE11FR");
}

/* The calibration sheet shows where the window is taken to be, with an
 * address placed as in letters. */
static void
test_calibration (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  g_autofree char *title = NULL;
  HarleyLetterLayout layout;
  PopplerDocument *document;
  HarleyTestBox box;

  harley_letter_layout_init (&layout);
  layout.window_left_mm = 110.0;
  layout.window_top_mm = 50.0;
  layout.window_width_mm = 90.0;
  layout.window_height_mm = 35.0;
  bytes = harley_letter_calibration_render (&layout, &error);
  g_assert_no_error (error);
  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  pdf = harley_test_pdf_new (document);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  title = poppler_document_get_title (pdf->document);
  g_assert_cmpstr (title, ==, "Window envelope check");
  find_once (pdf, 0, "It is now 110 mm from the left and 50 mm from the top, 90 × 35 mm.");
  box = find_once (pdf, 0, "Mrs A Sample");
  g_assert_cmpfloat_with_epsilon (box.left, 115.0, 0.2);
  g_assert_cmpfloat (box.top, >, 53.0);
  box = find_once (pdf, 0, "W1A 1AA");
  g_assert_cmpfloat_with_epsilon (box.left, 115.0, 0.2);
  g_assert_cmpfloat (box.bottom, <, 82.0);
}

static void
test_long_letter (void)
{
  g_autofree char *body = long_body (14);
  HarleyLetterLayout layout;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  double last = 0;

  fill (&layout);
  layout.body = body;
  pdf = render (&layout);
  g_assert_cmpint (pdf->n_pages, ==, 2);
  for (int i = 0; i < pdf->n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %d of %d", i + 1, pdf->n_pages);
      HarleyTestBox box = find_once (pdf, i, number);

      g_assert_cmpfloat (box.bottom, >, 270.0);
      g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, i, "Registered in England and Wales"), ==, 1);
    }
  /* The letterhead and the window on the first page alone; the patient
   * named at the top of the second. */
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "Harley Street Dermatology"), ==, 1);   /* the footer's */
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "Dr Rachel Okafor"), ==, 0);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "Re:"), ==, 0);
  g_assert_cmpfloat (find_once (pdf, 1, "Mrs Siobhán Ó Dúbhghaill").top, <, 20.0);
  g_assert_cmpfloat (find_once (pdf, 1, "Date of birth 12/03/1961").top, <, 20.0);
  g_assert_cmpfloat (find_once (pdf, 1, "NHS number 943 476 5919").top, <, 20.0);
  /* Every paragraph once, in order, none lost between the pages. */
  for (guint i = 1; i <= 14; i++)
    {
      g_autofree char *name = g_strdup_printf ("Paragraph%02u.", i);
      int page = harley_test_pdf_count_on_page (pdf, 0, name) == 1 ? 0 : 1;
      double here = page * 1000 + find_once (pdf, page, name).top;

      g_assert_cmpuint (harley_test_pdf_count (pdf, name), ==, 1);
      g_assert_cmpfloat (here, >, last);
      last = here;
    }
  /* The signature stays with "Yours sincerely". */
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "Yours sincerely"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "Dr Eleanor Whitfield"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 1, "cc:"), ==, 1);
}

/* The page of @part, which must be in the letter once. */
static int
page_with (HarleyTestPdf        *pdf,
           const char *part)
{
  for (int i = 0; i < pdf->n_pages; i++)
    if (harley_test_pdf_count_on_page (pdf, i, part) == 1)
      return i;
  g_error ("“%s” is not in the letter", part);
}

/* Whatever the length, a paragraph of three lines is never split (that
 * would leave one line alone on a page), a heading never ends a page,
 * and the text never runs into the page number. */
static void
test_page_breaks (void)
{
  HarleyLetterLayout layout;

  fill (&layout);
  for (guint n = 8; n <= 18; n++)
    {
      g_autofree char *body = long_body (n);
      g_autoptr(HarleyTestPdf) pdf = NULL;

      layout.body = body;
      pdf = render (&layout);
      g_test_message ("%u paragraphs: %d pages", n, pdf->n_pages);
      for (guint i = 1; i <= n; i++)
        {
          g_autofree char *start = g_strdup_printf ("Paragraph%02u.", i);
          g_autofree char *end = g_strdup_printf ("End%02u.", i);
          int page = page_with (pdf, start);
          g_autofree char *number = g_strdup_printf ("Page %d of %d", page + 1, pdf->n_pages);

          g_assert_cmpint (page_with (pdf, end), ==, page);
          g_assert_cmpfloat (find_once (pdf, page, end).bottom, <, find_once (pdf, page, number).top - 4.0);
        }
      g_assert_cmpint (page_with (pdf, "Clinical summary"), ==, page_with (pdf, "Paragraph01."));
      g_assert_cmpint (page_with (pdf, "Yours sincerely"), ==, page_with (pdf, "GMC number 4567890"));
    }
}

static void
test_markup (void)
{
  HarleyLetterLayout layout;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *bold = NULL;
  g_autofree char *italic = NULL;
  g_autofree char *plain = NULL;
  HarleyTestBox bullet, item, paragraph;

  fill (&layout);
  pdf = render (&layout);
  find_once (pdf, 0, "Diagnoses");
  find_once (pdf, 0, "Plan and requested actions");
  item = find_once (pdf, 0, "Chronic plaque psoriasis");
  find_once (pdf, 0, "Seborrhoeic dermatitis of the scalp");
  paragraph = find_once (pdf, 0, "Thank you for referring");
  g_assert_cmpuint (harley_test_pdf_count_on_page (pdf, 0, "•"), ==, 2);
  bullet = find_first (pdf, 0, "•");
  g_assert_cmpfloat (bullet.left, >=, paragraph.left);
  g_assert_cmpfloat (item.left, >, bullet.right);
  g_assert_cmpfloat_with_epsilon (bullet.top, item.top, 1.0);

  heading = font_of (pdf, "Diagnoses");
  bold = font_of (pdf, "methotrexate 15 mg weekly");
  italic = font_of (pdf, "full blood count");
  plain = font_of (pdf, "Thank you");
  g_assert_nonnull (strstr (heading, "Bold"));
  g_assert_nonnull (strstr (bold, "Bold"));
  g_assert_true (strstr (italic, "Oblique") != NULL || strstr (italic, "Italic") != NULL);
  g_assert_null (strstr (plain, "Bold"));
  g_assert_null (strstr (plain, "Oblique"));

  /* Escaped, the marks print as they are. */
  find_once (pdf, 0, "Her price was *20% off*, see {{patient.nhs_number}} \\ done.");
  find_once (pdf, 0, "## not a heading");
  find_once (pdf, 0, "- not a list item");
  g_clear_pointer (&italic, g_free);
  italic = font_of (pdf, "20% off");
  g_assert_null (strstr (italic, "Oblique"));
  g_clear_pointer (&heading, g_free);
  heading = font_of (pdf, "not a heading");
  g_assert_null (strstr (heading, "Bold"));
}

static void
test_fonts_embedded (void)
{
  const char *names[] = { "Zoë Brontë", "王小明", NULL };
  HarleyLetterLayout layout;
  g_autoptr(HarleyTestPdf) pdf = NULL;

  fill (&layout);
  layout.cc = names;
  pdf = render (&layout);
  /* Regular, bold, oblique and a font for Chinese at least */
  harley_test_pdf_assert_fonts_embedded (pdf, 4);
}

/* Names in any script a UK practice meets, as text anyone can search or
 * copy. Poppler's search reads right-to-left text in its logical order. */
static void
test_other_scripts (void)
{
  const char *recipient[] = { "Ngũgĩ wa Thiong'o", "Łukasz Kowalski", "小明 王", "فاطمة الزهراء", "1 Long Lane",
                              "London", "SE1 4PU", NULL };
  const char *names[] = { "Siobhán Ó Dúbhghaill", "Zoë Brontë", "Łukasz Kowalski", "Ngũgĩ wa Thiong'o", "王小明",
                          "فاطمة الزهراء", };
  HarleyLetterLayout layout;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  g_autofree char *text = NULL;

  if (!harley_test_have_font_for (0x738B))
    g_error ("No font on this machine draws Chinese: install fonts-noto-cjk (build-aux/install-deps.sh).");
  fill (&layout);
  layout.address_lines = recipient;
  layout.patient_name = "王小明";
  layout.body = "Dear Dr Okafor\n\nI saw Zoë Brontë and Siobhán Ó Dúbhghaill with **فاطمة الزهراء** today.";
  pdf = render (&layout);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpuint (harley_test_pdf_count (pdf, names[i]), >=, 1);
  text = poppler_page_get_text (harley_test_pdf_page (pdf, 0));
  g_assert_nonnull (strstr (text, "Ngũgĩ wa Thiong'o"));
  g_assert_nonnull (strstr (text, "小明 王"));
  g_assert_nonnull (strstr (text, "Zoë Brontë"));
}

static void
test_images (void)
{
  g_autoptr(GBytes) logo = png_bytes (300, 100);
  g_autoptr(GBytes) signature = png_bytes (240, 80);
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a png", 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf_bytes = NULL;
  HarleyLetterLayout layout;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  GList *images;

  fill (&layout);
  layout.logo_png = logo;
  layout.signature_png = signature;
  pdf = render (&layout);
  images = poppler_page_get_image_mapping (harley_test_pdf_page (pdf, 0));
  g_assert_cmpuint (g_list_length (images), ==, 2);
  for (GList *l = images; l != NULL; l = l->next)
    {
      PopplerImageMapping *image = l->data;
      double top = (image->area.y1) / MM;

      g_test_message ("image at %.1f mm", top);
      /* The logo above the window, the signature under "Yours sincerely". */
      if (top < 45.0)
        g_assert_cmpfloat (image->area.y2 / MM, <, 45.0);
      else
        g_assert_cmpfloat (top, >, find_once (pdf, 0, "Yours sincerely").bottom);
    }
  poppler_page_free_image_mapping (images);

  /* A logo that cannot be read is left off; a signature is not. */
  layout.logo_png = junk;
  layout.signature_png = NULL;
  g_clear_pointer (&pdf, harley_test_pdf_free);
  pdf = render (&layout);
  images = poppler_page_get_image_mapping (harley_test_pdf_page (pdf, 0));
  g_assert_cmpuint (g_list_length (images), ==, 0);
  poppler_page_free_image_mapping (images);

  layout.signature_png = junk;
  pdf_bytes = harley_letter_pdf_render (&layout, NULL, &error);
  g_assert_null (pdf_bytes);
  g_assert_error (error, HARLEY_LETTER_PDF_ERROR, HARLEY_LETTER_PDF_ERROR_BAD_IMAGE);
  g_assert_nonnull (strstr (error->message, "signature"));
}

/* Only what is given is printed; nothing is required. */
static void
test_empty (void)
{
  HarleyLetterLayout layout;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  g_autofree char *text = NULL;

  harley_letter_layout_init (&layout);
  g_assert_cmpfloat (layout.window_left_mm, ==, 20.0);
  g_assert_cmpfloat (layout.window_top_mm, ==, 45.0);
  g_assert_cmpfloat (layout.window_width_mm, ==, 85.0);
  g_assert_cmpfloat (layout.window_height_mm, ==, 40.0);
  pdf = render (&layout);
  g_assert_cmpint (pdf->n_pages, ==, 1);
  text = poppler_page_get_text (harley_test_pdf_page (pdf, 0));
  g_assert_cmpstr (g_strstrip (text), ==, "Page 1 of 1");
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
 * alone; no half-written file left when it cannot be written; never
 * over the practice database. */
static void
test_written_safely (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "letter.pdf", NULL);
  g_autofree char *database = harley_test_db_path (dir);
  g_autofree char *missing = g_build_filename (dir, "no such folder", "letter.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyTestPdf) pdf = NULL;
  HarleyLetterLayout layout;
  GStatBuf st;
  gsize length;

  fill (&layout);
  layout.database = database;
  g_assert_true (g_file_set_contents (database, "SQLite format 3", -1, NULL));
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_chmod (path, 0644);
  g_assert_true (harley_letter_pdf_write (&layout, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_files (dir), ==, 2);
  pdf = harley_test_pdf_open_file (path);
  find_once (pdf, 0, "Dear Dr Okafor");

  g_assert_false (harley_letter_pdf_write (&layout, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "could not be saved"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (harley_letter_pdf_write (&layout, database, &error));
  g_assert_error (error, HARLEY_LETTER_PDF_ERROR, HARLEY_LETTER_PDF_ERROR_IS_DATABASE);
  g_assert_true (g_file_get_contents (database, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "SQLite format 3");
  g_assert_cmpuint (count_files (dir), ==, 2);

  g_unlink (path);
  g_unlink (database);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/letter-pdf/text/blocks", test_text_blocks);
  g_test_add_func ("/letter-pdf/text/inline", test_text_inline);
  g_test_add_func ("/letter-pdf/text/escaped-lines", test_text_escaped_lines);
  g_test_add_func ("/letter-pdf/royal-mail", test_royal_mail);
  g_test_add_func ("/letter-pdf/a4", test_a4);
  g_test_add_func ("/letter-pdf/content", test_content);
  g_test_add_func ("/letter-pdf/window", test_window);
  g_test_add_func ("/letter-pdf/calibration", test_calibration);
  g_test_add_func ("/letter-pdf/long-letter", test_long_letter);
  g_test_add_func ("/letter-pdf/page-breaks", test_page_breaks);
  g_test_add_func ("/letter-pdf/markup", test_markup);
  g_test_add_func ("/letter-pdf/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/letter-pdf/other-scripts", test_other_scripts);
  g_test_add_func ("/letter-pdf/images", test_images);
  g_test_add_func ("/letter-pdf/empty", test_empty);
  g_test_add_func ("/letter-pdf/written-safely", test_written_safely);

  return g_test_run ();
}
