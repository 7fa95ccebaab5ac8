/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-letter"

/* A clinic letter to PDF, and its preview, without a display.
 *
 * The letter: a realistic two-page clinic letter (letterhead, the
 * recipient's address in the envelope window, the "Re:" block, PRSB
 * headings with paragraphs and lists, the signature block and copies),
 * made by harley_letter_pdf_render() into PDF bytes in memory.
 *
 * The floor, in the same run: the same letter's text, as many characters,
 * with no markup, drawn as one plain Pango layout a page ("Sans 10",
 * wrapped at 170 mm) on a two-page cairo PDF surface writing to memory
 * (cairo_pdf_surface_create_for_stream()).
 *
 * 1. One letter: 100 renders after 5 warm-ups, in turns with the floor;
 *    p50/p99 per page (the time of a letter over its pages).
 * 2. A batch: 500 letters to 500 patients (names and addresses differ)
 *    rendered in a row, total seconds; the floor: 500 plain-text PDFs.
 * 3. The preview of page 1 at 100 % (96 dpi, 794 px wide):
 *    poppler_document_new_from_bytes(), the first page, an image surface
 *    painted white and poppler_page_render() onto it; 100 times after 5
 *    warm-ups, in turns with the same for the floor's PDF.
 *
 *   bench-letter [--renders 100] [--batch 500]
 */

#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "harley-bench-stats.h"
#include "harley-letter-pdf.h"

#define WARM_UPS     5
#define A4_WIDTH_PT  595.276
#define A4_HEIGHT_PT 841.89
#define MARGIN_PT    (20.0 * 72.0 / 25.4)
#define PREVIEW_DPI  96.0

typedef struct
{
  HarleyLetterLayout  layout;
  char               *patient_name;
  char               *patient_address;
  char               *address[6];
  char               *body;
  char               *plain;        /* the floor's text */
} Letter;

/* The letter {{{1 */

static const char *first_names[] = {
  "Siobhán", "Margaret", "Priya", "Olufemi", "Thomas", "Eleanor", "Mohammed", "Zoë",
  "Gareth", "Aisling", "Wei", "Catherine", "Jonathan", "Fatima", "Hamish", "Beatrice",
  "Rajesh", "Agnieszka", "Kwame", "Imogen", "Dafydd", "Yasmin", "Peter", "Lucy",
};
static const char *surnames[] = {
  "Ó Dúbhghaill", "Whitfield", "Sharma", "Adeyemi", "Hughes", "Brontë", "Rahman", "Kowalski",
  "MacLeod", "Fitzgerald", "Zhang", "Okonkwo", "Pemberton", "Hussain", "Davies", "Nakamura",
  "Thompson", "Ahmed", "Llewellyn", "Mensah", "Gallagher", "Kaur", "Bennett", "Morrison",
};
static const char *streets[] = {
  "Elm Grove", "Marylebone Road", "Queen's Avenue", "Highfield Close", "Church Lane",
  "St John's Wood Terrace", "Cavendish Square", "Willow Crescent", "Station Road",
  "Abbey Gardens", "Victoria Park Road", "The Mews",
};
static const char *towns[] = {
  "LONDON", "ST ALBANS", "GUILDFORD", "READING", "CAMBRIDGE", "OXFORD", "BRIGHTON",
};
static const char *postcodes[] = {
  "N1 2AB", "NW1 5LT", "W1G 9PF", "AL1 3JX", "GU1 4RR", "RG1 8DB", "CB2 1TN", "OX2 6GG",
  "BN1 1AE", "SE15 4QF", "E8 3PB", "SW19 7NE",
};

static const char *gp_address[] = {
  "Dr Rachel Okafor", "Marylebone Health Centre", "17 Marylebone Road", "LONDON", "NW1 5LT", NULL,
};
static const char *copies[] = {
  "The patient",
  "Dr Peter Lane, Bupa, Bupa House, 1 Angel Court, London EC2R 7HJ",
  "Mr James Carter, The London Clinic, 20 Devonshire Place, London W1G 6BW",
  NULL,
};

/* A two-page letter about @name ("Mrs Siobhán Ó Dúbhghaill"), called
 * @short_name ("Mrs Ó Dúbhghaill") in the text */
static char *
letter_body (const char *name,
             const char *short_name)
{
  return g_strdup_printf (
    "Dear Dr Okafor\n"
    "\n"
    "Thank you for referring %1$s, whom I saw in my dermatology clinic today with her husband. "
    "She was referred with a three-year history of an itchy, scaly rash on her elbows, knees and "
    "scalp which has not settled with treatment in primary care.\n"
    "\n"
    "## Diagnoses\n"
    "- Chronic plaque psoriasis, moderate (PASI 11.4, BSA 9%%, DLQI 14)\n"
    "- Scalp psoriasis\n"
    "- Psoriatic nail dystrophy, both hands\n"
    "- Seborrhoeic dermatitis of the face, mild\n"
    "\n"
    "## Presenting complaint\n"
    "%2$s describes well-defined, red, scaly plaques that first appeared on her elbows three years ago "
    "and have since spread to both knees, the lower back and the scalp. They itch most in the evening "
    "and wake her two or three nights a week. The scalp is worst in winter, and the scale on her "
    "shoulders embarrasses her at work, where she is a primary school teacher. She has noticed pitting "
    "and lifting of several fingernails over the past year.\n"
    "\n"
    "## History of the presenting complaint\n"
    "She has used emollients twice daily, *Dovobet gel* once daily for four weeks at a time and a "
    "coal tar shampoo, each of which helped for a few weeks only. A course of *clobetasol propionate "
    "0.05%% ointment* cleared the elbows for a month, but the plaques returned within two weeks of "
    "stopping. She has had no phototherapy and no systemic treatment.\n"
    "\n"
    "## Past medical history\n"
    "- Hypertension, diagnosed 2019, well controlled\n"
    "- Depression, 2015, treated with sertraline for one year, now well\n"
    "- Appendicectomy, 1989\n"
    "\n"
    "## Medications\n"
    "- Amlodipine 5 mg once daily\n"
    "- Emollient (Epaderm ointment) as a soap substitute and twice daily\n"
    "- Dovobet gel once daily to the plaques, as needed\n"
    "\n"
    "## Examination\n"
    "There are well-demarcated, erythematous plaques with silvery scale on both extensor elbows "
    "(8 × 6 cm on the right, 6 × 5 cm on the left), both knees, the sacrum and the occipital scalp "
    "extending 1 cm beyond the hairline. Eight fingernails show pitting and two show onycholysis. "
    "There is mild erythema and greasy scale in the nasolabial folds. The joints are not swollen or "
    "tender, and there is no dactylitis or enthesitis. Her blood pressure today was 132/84 mmHg; her "
    "weight is 71 kg.\n"
    "\n"
    "## Investigation results\n"
    "Her full blood count, renal and liver function from the surgery last month were normal, "
    "including an ALT of 22 IU/L and an eGFR above 90. I have requested hepatitis B and C and HIV "
    "serology, a varicella zoster IgG, a procollagen III peptide and an interferon-gamma release "
    "assay before systemic treatment.\n"
    "\n"
    "## Plan and requested actions\n"
    "- Start **methotrexate 10 mg once weekly** (on Mondays) once the blood results are back, with "
    "**folic acid 5 mg once weekly** on Thursdays; we will increase it to 15 mg after four weeks if "
    "the blood tests allow\n"
    "- Please arrange a full blood count, renal and liver function every two weeks for the first "
    "two months, then monthly for three months, then every three months\n"
    "- Please stop any trimethoprim or co-trimoxazole, and check interactions before any new "
    "prescription\n"
    "- Continue emollients; use Dovobet gel to the scalp at night for four weeks\n"
    "- An annual influenza vaccine and the pneumococcal vaccine before starting methotrexate\n"
    "\n"
    "## Information given to the patient\n"
    "We discussed the benefits and risks of methotrexate, including nausea, tiredness, effects on "
    "the blood count and the liver, the need to avoid pregnancy and to limit alcohol to no more than "
    "a few units a week. She has the British Association of Dermatologists' leaflets on psoriasis and "
    "on methotrexate, and a monitoring booklet. She knows to seek help at once for a sore throat, "
    "fever, mouth ulcers, unusual bruising or breathlessness.\n"
    "\n"
    "## Follow-up\n"
    "I will see %2$s again in twelve weeks, with a PASI and DLQI, and sooner if needed. Our nurse "
    "will telephone her in four weeks to review the blood results and the dose.\n"
    "\n"
    "Yours sincerely",
    name, short_name);
}

/* The letter's text without markup, for the floor: about as many
 * characters as the PDF shows. */
static char *
plain_text (const HarleyLetterLayout *l)
{
  GString *text = g_string_new (NULL);
  const char *p;

  g_string_append_printf (text, "%s\n%s\n%s\n%s\n\n", l->practice_name, l->practice_address,
                          l->practice_phone, l->practice_email);
  for (guint i = 0; l->address_lines[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", l->address_lines[i]);
  g_string_append_printf (text, "\n%s\n\nPRIVATE AND CONFIDENTIAL\n\n", l->date);
  g_string_append_printf (text, "Re: %s, DOB %s, NHS %s, Hospital no. %s\n%s\n\n", l->patient_name,
                          l->patient_dob, l->patient_nhs, l->patient_hospital_number, l->patient_address);
  for (p = l->body; *p != '\0'; p++)
    {
      if (*p == '*')
        continue;
      if ((p == l->body || p[-1] == '\n') && g_str_has_prefix (p, "## "))
        {
          p += 2;
          continue;
        }
      g_string_append_c (text, *p);
    }
  g_string_append_printf (text, "\n\n%s\n%s\nGMC %s\n\n", l->signatory_name, l->qualifications, l->gmc_number);
  for (guint i = 0; l->cc[i] != NULL; i++)
    g_string_append_printf (text, "cc %s\n", l->cc[i]);
  g_string_append_printf (text, "\n%s\n", l->footer);
  return g_string_free (text, FALSE);
}

static void
letter_init (Letter *letter,
             guint   i)
{
  static const char *titles[] = { "Mrs", "Ms", "Mr", "Dr", "Miss" };
  const char *title = titles[i % G_N_ELEMENTS (titles)];
  const char *first = first_names[i % G_N_ELEMENTS (first_names)];
  const char *surname = surnames[(i * 7 + i / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (surnames)];
  const char *street = streets[(i * 5) % G_N_ELEMENTS (streets)];
  const char *town = towns[(i * 3) % G_N_ELEMENTS (towns)];
  const char *postcode = postcodes[(i * 11) % G_N_ELEMENTS (postcodes)];
  HarleyLetterLayout *l = &letter->layout;
  g_autofree char *short_name = NULL;

  memset (letter, 0, sizeof *letter);
  letter->patient_name = g_strdup_printf ("%s %s %s", title, first, surname);
  letter->patient_address = g_strdup_printf ("%u %s\n%s\n%s", 1 + (i * 37) % 180, street, town, postcode);
  short_name = g_strdup_printf ("%s %s", title, surname);
  letter->body = letter_body (letter->patient_name, short_name);

  harley_letter_layout_init (l);
  l->practice_name = "Harley Street Dermatology";
  l->practice_address = "10 Harley Street\nLondon\nW1G 9PF";
  l->practice_phone = "020 7946 0000";
  l->practice_email = "secretary@harleyderm.example";
  l->address_lines = gp_address;
  l->date = "24 November 2026";
  l->private_and_confidential = TRUE;
  l->patient_name = letter->patient_name;
  l->patient_dob = "12/03/1961";
  l->patient_nhs = "943 476 5919";
  l->patient_hospital_number = "HSD-004217";
  l->patient_address = letter->patient_address;
  l->body = letter->body;
  l->signatory_name = "Dr Eleanor Whitfield";
  l->qualifications = "MA MB BChir FRCP\nConsultant Dermatologist";
  l->gmc_number = "4567890";
  l->cc = copies;
  l->footer = "Harley Street Dermatology Ltd · Registered in England and Wales No. 01234567";
  letter->plain = plain_text (l);
}

static void
letter_clear (Letter *letter)
{
  g_free (letter->patient_name);
  g_free (letter->patient_address);
  g_free (letter->body);
  g_free (letter->plain);
}

/* Harley's PDF {{{1 */

static GBytes *
harley_pdf (const Letter *letter,
            guint        *n_pages)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = harley_letter_pdf_render (&letter->layout, n_pages, &error);

  if (bytes == NULL)
    g_error ("The letter's PDF failed: %s", error->message);
  return bytes;
}

/* The floor's PDF {{{1 */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* @text as one plain Pango layout a page on two A4 pages, split at the
 * line break nearest the middle. */
static GBytes *
floor_pdf (const char *text)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, out, A4_WIDTH_PT, A4_HEIGHT_PT);
  cairo_t *cr = cairo_create (surface);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  size_t length = strlen (text);
  const char *middle = strchr (text + length / 2, '\n');
  const char *pages[2][2];

  if (middle == NULL)
    middle = text + length;
  pages[0][0] = text;
  pages[0][1] = middle;
  pages[1][0] = middle;
  pages[1][1] = text + length;
  for (guint i = 0; i < 2; i++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);

      /* Points, as the letter's own layouts: "Sans 10" is 10 units high */
      pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
      pango_layout_context_changed (layout);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, pango_units_from_double (A4_WIDTH_PT - 2 * MARGIN_PT));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, pages[i][0], (int) (pages[i][1] - pages[i][0]));
      cairo_move_to (cr, MARGIN_PT, MARGIN_PT);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      cairo_show_page (cr);
    }
  pango_font_description_free (font);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_error ("The floor's PDF failed: %s", cairo_status_to_string (cairo_surface_status (surface)));
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

/* The preview {{{1 */

/* Page 1 of @pdf at 96 dpi on a white image surface */
static void
preview (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &error);
  PopplerPage *page;
  double width, height;
  int pixel_width, pixel_height;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (document == NULL)
    g_error ("Poppler could not read the PDF: %s", error->message);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  pixel_width = (int) (width * PREVIEW_DPI / 72.0 + 0.5);
  pixel_height = (int) (height * PREVIEW_DPI / 72.0 + 0.5);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PREVIEW_DPI / 72.0, PREVIEW_DPI / 72.0);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);
}

/* main {{{1 */

static GArray *
new_samples (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static void
add_sample (GArray *samples,
            double  value)
{
  g_array_append_val (samples, value);
}

int
main (int    argc,
      char **argv)
{
  int renders = 100;
  int batch = 500;
  const GOptionEntry entries[] = {
    { "renders", 0, 0, G_OPTION_ARG_INT, &renders, "Renders of one letter, and previews (100)", "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch, "Letters in the batch (500)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- a clinic letter to PDF and its preview");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pdf_ms = new_samples ();
  g_autoptr(GArray) pdf_floor_ms = new_samples ();
  g_autoptr(GArray) preview_ms = new_samples ();
  g_autoptr(GArray) preview_floor_ms = new_samples ();
  g_autoptr(GBytes) letter_pdf = NULL;
  g_autoptr(GBytes) plain_pdf = NULL;
  PopplerDocument *floor_document;
  Letter one;
  Letter *letters;
  guint n_pages = 0;
  double start, harley_s, floor_s;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || renders < 1 || batch < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--renders and --batch must be at least 1");
      return 2;
    }

  letter_init (&one, 0);
  letter_pdf = harley_pdf (&one, &n_pages);
  plain_pdf = floor_pdf (one.plain);
  floor_document = poppler_document_new_from_bytes (plain_pdf, NULL, &error);
  if (floor_document == NULL)
    g_error ("Poppler could not read the floor's PDF: %s", error->message);
  if (n_pages != 2 || poppler_document_get_n_pages (floor_document) != 2)
    g_error ("The letter has %u pages and the floor %d, not 2 each", n_pages,
             poppler_document_get_n_pages (floor_document));
  g_object_unref (floor_document);
  harley_bench_print_count ("letter_pages", n_pages);
  harley_bench_print_count ("letter_text_chars", g_utf8_strlen (one.plain, -1));
  harley_bench_print_count ("letter_pdf_bytes", (gint64) g_bytes_get_size (letter_pdf));
  harley_bench_print_count ("letter_pdf_floor_bytes", (gint64) g_bytes_get_size (plain_pdf));

  /* 1. One letter, in turns with the floor */
  for (int i = 0; i < WARM_UPS + renders; i++)
    {
      g_autoptr(GBytes) a = NULL;
      g_autoptr(GBytes) b = NULL;
      double t0, t1, t2;
      guint pages;

      t0 = harley_bench_now_ms ();
      a = harley_pdf (&one, &pages);
      t1 = harley_bench_now_ms ();
      b = floor_pdf (one.plain);
      t2 = harley_bench_now_ms ();
      if (i >= WARM_UPS)
        {
          add_sample (pdf_ms, (t1 - t0) / pages);
          add_sample (pdf_floor_ms, (t2 - t1) / 2);
        }
    }
  harley_bench_print_timings ("letter_pdf_per_page", pdf_ms);
  harley_bench_print_timings ("letter_pdf_floor_per_page", pdf_floor_ms);

  /* 3. The preview of page 1, in turns with the floor's */
  for (int i = 0; i < WARM_UPS + renders; i++)
    {
      double t0, t1, t2;

      t0 = harley_bench_now_ms ();
      preview (letter_pdf);
      t1 = harley_bench_now_ms ();
      preview (plain_pdf);
      t2 = harley_bench_now_ms ();
      if (i >= WARM_UPS)
        {
          add_sample (preview_ms, t1 - t0);
          add_sample (preview_floor_ms, t2 - t1);
        }
    }
  harley_bench_print_timings ("letter_preview", preview_ms);
  harley_bench_print_timings ("letter_preview_floor", preview_floor_ms);

  /* 2. The batch: the floor's, then Harley's */
  letters = g_new (Letter, batch);
  for (int i = 0; i < batch; i++)
    letter_init (&letters[i], (guint) i);
  start = harley_bench_now_ms ();
  for (int i = 0; i < batch; i++)
    g_bytes_unref (floor_pdf (letters[i].plain));
  floor_s = (harley_bench_now_ms () - start) / 1e3;
  start = harley_bench_now_ms ();
  for (int i = 0; i < batch; i++)
    {
      guint pages;

      g_bytes_unref (harley_pdf (&letters[i], &pages));
      if (pages != 2)
        g_error ("Letter %d has %u pages, not 2", i, pages);
    }
  harley_s = (harley_bench_now_ms () - start) / 1e3;
  harley_bench_print_count ("letter_batch_letters", batch);
  harley_bench_print ("letter_batch_s", harley_s);
  harley_bench_print ("letter_batch_floor_s", floor_s);
  if (batch == 500)
    {
      harley_bench_print ("letter_batch_500_s", harley_s);
      harley_bench_print ("letter_batch_500_floor_s", floor_s);
    }

  for (int i = 0; i < batch; i++)
    letter_clear (&letters[i]);
  g_free (letters);
  letter_clear (&one);
  return 0;
}
