/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter"

/* Where the window envelope's address window is, kept as four practice
 * details so that every letter puts the address where the envelope shows
 * it. The values are written as text with a full stop for the decimal
 * point, whatever the computer's language, and read back the same way. */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "harley-letter.h"

/* A4 in mm: the window must lie on the sheet */
#define A4_WIDTH_MM  210.0
#define A4_HEIGHT_MM 297.0

enum { LEFT, TOP, WIDTH, HEIGHT, N_SIDES };

static const char * const box_keys[N_SIDES] = {
  [LEFT] = "window_left_mm",
  [TOP] = "window_top_mm",
  [WIDTH] = "window_width_mm",
  [HEIGHT] = "window_height_mm",
};

static const double box_defaults[N_SIDES] = {
  [LEFT] = HARLEY_LETTER_WINDOW_LEFT_MM,
  [TOP] = HARLEY_LETTER_WINDOW_TOP_MM,
  [WIDTH] = HARLEY_LETTER_WINDOW_WIDTH_MM,
  [HEIGHT] = HARLEY_LETTER_WINDOW_HEIGHT_MM,
};

static gboolean
box_fits (const double box[N_SIDES])
{
  for (guint i = 0; i < N_SIDES; i++)
    if (!isfinite (box[i]) || box[i] < 0)
      return FALSE;
  return box[WIDTH] > 0 && box[HEIGHT] > 0
         && box[LEFT] + box[WIDTH] <= A4_WIDTH_MM && box[TOP] + box[HEIGHT] <= A4_HEIGHT_MM;
}

/* One value as stored, or -1 if it is missing or not a number of mm on
 * the sheet */
static double
read_mm (HarleyStore *store,
         guint        side)
{
  g_autofree char *text = harley_store_get_practice_detail (store, box_keys[side]);
  double page = side == LEFT || side == WIDTH ? A4_WIDTH_MM : A4_HEIGHT_MM;
  char *end = NULL;
  double value;

  if (text == NULL || *g_strstrip (text) == '\0')
    return -1;
  value = g_ascii_strtod (text, &end);
  if (*end != '\0' || !isfinite (value) || value < 0 || value > page)
    return -1;
  if ((side == WIDTH || side == HEIGHT) && value == 0)
    return -1;
  return value;
}

/**
 * harley_letter_window_box_load:
 * @store: the practice database
 * @left: (out): the window's left edge, in mm from the paper's left
 * @top: (out): its top edge, in mm from the paper's top
 * @width: (out): its width in mm
 * @height: (out): its height in mm
 *
 * Reads where the envelope's window is, as set in Preferences. A value
 * missing or not a number gives way to the usual one
 * (%HARLEY_LETTER_WINDOW_LEFT_MM …); a window that would not lie on an A4
 * sheet gives way to the usual window.
 */
void
harley_letter_window_box_load (HarleyStore *store,
                               double      *left,
                               double      *top,
                               double      *width,
                               double      *height)
{
  double box[N_SIDES];

  g_return_if_fail (HARLEY_IS_STORE (store));
  g_return_if_fail (left != NULL && top != NULL && width != NULL && height != NULL);

  for (guint i = 0; i < N_SIDES; i++)
    if ((box[i] = read_mm (store, i)) < 0)
      box[i] = box_defaults[i];
  if (!box_fits (box))
    memcpy (box, box_defaults, sizeof box);
  *left = box[LEFT];
  *top = box[TOP];
  *width = box[WIDTH];
  *height = box[HEIGHT];
}

/* "20", "20.5": to a tenth of a mm, more than a printer keeps to */
static void
format_mm (char   *buffer,
           gsize   size,
           double  value)
{
  gsize length;

  g_ascii_formatd (buffer, size, "%.1f", round (value * 10.) / 10.);
  length = strlen (buffer);
  if (length > 2 && g_str_has_suffix (buffer, ".0"))
    buffer[length - 2] = '\0';
}

/**
 * harley_letter_window_box_save:
 * @store: the practice database
 * @left: the window's left edge, in mm from the paper's left
 * @top: its top edge, in mm from the paper's top
 * @width: its width in mm
 * @height: its height in mm
 * @error: where to put a failure; %HARLEY_LETTER_ERROR_INVALID for a
 *   window that would not lie on an A4 sheet
 *
 * Keeps where the envelope's window is, all four values in one
 * transaction, to a tenth of a millimetre.
 *
 * Returns: %TRUE if it was saved; if not, nothing was written
 */
gboolean
harley_letter_window_box_save (HarleyStore  *store,
                               double        left,
                               double        top,
                               double        width,
                               double        height,
                               GError      **error)
{
  const double box[N_SIDES] = { left, top, width, height };
  char text[N_SIDES][G_ASCII_DTOSTR_BUF_SIZE];
  const char *values[N_SIDES];

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!box_fits (box))
    {
      g_set_error_literal (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                           _("The envelope's window must lie on an A4 sheet, 210 by 297 mm: "
                             "check its place and size."));
      return FALSE;
    }
  for (guint i = 0; i < N_SIDES; i++)
    {
      format_mm (text[i], sizeof text[i], box[i]);
      values[i] = text[i];
    }
  return harley_store_set_practice_details (store, box_keys, values, N_SIDES, error);
}
