/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARLEY_LETTER_PDF_ERROR (harley_letter_pdf_error_quark ())

typedef enum
{
  HARLEY_LETTER_PDF_ERROR_IS_DATABASE,   /* the PDF would replace the practice database */
  HARLEY_LETTER_PDF_ERROR_BAD_IMAGE,     /* the scanned signature is not a readable PNG */
  HARLEY_LETTER_PDF_ERROR_FAILED,        /* cairo could not make the PDF */
} HarleyLetterPdfError;

/* Everything printed on a letter, filled in by the caller: the renderer
 * reads no database. Every string is UTF-8 and may be NULL or empty,
 * which leaves its part of the letter out. */
typedef struct
{
  /* The letterhead, from Preferences */
  const char         *practice_name;
  const char         *practice_address;        /* lines separated by \n */
  const char         *practice_phone;
  const char         *practice_email;
  GBytes             *logo_png;                /* nullable; left off if not a readable PNG */

  /* The recipient, shown through a window envelope: name first, then the
   * address lines, the post town and the postcode as the last two lines.
   * Put into Royal Mail style by harley_format_royal_mail_address(). */
  const char * const *address_lines;
  const char         *date;                    /* "24 November 2026" */
  gboolean            private_and_confidential;

  /* The "Re:" block; the name and date of birth head every later page */
  const char         *patient_name;
  const char         *patient_dob;
  const char         *patient_nhs;
  const char         *patient_hospital_number;
  const char         *patient_address;         /* lines separated by \n */

  const char         *body;                    /* Harley letter text */

  /* The signature block */
  const char         *signatory_name;
  const char         *qualifications;
  const char         *gmc_number;
  GBytes             *signature_png;           /* nullable */

  const char * const *cc;                      /* one copy recipient a line, nullable */
  const char         *footer;                  /* under every page, nullable */

  /* The envelope's window, in mm from the paper's top left corner */
  double              window_left_mm;
  double              window_top_mm;
  double              window_width_mm;
  double              window_height_mm;

  /* The practice database, which harley_letter_pdf_write() never
   * replaces; nullable */
  const char         *database;
} HarleyLetterLayout;

GQuark    harley_letter_pdf_error_quark     (void);
void      harley_letter_layout_init         (HarleyLetterLayout        *layout);
GBytes   *harley_letter_pdf_render          (const HarleyLetterLayout  *layout,
                                             guint                     *n_pages,
                                             GError                   **error);
gboolean  harley_letter_pdf_write           (const HarleyLetterLayout  *layout,
                                             const char                *path,
                                             GError                   **error);
GBytes   *harley_letter_calibration_render  (const HarleyLetterLayout  *layout,
                                             GError                   **error);
char    **harley_format_royal_mail_address  (const char * const        *lines);

G_END_DECLS
