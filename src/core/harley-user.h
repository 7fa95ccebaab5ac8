/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_USER_ERROR (harley_user_error_quark ())

typedef enum
{
  HARLEY_USER_ERROR_WRONG_PASSPHRASE,
  HARLEY_USER_ERROR_WAIT,               /* too many wrong tries: the message says how long */
  HARLEY_USER_ERROR_WEAK_PASSPHRASE,
  HARLEY_USER_ERROR_NAME_TAKEN,
  HARLEY_USER_ERROR_INVALID,
  HARLEY_USER_ERROR_LAST_ADMINISTRATOR,
  HARLEY_USER_ERROR_NOT_FOUND,
} HarleyUserError;

typedef enum
{
  HARLEY_ROLE_SECRETARY,
  HARLEY_ROLE_CLINICIAN,
  HARLEY_ROLE_ADMINISTRATOR,
} HarleyRole;

/* Why a passphrase is being checked: each is recorded differently. */
typedef enum
{
  HARLEY_SIGN_IN_START,     /* signing in: the store acts for this user from now on */
  HARLEY_SIGN_IN_UNLOCK,    /* unlocking: the same user carries on */
  HARLEY_SIGN_IN_CONFIRM,   /* a clinician confirming beside the secretary's desk */
} HarleySignIn;

/* The shortest passphrase taken, in characters. */
#define HARLEY_USER_MIN_PASSPHRASE 8
/* Wrong passphrases in a row before each try must wait. */
#define HARLEY_USER_FREE_TRIES     3

typedef struct
{
  gint64      id;
  char       *name;
  HarleyRole  role;
  gint64      clinician_id;   /* the diary's clinician this user is, or 0 */
  gboolean    archived;
} HarleyUser;

GQuark             harley_user_error_quark       (void);
const char        *harley_role_to_string         (HarleyRole         role);
gboolean           harley_role_from_string       (const char        *text,
                                                  HarleyRole        *role);
const char        *harley_role_label             (HarleyRole         role);

HarleyUser        *harley_user_copy              (const HarleyUser  *user);
void               harley_user_free              (HarleyUser        *user);

gboolean           harley_user_check_passphrase_rules (const char   *name,
                                                  const char        *passphrase,
                                                  GError           **error);
gint64             harley_user_count             (HarleyStore       *store,
                                                  GError           **error);
GPtrArray         *harley_user_list              (HarleyStore       *store,
                                                  gboolean           include_archived,
                                                  GError           **error);
HarleyUser        *harley_user_get               (HarleyStore       *store,
                                                  gint64             id,
                                                  GError           **error);
gint64             harley_user_add               (HarleyStore       *store,
                                                  const char        *name,
                                                  HarleyRole         role,
                                                  const char        *passphrase,
                                                  gint64             clinician_id,
                                                  GError           **error);
gboolean           harley_user_set_passphrase    (HarleyStore       *store,
                                                  gint64             id,
                                                  const char        *passphrase,
                                                  GError           **error);
gboolean           harley_user_set_role          (HarleyStore       *store,
                                                  gint64             id,
                                                  HarleyRole         role,
                                                  gint64             clinician_id,
                                                  GError           **error);
gboolean           harley_user_set_archived      (HarleyStore       *store,
                                                  gint64             id,
                                                  gboolean           archived,
                                                  GError           **error);

HarleyUser        *harley_user_sign_in           (HarleyStore       *store,
                                                  gint64             id,
                                                  const char        *passphrase,
                                                  HarleySignIn       why,
                                                  GError           **error);
void               harley_user_sign_out          (HarleyStore       *store,
                                                  const char        *why);
const HarleyUser  *harley_user_get_signed_in     (HarleyStore       *store);
gboolean           harley_user_signed_in_can     (HarleyStore       *store,
                                                  HarleyRole         role);
gint64             harley_user_seconds_to_wait   (int                failed_tries,
                                                  GDateTime         *last_failed,
                                                  GDateTime         *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyUser, harley_user_free)

G_END_DECLS
