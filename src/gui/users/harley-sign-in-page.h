/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-user.h"

G_BEGIN_DECLS

typedef enum
{
  HARLEY_SIGN_IN_PAGE_FIRST_RUN,  /* nobody uses Harley yet: make the first user */
  HARLEY_SIGN_IN_PAGE_SIGN_IN,    /* choose your name, type your passphrase */
  HARLEY_SIGN_IN_PAGE_LOCKED,     /* only the signed-in user can unlock */
} HarleySignInPageMode;

#define HARLEY_TYPE_SIGN_IN_PAGE (harley_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (HarleySignInPage, harley_sign_in_page, HARLEY, SIGN_IN_PAGE, GtkBox)

HarleySignInPage     *harley_sign_in_page_new            (HarleyStore          *store,
                                                          HarleySignInPageMode  mode);
HarleySignInPageMode  harley_sign_in_page_get_mode       (HarleySignInPage     *self);
gboolean              harley_sign_in_page_choose_user    (HarleySignInPage     *self,
                                                          const char           *name);
GtkEditable          *harley_sign_in_page_get_entry      (HarleySignInPage     *self,
                                                          const char           *which);
const char           *harley_sign_in_page_get_message    (HarleySignInPage     *self);

G_END_DECLS
