/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-render"

/* A report flowing over A4 pages, for the subject access summary and the
 * retention report. The caller adds blocks (a heading, a paragraph, a
 * table's titles, a row) in order; each is measured and drawn by the
 * same function, given a pen that draws or only measures (as in
 * harley-lab-manifest.c), so what is drawn is what was measured. Sizes
 * are in points; Pango is at 72 dpi. */

#include <glib/gi18n-lib.h>

#include "harley-render-document.h"
#include "harley-render-table.h"
#include "harley-render-util.h"

#define A4_WIDTH       595.276
#define A4_HEIGHT      841.89
#define MARGIN_SIDE    36.0
#define MARGIN_TOP     34.0
#define MARGIN_BOTTOM  28.0
#define PAD_X           2.5
#define PAD_Y           2.5
#define CELL_MAX_LINES 80
#define PARAGRAPH_MAX  1500      /* characters: longer text is cut at a space into paragraphs */

#define FONT_HEADING   "Sans Bold 11"
#define FONT_BODY      "Sans 8.5"
#define FONT_CELL      "Sans 7.5"
#define FONT_COLUMN    "Sans Bold 7"
#define FONT_SMALL     "Sans 7"

typedef enum
{
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_NOTE,
  BLOCK_TITLES,
  BLOCK_ROW,
} BlockKind;

typedef struct
{
  HarleyRenderTable  table;
  char              *titles[HARLEY_RENDER_TABLE_MAX_COLUMNS];
} Table;

typedef struct
{
  BlockKind  kind;
  char      *markup;               /* heading, text, note */
  char     **cells;                /* row */
  Table     *table;                /* titles, row */
} Block;

typedef struct
{
  guint  first;
  guint  n;
  Table *continued;                /* a table going on from the page before */
} Page;

struct _HarleyRenderDocument
{
  HarleyPen   pen;                 /* pen.cr NULL: measure only */
  char       *practice_name;
  char       *contact;
  char       *title;               /* markup */
  char       *subtitle;            /* markup, nullable */
  GPtrArray  *tables;              /* Table */
  GArray     *blocks;              /* Block */
  GArray     *pages;               /* Page */
};

static const HarleyColour * const ink = &_harley_pen_ink;
static const HarleyColour * const quiet = &_harley_pen_quiet;

/* Building {{{1 */

static void
table_free (Table *t)
{
  for (guint i = 0; i < t->table.n_columns; i++)
    g_free (t->titles[i]);
  g_free (t);
}

static void
block_clear (Block *b)
{
  g_free (b->markup);
  g_strfreev (b->cells);
}

HarleyRenderDocument *
_harley_render_document_new (const char *practice_name,
                             const char *practice_address,
                             const char *practice_phone,
                             const char *title,
                             const char *subtitle)
{
  HarleyRenderDocument *doc = g_new0 (HarleyRenderDocument, 1);

  doc->pen.context = _harley_render_new_context (NULL);
  doc->practice_name = practice_name != NULL && practice_name[0] != '\0' ? g_strdup (practice_name) : NULL;
  doc->contact = _harley_render_practice_contact (practice_address, practice_phone);
  doc->title = g_markup_escape_text (title, -1);
  doc->subtitle = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;
  doc->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  doc->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (doc->blocks, (GDestroyNotify) block_clear);
  doc->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  return doc;
}

void
_harley_render_document_free (HarleyRenderDocument *doc)
{
  g_clear_object (&doc->pen.context);
  g_free (doc->practice_name);
  g_free (doc->contact);
  g_free (doc->title);
  g_free (doc->subtitle);
  g_ptr_array_unref (doc->tables);
  g_array_unref (doc->blocks);
  g_array_unref (doc->pages);
  g_free (doc);
}

static void
add_block (HarleyRenderDocument *doc,
           BlockKind             kind,
           char                 *markup)
{
  Block b = { kind, markup, NULL, NULL };

  if (kind == BLOCK_TITLES || kind == BLOCK_ROW)
    b.table = g_ptr_array_index (doc->tables, doc->tables->len - 1);
  g_array_append_val (doc->blocks, b);
}

void
_harley_render_document_heading (HarleyRenderDocument *doc,
                                 const char           *text)
{
  add_block (doc, BLOCK_HEADING, g_markup_escape_text (text, -1));
}

void
_harley_render_document_text (HarleyRenderDocument *doc,
                              const char           *markup)
{
  add_block (doc, BLOCK_TEXT, g_strdup (markup));
}

/* Plain text, a paragraph a line; a long line is cut at a space, so
 * that no paragraph is taller than a page. */
void
_harley_render_document_plain (HarleyRenderDocument *doc,
                               const char           *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *rest = lines[i];

      while (g_utf8_strlen (rest, -1) > PARAGRAPH_MAX)
        {
          const char *cut = g_utf8_offset_to_pointer (rest, PARAGRAPH_MAX);
          const char *space = g_utf8_strrchr (rest, cut - rest, ' ');
          const char *end = space != NULL ? space : cut;

          add_block (doc, BLOCK_TEXT, g_markup_escape_text (rest, end - rest));
          rest = space != NULL ? space + 1 : cut;
        }
      add_block (doc, BLOCK_TEXT, g_markup_escape_text (rest[0] != '\0' ? rest : " ", -1));
    }
}

void
_harley_render_document_note (HarleyRenderDocument *doc,
                              const char           *text)
{
  add_block (doc, BLOCK_NOTE, g_strdup (text));
}

void
_harley_render_document_table (HarleyRenderDocument     *doc,
                               const HarleyRenderColumn *columns,
                               guint                     n_columns)
{
  Table *t = g_new0 (Table, 1);
  double fixed[HARLEY_RENDER_TABLE_MAX_COLUMNS] = { 0 };
  double shares[HARLEY_RENDER_TABLE_MAX_COLUMNS] = { 0 };

  g_return_if_fail (n_columns <= HARLEY_RENDER_TABLE_MAX_COLUMNS);

  t->table = (HarleyRenderTable) { .n_columns = n_columns, .pad_x = PAD_X, .pad_y = PAD_Y };
  for (guint i = 0; i < n_columns; i++)
    {
      t->titles[i] = g_strdup (columns[i].title);
      if (columns[i].widest != NULL)
        fixed[i] = MAX (_harley_pen_text_width (&doc->pen, FONT_CELL, columns[i].widest),
                        _harley_pen_text_width (&doc->pen, FONT_COLUMN, columns[i].title));
      shares[i] = columns[i].share;
    }
  _harley_render_table_set_columns (&t->table, MARGIN_SIDE, A4_WIDTH - 2 * MARGIN_SIDE, fixed, shares);
  g_ptr_array_add (doc->tables, t);
  add_block (doc, BLOCK_TITLES, NULL);
}

/* Takes @cells, markup, one for each of the last table's columns. */
void
_harley_render_document_row (HarleyRenderDocument  *doc,
                             char                 **cells)
{
  add_block (doc, BLOCK_ROW, NULL);
  g_array_index (doc->blocks, Block, doc->blocks->len - 1).cells = cells;
}

/* Drawing {{{1 */

static double
draw_row (HarleyRenderDocument *doc,
          const Block          *b,
          double                y)
{
  const HarleyRenderTable *table = &b->table->table;
  double height = 0;

  for (guint i = 0; i < table->n_columns && b->cells[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = _harley_pen_layout (&doc->pen, FONT_CELL, b->cells[i],
                                                          _harley_render_table_cell_width (table, i), CELL_MAX_LINES);

      height = MAX (height, _harley_render_layout_height (layout));
      _harley_pen_show_layout (&doc->pen, layout, table->edges[i] + PAD_X, y + PAD_Y, ink);
    }
  height += 2 * PAD_Y;
  _harley_render_table_draw_rule (&doc->pen, table, y + height);
  return height;
}

/* Draws or measures @b at @y; returns its height with the room after it. */
static double
draw_block (HarleyRenderDocument *doc,
            const Block          *b,
            double                y)
{
  double width = A4_WIDTH - 2 * MARGIN_SIDE;

  switch (b->kind)
    {
    case BLOCK_HEADING:
      return 10 + _harley_pen_show_text (&doc->pen, FONT_HEADING, b->markup, MARGIN_SIDE, y + 10, width,
                                         PANGO_ALIGN_LEFT, ink) + 4;
    case BLOCK_TEXT:
      return _harley_pen_show_text (&doc->pen, FONT_BODY, b->markup, MARGIN_SIDE, y, width, PANGO_ALIGN_LEFT,
                                    ink) + 2;
    case BLOCK_NOTE:
      return _harley_pen_note (&doc->pen, b->markup, MARGIN_SIDE, y, width);
    case BLOCK_TITLES:
      /* a little room above a table, which a page's top does not need */
      return 6 + _harley_render_table_draw_titles (&doc->pen, &b->table->table, FONT_COLUMN,
                                                   (const char * const *) b->table->titles, y + 6);
    case BLOCK_ROW:
      return draw_row (doc, b, y);
    default:
      g_assert_not_reached ();
    }
}

static double
draw_header (HarleyRenderDocument *doc)
{
  HarleyRenderLetterhead head = {
    .practice_name = doc->practice_name,
    .practice_contact = doc->contact,
    .title = doc->title,
    .subtitle = doc->subtitle,
    .title_share = 0.45,
  };

  return MARGIN_TOP + _harley_render_letterhead_draw (&doc->pen, &head, MARGIN_SIDE, A4_WIDTH - MARGIN_SIDE,
                                                      MARGIN_TOP) + 8;
}

/* Returns the top of the footer's rule. */
static double
draw_footer (HarleyRenderDocument *doc,
             guint                 page_nr)
{
  /* TRANSLATORS: at the foot of every page of a report about patients */
  g_autofree char *confidential = g_markup_printf_escaped ("<b>%s</b>", _("Confidential — patient information."));
  g_autofree char *page = _harley_render_page_of_markup (page_nr, MAX (doc->pages->len, 1));
  double left = MARGIN_SIDE, right = A4_WIDTH - MARGIN_SIDE;
  g_autoptr(PangoLayout) measure = _harley_pen_layout (&doc->pen, FONT_SMALL, page, 0, 0);
  double y = A4_HEIGHT - MARGIN_BOTTOM - _harley_render_layout_height (measure) - 3.5;

  if (doc->pen.cr == NULL)
    return y;
  _harley_pen_line (&doc->pen, left, right, y, 0.5, quiet);
  _harley_pen_show_text (&doc->pen, FONT_SMALL, confidential, left, y + 3.5, (right - left) / 2, PANGO_ALIGN_LEFT,
                         quiet);
  _harley_pen_show_text (&doc->pen, FONT_SMALL, page, left + (right - left) / 2, y + 3.5, (right - left) / 2,
                         PANGO_ALIGN_RIGHT, quiet);
  return y;
}

/* Pagination {{{1 */

/* The height @index needs on its page: a heading or a table's titles
 * bring the block after them along. */
static double
needs (HarleyRenderDocument *doc,
       guint                 index)
{
  const Block *b = &g_array_index (doc->blocks, Block, index);
  double height = draw_block (doc, b, 0);

  if ((b->kind == BLOCK_HEADING || b->kind == BLOCK_TITLES) && index + 1 < doc->blocks->len)
    height += needs (doc, index + 1);
  return height;
}

static void
paginate (HarleyRenderDocument *doc)
{
  double top = draw_header (doc), bottom = draw_footer (doc, 0) - 8, y = top;
  Page page = { 0, 0, NULL };

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *b = &g_array_index (doc->blocks, Block, i);

      if (page.n > 0 && y + needs (doc, i) > bottom)
        {
          g_array_append_val (doc->pages, page);
          page = (Page) { i, 0, b->kind == BLOCK_ROW ? b->table : NULL };
          y = top;
          if (page.continued != NULL)
            y += _harley_render_table_draw_titles (&doc->pen, &page.continued->table, FONT_COLUMN,
                                                   (const char * const *) page.continued->titles, y);
        }
      y += draw_block (doc, b, y);
      page.n++;
    }
  g_array_append_val (doc->pages, page);
}

static void
draw_page (cairo_t  *cr,
           guint     page_nr,
           gpointer  user_data)
{
  HarleyRenderDocument *doc = user_data;
  const Page *page = &g_array_index (doc->pages, Page, page_nr);
  PangoContext *measuring = doc->pen.context;
  double y;

  doc->pen = (HarleyPen) { _harley_render_new_context (cr), cr };
  y = draw_header (doc);
  if (page->continued != NULL)
    y += _harley_render_table_draw_titles (&doc->pen, &page->continued->table, FONT_COLUMN,
                                           (const char * const *) page->continued->titles, y);
  for (guint i = page->first; i < page->first + page->n; i++)
    y += draw_block (doc, &g_array_index (doc->blocks, Block, i), y);
  draw_footer (doc, page_nr);
  g_object_unref (doc->pen.context);
  doc->pen = (HarleyPen) { measuring, NULL };
}

/**
 * _harley_render_document_pdf:
 * @doc: the report
 * @pdf_title: the PDF's title, shown by viewers
 * @n_pages: (out) (optional): how many pages it took
 * @status: (out) (optional): cairo's reason when it fails
 *
 * Returns: (transfer full) (nullable): the PDF, text selectable, with the
 *   part of each font used embedded
 */
GBytes *
_harley_render_document_pdf (HarleyRenderDocument *doc,
                             const char           *pdf_title,
                             guint                *n_pages,
                             cairo_status_t       *status)
{
  cairo_status_t local;

  g_array_set_size (doc->pages, 0);
  paginate (doc);
  if (n_pages != NULL)
    *n_pages = doc->pages->len;
  return _harley_render_pdf_bytes (A4_WIDTH, A4_HEIGHT, pdf_title, doc->pages->len, draw_page, doc,
                                   status != NULL ? status : &local);
}
