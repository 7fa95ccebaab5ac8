/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-contact.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_ADDRESS_BOOK (harley_address_book_get_type ())

G_DECLARE_FINAL_TYPE (HarleyAddressBook, harley_address_book, HARLEY, ADDRESS_BOOK, GtkWidget)

void           harley_address_book_set_store (HarleyAddressBook *self,
                                              HarleyStore       *store);
void           harley_address_book_show_kind (HarleyAddressBook *self,
                                              HarleyContactKind  kind);
void           harley_address_book_new_entry (HarleyAddressBook *self);
gboolean       harley_address_book_save      (HarleyAddressBook *self,
                                              GError           **error);
GtkEditable   *harley_address_book_get_row   (HarleyAddressBook *self,
                                              const char        *property);
gboolean       harley_address_book_choose_practice (HarleyAddressBook *self,
                                                    gint64             practice_id);
GtkWidget     *harley_address_book_get_turnaround_row (HarleyAddressBook *self);
void           harley_address_book_count_working_days (HarleyAddressBook *self,
                                                       gboolean           working);

G_END_DECLS
