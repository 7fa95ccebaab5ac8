/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARLEY_VALIDATE_ERROR (harley_validate_error_quark ())

typedef enum
{
  HARLEY_VALIDATE_ERROR_REQUIRED,
  HARLEY_VALIDATE_ERROR_INVALID,
  HARLEY_VALIDATE_ERROR_FUTURE,
} HarleyValidateError;

GQuark    harley_validate_error_quark   (void);

gboolean  harley_validate_nhs_number    (const char     *input,
                                         char          **normalised,
                                         GError        **error);
char     *harley_format_nhs_number      (const char     *digits);

gboolean  harley_parse_date             (const char     *input,
                                         GDate          *out,
                                         GError        **error);
gboolean  harley_validate_date_of_birth (const char     *input,
                                         const GDate    *today,
                                         char          **iso,
                                         GError        **error);
char     *harley_format_date            (const char     *iso);
char     *harley_format_gdate           (const GDate    *date);
char     *harley_format_gdate_iso       (const GDate    *date);
char     *harley_format_date_time       (GDateTime      *dt);
int       harley_age_on                 (const char     *iso_dob,
                                         const GDate    *on);

gboolean  harley_validate_postcode      (const char     *input,
                                         char          **normalised,
                                         GError        **error);

gboolean  harley_validate_phone         (const char     *input,
                                         char          **normalised,
                                         GError        **error);
char     *harley_phone_digits           (const char     *input);

gboolean  harley_validate_email         (const char     *input,
                                         char          **normalised,
                                         GError        **error);

char     *harley_fold_for_search        (const char     *text);
char     *harley_compact_identifier     (const char     *text);

GTimeZone *harley_london_time_zone (void);

G_END_DECLS
