/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A PDF read back with Poppler as anyone opening it would, for the tests
 * of the clinic list and the clinic letter. */

#include <glib.h>
#include <pango/pangocairo.h>
#include <poppler.h>

G_BEGIN_DECLS

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
