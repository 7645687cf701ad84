/* imgfmt: the image formats feedcard knows, in one table: each format's
 * file extensions, its MIME type and whether cards are written in it (then
 * encode.c has its encoder). A file's format is told by its extension, in
 * any case: "a.JPG" is a JPEG. Part of the core (no image library): the
 * build names and keys cards by it before the module that draws them is
 * loaded. */
#ifndef FEEDCARD_IMGFMT_H
#define FEEDCARD_IMGFMT_H

#include <stdbool.h>

/* The formats cards are written in come first; their numbers are part of
 * every card's cache key (card_key_output), so a new format goes at the
 * end. The others are images a site may have (a post's ogImage), which
 * feedcard copies and serves but does not write. */
enum imgfmt {
	IMGFMT_JPEG,
	IMGFMT_PNG,
	IMGFMT_WEBP,
	IMGFMT_GIF,
	IMGFMT_AVIF,
	IMGFMT_SVG,
	IMGFMT_COUNT /* how many there are; not a format */
};

/* The format an extension names, without its dot ("jpg", "JPEG"): 0 with
 * *fmt set, or -1 (no diag) when no format has it. */
int imgfmt_from_ext(const char *ext, enum imgfmt *fmt);

/* The format a file name or path names by its extension (what follows the
 * last '.' of its last part): 0 with *fmt set, or -1 (no diag) when it has
 * no extension or one no format has. */
int imgfmt_from_name(const char *name, enum imgfmt *fmt);

/* The canonical extension of a format, without the dot ("jpg"); static. */
const char *imgfmt_ext(enum imgfmt fmt);

/* The MIME type of a format ("image/jpeg"); static. */
const char *imgfmt_mime(enum imgfmt fmt);

/* Whether cards are written in fmt (encode_image has its encoder). */
bool imgfmt_encodable(enum imgfmt fmt);

/* The MIME type of a file name by its extension (imgfmt_from_name), or
 * NULL when it names no image format; static. */
const char *imgfmt_mime_of(const char *name);

#endif
