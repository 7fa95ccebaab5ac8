/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-backup.h"
#include "harley-cli.h"

G_BEGIN_DECLS

typedef struct
{
  int         fd;       /* --passphrase-fd, or -1 to ask on the terminal */
  gboolean    twice;    /* a new passphrase: ask again, to catch a slip, and check its length */
  const char *prompt;   /* translated when shown; mark it for translation where it is written */
} HarleyCliSecretSource;

int _harley_cli_read_secret (const HarleyCliSecretSource *source,
                             HarleyBackupSecret          *secret);

G_END_DECLS
