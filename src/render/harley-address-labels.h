/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARLEY_ADDRESS_LABELS_ERROR (harley_address_labels_error_quark ())

typedef enum
{
  HARLEY_ADDRESS_LABELS_ERROR_FAILED,   /* cairo could not make the PDF */
} HarleyAddressLabelsError;

/* Labels on one A4 sheet (Avery L7160 / J8160 and their like): 3 across,
 * 7 down, numbered from 0 left to right, then top to bottom. */
#define HARLEY_ADDRESS_LABELS_PER_SHEET 21

GQuark   harley_address_labels_error_quark (void);
GBytes  *harley_address_labels_render      (const char * const * const  *addresses,
                                            guint                        n_addresses,
                                            guint                        first_label,
                                            GError                     **error);
GBytes  *harley_dl_envelopes_render        (const char * const * const  *addresses,
                                            guint                        n,
                                            const char                  *return_address,
                                            GError                     **error);

G_END_DECLS
