/* card_key: cache keys of card templates (see card_key.c). */
#ifndef FEEDCARD_CARD_KEY_H
#define FEEDCARD_CARD_KEY_H

#include "imgfmt.h"
#include "template.h"

/* The key of a template rendered at width x height: its file, images, its
 * fonts and every file of fonts_dir (may be NULL), the renderer module, the
 * system font folders (by their stats), and the size. */
unsigned long long card_key_template(const struct template *tpl, int width, int height,
				     const char *fonts_dir);
/* A template key combined with an output format and quality; the format
 * by its number in enum imgfmt, so that keys stay as they were. */
unsigned long long card_key_output(unsigned long long key, enum imgfmt fmt, int quality);
/* The template key (card_key_template) and the fields a renderer of this
 * template at width x height would have, without preparing one (no fonts
 * are loaded, nothing is drawn): the cheap check of an incremental build.
 * Combine the key with a format and quality with card_key_output. Returns 0,
 * or -1 after a diag (template problems at file:line:col). */
int card_key_info(const char *template_path, int width, int height, unsigned long long *key,
		  unsigned *fields);

#endif
