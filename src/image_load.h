/* image_load: read PNG, JPEG, WebP and SVG assets used by card templates.
 *
 * Every asset comes back as a cairo ARGB32 surface already scaled to the
 * size it will be drawn at, so drawing it later is a plain copy. SVGs are
 * rasterised at that size by librsvg, so they stay sharp. */
#ifndef FEEDCARD_IMAGE_LOAD_H
#define FEEDCARD_IMAGE_LOAD_H

#include <cairo.h>

/* How an image fills its box. */
enum image_load_fit {
	IMAGE_LOAD_CONTAIN, /* whole image visible, aspect kept, may leave gaps */
	IMAGE_LOAD_COVER,   /* box filled, aspect kept, overflow to be clipped */
};

/* Load path and scale it to fit a box_w x box_h box (device pixels).
 * The format is taken from the file's magic bytes, not its name. Errors
 * are reported at diag_file:line:col (the template line that names the
 * image). On success *out is an ARGB32 surface (caller destroys) and 0
 * is returned; -1 after a diag. */
int image_load_file(const char *path, double box_w, double box_h, enum image_load_fit fit,
		    const char *diag_file, int line, int col, cairo_surface_t **out);

#endif
