/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "harley-store.h"

G_BEGIN_DECLS

/* A person or organisation in the practice's address book. */
typedef enum
{
  HARLEY_CONTACT_GP,
  HARLEY_CONTACT_GP_PRACTICE,
  HARLEY_CONTACT_REFERRER,
  HARLEY_CONTACT_HOSPITAL,
  HARLEY_CONTACT_LABORATORY,
  HARLEY_CONTACT_INSURER,
  HARLEY_CONTACT_OTHER,
  HARLEY_CONTACT_N_KINDS,
} HarleyContactKind;

/* A laboratory's usual turnaround is at most a year. */
#define HARLEY_CONTACT_MAX_TURNAROUND_DAYS 365

#define HARLEY_TYPE_CONTACT (harley_contact_get_type ())

G_DECLARE_FINAL_TYPE (HarleyContact, harley_contact, HARLEY, CONTACT, GObject)

HarleyContact     *harley_contact_new              (HarleyContactKind   kind,
                                                    const char         *name);
gint64             harley_contact_get_id           (HarleyContact      *self);
HarleyContactKind  harley_contact_get_kind         (HarleyContact      *self);
const char        *harley_contact_get_name         (HarleyContact      *self);
gint64             harley_contact_get_organisation_id (HarleyContact   *self);
void               harley_contact_set_organisation_id (HarleyContact   *self,
                                                    gint64              organisation_id);
const char        *harley_contact_get_address_lines (HarleyContact     *self);
const char        *harley_contact_get_post_town    (HarleyContact      *self);
const char        *harley_contact_get_postcode     (HarleyContact      *self);
const char        *harley_contact_get_phone        (HarleyContact      *self);
const char        *harley_contact_get_email        (HarleyContact      *self);
const char        *harley_contact_get_code         (HarleyContact      *self);
int                harley_contact_get_turnaround_days (HarleyContact   *self);
void               harley_contact_set_turnaround_days (HarleyContact   *self,
                                                    int                 days);
gboolean           harley_contact_get_turnaround_working (HarleyContact *self);
void               harley_contact_set_turnaround_working (HarleyContact *self,
                                                    gboolean            working);
const char        *harley_contact_kind_to_string   (HarleyContactKind   kind);
gboolean           harley_contact_kind_from_string (const char         *text,
                                                    HarleyContactKind  *kind);
const char        *harley_contact_kind_label       (HarleyContactKind   kind);

gboolean           harley_contact_save             (HarleyStore        *store,
                                                    HarleyContact      *contact,
                                                    GError            **error);
gboolean           harley_contact_set_archived     (HarleyStore        *store,
                                                    gint64              id,
                                                    gboolean            archived,
                                                    GError            **error);
HarleyContact     *harley_contact_load             (HarleyStore        *store,
                                                    gint64              id,
                                                    GError            **error);
GListModel        *harley_contact_list             (HarleyStore        *store,
                                                    HarleyContactKind   kind,
                                                    GError            **error);

G_END_DECLS
