/* card: render a post's social card image from a card template.
 *
 * A renderer parses its template once, draws the layers that do not depend
 * on the post (background, shapes, logos, fixed text) into a cached
 * surface, and per card only copies that surface, lays out and draws the
 * post's text and encodes the result.
 *
 * Threads: a renderer is not thread-safe; give each worker thread its own
 * (card_renderer_new may be called from several threads at once). */
#ifndef FEEDCARD_CARD_H
#define FEEDCARD_CARD_H

#include <stddef.h>
#include <time.h>

#include "imgfmt.h"
#include "template.h"

/* The post data a card can show. Strings are UTF-8, borrowed for the call,
 * and may be NULL (= empty). date 0 and reading_time 0 mean unknown. */
struct card_fields {
	const char *title, *description, *author, *categories /* "a, b" */, *site_title,
		*site_host;
	time_t date;
	int reading_time; /* minutes */
};

/* The fields a template can show: the template's own field bits (what
 * card_key_info reports, and card_stage keys each card by). */
enum card_field {
	CARD_FIELD_TITLE = TEMPLATE_FIELD_TITLE,
	CARD_FIELD_DESCRIPTION = TEMPLATE_FIELD_DESCRIPTION,
	CARD_FIELD_DATE = TEMPLATE_FIELD_DATE,
	CARD_FIELD_AUTHOR = TEMPLATE_FIELD_AUTHOR,
	CARD_FIELD_CATEGORIES = TEMPLATE_FIELD_CATEGORIES,
	CARD_FIELD_SITE_TITLE = TEMPLATE_FIELD_SITE_TITLE,
	CARD_FIELD_SITE_HOST = TEMPLATE_FIELD_SITE_HOST,
	CARD_FIELD_READING_TIME = TEMPLATE_FIELD_READING_TIME,
};

/* Owns a parsed template, its fonts and cached static layers. */
struct card_renderer;

/* Load template_path and prepare to render width x height cards (0, 0 =
 * the template's own size; another aspect ratio centres the template's
 * layout on a background stretched to the full size). Fonts come from the
 * bundled fonts/ folder (see datadir.h), the template's fonts: list and
 * the system. NULL after a diag (template problems at file:line:col).
 * Caller frees with card_renderer_free. */
struct card_renderer *card_renderer_new(const char *template_path, int width, int height);
/* Free a renderer; NULL does nothing. */
void card_renderer_free(struct card_renderer *r);

/* Render one card in fmt, a format cards are written in (imgfmt_encodable;
 * any other is an error); quality 1-100 (JPEG and WebP; PNG ignores it); diag_name names the post in warnings
 * (missing glyphs) and errors, NULL = "card". On success *out (caller
 * frees with free()) and *out_len hold the encoded file and 0 is returned;
 * -1 after a diag. */
int card_render(struct card_renderer *r, const struct card_fields *f, enum imgfmt fmt,
		int quality, const char *diag_name, char **out, size_t *out_len);

/* The output size in pixels. */
void card_renderer_size(const struct card_renderer *r, int *width, int *height);

#endif
