/* cardkey: cache keys of card templates (see cardkey.c). */
#ifndef FEEDCARD_CARDKEY_H
#define FEEDCARD_CARDKEY_H

#include "template.h"

/* The key of a template rendered at width x height: its file, images, its
 * fonts and every file of fonts_dir (may be NULL), the renderer module, the
 * system font folders (by their stats), and the size. */
unsigned long long cardkey_template(const struct template *tpl, int width, int height,
				    const char *fonts_dir);
/* A template key combined with an output format ("jpg", "png", "webp") and quality. */
unsigned long long cardkey_output(unsigned long long key, const char *format, int quality);
/* The template key (cardkey_template) and the fields a renderer of this
 * template at width x height would have, without preparing one (no fonts
 * are loaded, nothing is drawn): the cheap check of an incremental build.
 * Combine the key with a format and quality with cardkey_output. Returns 0,
 * or -1 after a diag (template problems at file:line:col). */
int cardkey_info(const char *template_path, int width, int height, unsigned long long *key,
		 unsigned *fields);
/* The bundled fonts folder, or NULL when there is none. Caller frees. */
char *cardkey_fonts_dir(void);

#endif
