/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-json"

#include "harley-json.h"

/**
 * harley_json_append_string:
 * @out: where to write
 * @text: (nullable): UTF-8 text
 *
 * Appends @text as a JSON string, quotes included, or `null`. Quotes,
 * backslashes and control characters are escaped; other characters are
 * written as UTF-8, except U+2028 and U+2029, which some JSON readers
 * (JavaScript's) take for line ends. Invalid UTF-8 becomes U+FFFD.
 */
void
harley_json_append_string (GString    *out,
                           const char *text)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/**
 * harley_json_append_member:
 * @out: where to write, inside an object
 * @first: (inout): %TRUE before an object's first member; set to %FALSE
 * @name: the member's name
 *
 * Appends a comma unless this is the object's first member, then the
 * member's name and a colon, ready for its value.
 */
void
harley_json_append_member (GString    *out,
                           gboolean   *first,
                           const char *name)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  harley_json_append_string (out, name);
  g_string_append_c (out, ':');
}

/* A member whose value is @text, or null when it is NULL or empty. */
void
harley_json_append_text (GString    *out,
                         gboolean   *first,
                         const char *name,
                         const char *text)
{
  harley_json_append_member (out, first, name);
  harley_json_append_string (out, text != NULL && *text != '\0' ? text : NULL);
}

void
harley_json_append_int (GString    *out,
                        gboolean   *first,
                        const char *name,
                        gint64      value)
{
  harley_json_append_member (out, first, name);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

void
harley_json_append_bool (GString    *out,
                         gboolean   *first,
                         const char *name,
                         gboolean    value)
{
  harley_json_append_member (out, first, name);
  g_string_append (out, value ? "true" : "false");
}
