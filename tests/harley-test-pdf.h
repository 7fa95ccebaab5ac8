/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A PDF read back with Poppler as anyone opening it would, for the tests
 * of the clinic list, the letter, the labels and the manifest. */

#include <string.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <poppler.h>

G_BEGIN_DECLS

/* Points in a millimetre */
#define HARLEY_TEST_MM (72.0 / 25.4)

/* Reading back {{{1 */

/* Poppler 22.12 has no g_autoptr for its own types, hence this. */
typedef struct
{
  PopplerDocument *document;
  GPtrArray       *pages;     /* PopplerPage, kept: each reads its text once */
  int              n_pages;
} HarleyTestPdf;

/* A piece of text found on a page, from the paper's top left. */
typedef struct
{
  double left, top, right, bottom;
} HarleyTestBox;

static inline void
harley_test_pdf_free (HarleyTestPdf *pdf)
{
  g_ptr_array_unref (pdf->pages);
  g_object_unref (pdf->document);
  g_free (pdf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyTestPdf, harley_test_pdf_free)

/* Takes @document. */
static inline HarleyTestPdf *
harley_test_pdf_new (PopplerDocument *document)
{
  HarleyTestPdf *pdf = g_new0 (HarleyTestPdf, 1);

  pdf->document = document;
  pdf->n_pages = poppler_document_get_n_pages (document);
  pdf->pages = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < pdf->n_pages; i++)
    g_ptr_array_add (pdf->pages, poppler_document_get_page (document, i));
  return pdf;
}

/* @bytes stay the caller's. */
static inline HarleyTestPdf *
harley_test_pdf_open_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return harley_test_pdf_new (document);
}

static inline HarleyTestPdf *
harley_test_pdf_open_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return harley_test_pdf_new (document);
}

static inline PopplerPage *
harley_test_pdf_page (HarleyTestPdf *pdf,
                      int            index)
{
  g_assert_cmpint (index, <, pdf->n_pages);
  return g_ptr_array_index (pdf->pages, index);
}

/* Where @part is on a page (HarleyTestBox), in points divided by @unit,
 * each match whole: a match over two lines (a long name in its column)
 * grows to take both. */
static inline GArray *
harley_test_pdf_find_on_page (HarleyTestPdf *pdf,
                              int            index,
                              const char    *part,
                              double         unit)
{
  PopplerPage *page = harley_test_pdf_page (pdf, index);
  GList *found = poppler_page_find_text_with_options (page, part, POPPLER_FIND_CASE_SENSITIVE
                                                                  | POPPLER_FIND_MULTILINE);
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (HarleyTestBox));
  gboolean continues = FALSE;
  double width, height;

  poppler_page_get_size (page, &width, &height);
  for (GList *l = found; l != NULL; l = l->next)
    {
      PopplerRectangle *r = l->data;
      HarleyTestBox box = { MIN (r->x1, r->x2) / unit, (height - MAX (r->y1, r->y2)) / unit,
                            MAX (r->x1, r->x2) / unit, (height - MIN (r->y1, r->y2)) / unit };

      if (continues)
        {
          HarleyTestBox *last = &g_array_index (boxes, HarleyTestBox, boxes->len - 1);

          last->left = MIN (last->left, box.left);
          last->right = MAX (last->right, box.right);
          last->bottom = MAX (last->bottom, box.bottom);
        }
      else
        g_array_append_val (boxes, box);
      continues = poppler_rectangle_find_get_match_continued (r);
    }
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return boxes;
}

/* Every page is @width × @height mm. */
static inline void
harley_test_pdf_assert_size_mm (HarleyTestPdf *pdf,
                                double         width,
                                double         height)
{
  for (int i = 0; i < pdf->n_pages; i++)
    {
      double points_wide, points_high;

      poppler_page_get_size (harley_test_pdf_page (pdf, i), &points_wide, &points_high);
      g_assert_cmpfloat_with_epsilon (points_wide / HARLEY_TEST_MM, width, 0.1);
      g_assert_cmpfloat_with_epsilon (points_high / HARLEY_TEST_MM, height, 0.1);
    }
}

/* Where @part is, once, on a page, in points divided by @unit; fails
 * the test if it is not there once. */
static inline HarleyTestBox
harley_test_pdf_find_once (HarleyTestPdf *pdf,
                           int            index,
                           const char    *part,
                           double         unit)
{
  g_autoptr(GArray) boxes = harley_test_pdf_find_on_page (pdf, index, part, unit);

  if (boxes->len != 1)
    g_error ("“%s” is %u times on page %d, not once", part, boxes->len, index + 1);
  return g_array_index (boxes, HarleyTestBox, 0);
}

/* Every glyph on a page (HarleyTestBox), in points divided by @unit from
 * the top left; blanks left out. */
static inline GArray *
harley_test_pdf_glyph_boxes (HarleyTestPdf *pdf,
                             int            index,
                             double         unit)
{
  PopplerPage *page = harley_test_pdf_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (HarleyTestBox));
  const char *c = text;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  for (guint i = 0; i < n_rects && *c != '\0'; i++, c = g_utf8_next_char (c))
    {
      HarleyTestBox box = { MIN (rects[i].x1, rects[i].x2) / unit, MIN (rects[i].y1, rects[i].y2) / unit,
                            MAX (rects[i].x1, rects[i].x2) / unit, MAX (rects[i].y1, rects[i].y2) / unit };

      if (!g_unichar_isspace (g_utf8_get_char (c)))
        g_array_append_val (boxes, box);
    }
  g_free (rects);
  return boxes;
}

/* @text without its spaces and bidi marks, which Poppler puts into
 * right-to-left text where it likes. */
static inline char *
harley_test_pdf_squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (!g_unichar_isspace (u) && g_unichar_type (u) != G_UNICODE_FORMAT)
        g_string_append_unichar (out, u);
    }
  return g_string_free (out, FALSE);
}

/* Whether @part is on a page, spaces and bidi marks aside: text in any
 * script, as anyone could search or copy it. */
static inline gboolean
harley_test_pdf_has_text (HarleyTestPdf *pdf,
                          int            index,
                          const char    *part)
{
  g_autofree char *text = poppler_page_get_text (harley_test_pdf_page (pdf, index));
  g_autofree char *page = harley_test_pdf_squeeze (text);
  g_autofree char *wanted = harley_test_pdf_squeeze (part);
  g_autofree char *backwards = g_utf8_strreverse (wanted, -1);

  /* Right-to-left text may come out in the order it is drawn */
  return strstr (page, wanted) != NULL || strstr (page, backwards) != NULL;
}

/* Every font the PDF uses is embedded, as a subset, and there are
 * @at_least of them. */
static inline void
harley_test_pdf_assert_fonts_embedded (HarleyTestPdf *pdf,
                                       guint          at_least)
{
  PopplerFontInfo *info = poppler_font_info_new (pdf->document);
  PopplerFontsIter *iter = NULL;
  guint n_fonts = 0;

  while (poppler_font_info_scan (info, pdf->n_pages, &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          g_test_message ("%s", poppler_fonts_iter_get_name (iter));
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          g_assert_true (poppler_fonts_iter_is_subset (iter));
          n_fonts++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  poppler_font_info_free (info);
  g_assert_cmpuint (n_fonts, >=, at_least);
}

static inline guint
harley_test_pdf_count_on_page (HarleyTestPdf *pdf,
                               int            index,
                               const char    *part)
{
  g_autoptr(GArray) boxes = harley_test_pdf_find_on_page (pdf, index, part, 1.0);

  return boxes->len;
}

static inline guint
harley_test_pdf_count (HarleyTestPdf *pdf,
                       const char    *part)
{
  guint n = 0;

  for (int i = 0; i < pdf->n_pages; i++)
    n += harley_test_pdf_count_on_page (pdf, i, part);
  return n;
}

/* Sheets of labels {{{1 */

/* A sheet of labels, in mm as printed on its packet: the tests' own
 * figures, not the renderer's. */
typedef struct
{
  double left, top;          /* the first label's top left */
  double width, height;
  double pitch_x, pitch_y;   /* from one label to the next */
  guint  columns;
  guint  per_sheet;
  double slack;              /* glyph boxes are the font's, a little taller than the ink */
} HarleyTestSheet;

static inline gboolean
harley_test_box_is_inside (const HarleyTestBox *in,
                           const HarleyTestBox *outer,
                           double               slack)
{
  return in->left >= outer->left - slack && in->right <= outer->right + slack
         && in->top >= outer->top - slack && in->bottom <= outer->bottom + slack;
}

static inline HarleyTestBox
harley_test_label_rect (const HarleyTestSheet *sheet,
                        guint                  label)
{
  HarleyTestBox box = { sheet->left + (label % sheet->columns) * sheet->pitch_x,
                        sheet->top + (label / sheet->columns) * sheet->pitch_y, 0, 0 };

  box.right = box.left + sheet->width;
  box.bottom = box.top + sheet->height;
  return box;
}

/* The label @box is on, or -1. */
static inline int
harley_test_label_of (const HarleyTestSheet *sheet,
                      const HarleyTestBox   *box)
{
  for (guint label = 0; label < sheet->per_sheet; label++)
    {
      HarleyTestBox rect = harley_test_label_rect (sheet, label);

      if (harley_test_box_is_inside (box, &rect, sheet->slack))
        return label;
    }
  return -1;
}

/* Each glyph on page @index (the PDF in points) is inside a label from
 * @first to @last. */
static inline void
harley_test_assert_glyphs_in_labels (const HarleyTestSheet *sheet,
                                     HarleyTestPdf         *pdf,
                                     int                    index,
                                     guint                  first,
                                     guint                  last)
{
  g_autoptr(GArray) boxes = harley_test_pdf_glyph_boxes (pdf, index, HARLEY_TEST_MM);

  g_assert_cmpuint (boxes->len, >, 0);
  for (guint i = 0; i < boxes->len; i++)
    {
      HarleyTestBox *box = &g_array_index (boxes, HarleyTestBox, i);
      int label = harley_test_label_of (sheet, box);

      if (label < (int) first || label > (int) last)
        g_error ("A glyph at %.1f, %.1f mm on page %d is not in a label in use", box->left, box->top, index + 1);
    }
}

/* Fonts {{{1 */

/* Whether any installed font draws @c, as fontconfig's fallback finds it. */
static inline gboolean
harley_test_have_font_for (gunichar c)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoFontDescription *sans = pango_font_description_from_string ("Sans 10");
  PangoFontset *fonts = pango_context_load_fontset (context, sans, pango_language_from_string ("zh-cn"));
  PangoFont *font = pango_fontset_get_font (fonts, c);
  gboolean found = pango_font_has_char (font, c);

  g_object_unref (font);
  g_object_unref (fonts);
  pango_font_description_free (sans);
  g_object_unref (context);
  return found;
}

G_END_DECLS
