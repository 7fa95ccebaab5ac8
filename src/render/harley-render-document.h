/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A report that flows over A4 pages (harley-render-document.c): the
 * practice's letterhead and the report's title on every page, then
 * headings, paragraphs and tables in order, "Page n of m" and
 * "Confidential" at the foot. A table's rows never split between pages
 * and its column titles repeat on each page; a heading is never left
 * alone at the foot of a page. */

typedef struct _HarleyRenderDocument HarleyRenderDocument;

/* A table's column: its title, and either a sample of its widest text
 * ("00/00/0000"), which fixes its width, or its share of what is left. */
typedef struct
{
  const char *title;
  const char *widest;
  double      share;
} HarleyRenderColumn;

HarleyRenderDocument *_harley_render_document_new       (const char                *practice_name,
                                                         const char                *practice_address,
                                                         const char                *practice_phone,
                                                         const char                *title,
                                                         const char                *subtitle);
void                  _harley_render_document_free      (HarleyRenderDocument      *doc);
void                  _harley_render_document_heading   (HarleyRenderDocument      *doc,
                                                         const char                *text);
void                  _harley_render_document_text      (HarleyRenderDocument      *doc,
                                                         const char                *markup);
void                  _harley_render_document_plain     (HarleyRenderDocument      *doc,
                                                         const char                *text);
void                  _harley_render_document_note      (HarleyRenderDocument      *doc,
                                                         const char                *text);
void                  _harley_render_document_table     (HarleyRenderDocument      *doc,
                                                         const HarleyRenderColumn  *columns,
                                                         guint                      n_columns);
void                  _harley_render_document_row       (HarleyRenderDocument      *doc,
                                                         char                     **cells);
GBytes               *_harley_render_document_pdf       (HarleyRenderDocument      *doc,
                                                         const char                *pdf_title,
                                                         guint                     *n_pages,
                                                         cairo_status_t            *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyRenderDocument, _harley_render_document_free)

G_END_DECLS
