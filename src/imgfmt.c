/* imgfmt: the table of image formats; see imgfmt.h. */
#include "imgfmt.h"

#include <string.h>
#include <strings.h>

/* One row per format, in enum order; the first extension is canonical. */
static const struct imgfmt_row {
	const char *ext[3]; /* NULL-terminated */
	const char *mime;
	bool encodable;
} imgfmt_table[IMGFMT_COUNT] = {
	[IMGFMT_JPEG] = { { "jpg", "jpeg", NULL }, "image/jpeg", true },
	[IMGFMT_PNG] = { { "png", NULL }, "image/png", true },
	[IMGFMT_WEBP] = { { "webp", NULL }, "image/webp", true },
	[IMGFMT_GIF] = { { "gif", NULL }, "image/gif", false },
	[IMGFMT_AVIF] = { { "avif", NULL }, "image/avif", false },
	[IMGFMT_SVG] = { { "svg", NULL }, "image/svg+xml", false },
};

int imgfmt_from_ext(const char *ext, enum imgfmt *fmt)
{
	for (int f = 0; f < IMGFMT_COUNT; f++)
		for (const char *const *e = imgfmt_table[f].ext; *e; e++)
			if (strcasecmp(ext, *e) == 0) {
				*fmt = (enum imgfmt)f;
				return 0;
			}
	return -1;
}

int imgfmt_from_name(const char *name, enum imgfmt *fmt)
{
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash : name, '.');
	return dot ? imgfmt_from_ext(dot + 1, fmt) : -1;
}

const char *imgfmt_ext(enum imgfmt fmt)
{
	return imgfmt_table[fmt].ext[0];
}

const char *imgfmt_mime(enum imgfmt fmt)
{
	return imgfmt_table[fmt].mime;
}

bool imgfmt_encodable(enum imgfmt fmt)
{
	return imgfmt_table[fmt].encodable;
}

const char *imgfmt_mime_of(const char *name)
{
	enum imgfmt fmt;
	return imgfmt_from_name(name, &fmt) == 0 ? imgfmt_mime(fmt) : NULL;
}
