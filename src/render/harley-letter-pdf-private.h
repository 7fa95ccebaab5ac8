/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "harley-letter-pdf.h"

G_BEGIN_DECLS

typedef enum
{
  HARLEY_LETTER_BLOCK_PARAGRAPH,
  HARLEY_LETTER_BLOCK_HEADING,
  HARLEY_LETTER_BLOCK_ITEM,        /* one "- " list item */
} HarleyLetterBlockKind;

/* One block of Harley letter text, its inline marks as Pango markup. */
typedef struct
{
  HarleyLetterBlockKind  kind;
  char                  *markup;
} HarleyLetterBlock;

#define MM (72.0 / 25.4)

/* A4 in points */
#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

/* harley-letter-pdf-text.c: Harley letter text into blocks, in order */
GArray *_harley_letter_text_parse (const char *text);

/* harley-letter-pdf-layout.c: a letter laid out on A4 pages */
typedef struct _HarleyLetterPages HarleyLetterPages;

HarleyLetterPages *_harley_letter_pages_new   (const HarleyLetterLayout  *in,
                                               GError                   **error);
void               _harley_letter_pages_free  (HarleyLetterPages         *pages);
guint              _harley_letter_pages_count (HarleyLetterPages         *pages);
void               _harley_letter_pages_draw  (HarleyLetterPages         *pages,
                                               cairo_t                   *cr,
                                               guint                      page);
void               _harley_letter_pages_draw_calibration (HarleyLetterPages *pages,
                                                          cairo_t           *cr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyLetterPages, _harley_letter_pages_free)

G_END_DECLS
