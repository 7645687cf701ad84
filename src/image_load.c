/* image_load: PNG (cairo's libpng reader), JPEG (libjpeg), WebP (libwebp)
 * and SVG (librsvg); see image_load.h. */
#include "image_load.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <librsvg/rsvg.h>
#include <webp/decode.h>

#include "diag.h"
#include "fsin.h"
#include "xalloc.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define IMAGE_LOAD_BIG_ENDIAN 1
#else
#define IMAGE_LOAD_BIG_ENDIAN 0
#endif

/* Assets larger than this are refused rather than decoded. */
#define IMAGE_LOAD_MAX_BYTES (64u << 20)
#define IMAGE_LOAD_MAX_SIDE 16384

struct image_load_where {
	const char *file;
	int line, col;
	const char *path;
};

/* ===== JPEG ===== */

struct image_load_jpeg_err {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
};

static void image_load_jpeg_error_exit(j_common_ptr cinfo)
{
	struct image_load_jpeg_err *err = (struct image_load_jpeg_err *)cinfo->err;
	err->mgr.format_message(cinfo, err->message);
	longjmp(err->jump, 1);
}

static void image_load_jpeg_silent(j_common_ptr cinfo)
{
	(void)cinfo;
}

static cairo_surface_t *image_load_jpeg(const unsigned char *data, size_t len,
					const struct image_load_where *w)
{
	struct jpeg_decompress_struct d;
	struct image_load_jpeg_err err;
	cairo_surface_t *volatile surface = NULL;
	d.err = jpeg_std_error(&err.mgr);
	err.mgr.error_exit = image_load_jpeg_error_exit;
	err.mgr.output_message = image_load_jpeg_silent;
	if (setjmp(err.jump)) {
		jpeg_destroy_decompress(&d);
		if (surface)
			cairo_surface_destroy(surface);
		diag_error(w->file, w->line, w->col, "cannot decode JPEG image %s: %s", w->path,
			   err.message);
		return NULL;
	}
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, data, (unsigned long)len);
	jpeg_read_header(&d, TRUE);
	d.out_color_space = IMAGE_LOAD_BIG_ENDIAN ? JCS_EXT_XRGB : JCS_EXT_BGRX;
	jpeg_start_decompress(&d);
	if (d.output_width > IMAGE_LOAD_MAX_SIDE || d.output_height > IMAGE_LOAD_MAX_SIDE) {
		snprintf(err.message, sizeof err.message, "image is larger than %d pixels",
			 IMAGE_LOAD_MAX_SIDE);
		longjmp(err.jump, 1);
	}
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)d.output_width,
							(int)d.output_height);
	surface = s;
	unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	while (d.output_scanline < d.output_height) {
		JSAMPROW row = px + (size_t)d.output_scanline * (size_t)stride;
		jpeg_read_scanlines(&d, &row, 1);
	}
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	cairo_surface_mark_dirty(s);
	return s;
}

/* ===== WebP ===== */

static cairo_surface_t *image_load_webp(const unsigned char *data, size_t len,
					const struct image_load_where *w)
{
	int width, height;
	if (!WebPGetInfo(data, len, &width, &height) || width > IMAGE_LOAD_MAX_SIDE ||
	    height > IMAGE_LOAD_MAX_SIDE) {
		diag_error(w->file, w->line, w->col, "cannot decode WebP image %s", w->path);
		return NULL;
	}
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
	unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	size_t size = (size_t)stride * (size_t)height;
	uint8_t *ok = IMAGE_LOAD_BIG_ENDIAN ? WebPDecodeARGBInto(data, len, px, size, stride)
					    : WebPDecodeBGRAInto(data, len, px, size, stride);
	if (!ok) {
		cairo_surface_destroy(s);
		diag_error(w->file, w->line, w->col, "cannot decode WebP image %s", w->path);
		return NULL;
	}
	/* cairo wants premultiplied alpha. */
	for (int y = 0; y < height; y++) {
		uint32_t *row = (uint32_t *)(void *)(px + (size_t)y * (size_t)stride);
		for (int x = 0; x < width; x++) {
			uint32_t p = row[x], a = p >> 24;
			if (a == 255)
				continue;
			uint32_t r = ((p >> 16) & 255) * a / 255, g = ((p >> 8) & 255) * a / 255,
				 b = (p & 255) * a / 255;
			row[x] = a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

/* ===== PNG ===== */

struct image_load_reader {
	const unsigned char *data;
	size_t len, pos;
};

static cairo_status_t image_load_png_read(void *closure, unsigned char *buf, unsigned int n)
{
	struct image_load_reader *r = closure;
	if (r->len - r->pos < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(buf, r->data + r->pos, n);
	r->pos += n;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *image_load_png(const unsigned char *data, size_t len,
				       const struct image_load_where *w)
{
	struct image_load_reader r = { data, len, 0 };
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(image_load_png_read, &r);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		diag_error(w->file, w->line, w->col, "cannot decode PNG image %s: %s", w->path,
			   cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

/* ===== scaling ===== */

/* Scale factor that makes a sw x sh image contain in / cover a bw x bh box. */
static double image_load_scale(double sw, double sh, double bw, double bh, enum image_load_fit fit)
{
	double sx = bw / sw, sy = bh / sh;
	return fit == IMAGE_LOAD_COVER ? fmax(sx, sy) : fmin(sx, sy);
}

/* The pixel size of a sw x sh image fitted to the box: at least 1x1. */
static void image_load_size(double sw, double sh, double box_w, double box_h,
			    enum image_load_fit fit, int *dw, int *dh)
{
	double k = image_load_scale(sw, sh, box_w, box_h, fit);
	*dw = (int)lround(sw * k);
	*dh = (int)lround(sh * k);
	if (*dw < 1)
		*dw = 1;
	if (*dh < 1)
		*dh = 1;
}

static cairo_surface_t *image_load_scaled(cairo_surface_t *src, double box_w, double box_h,
					  enum image_load_fit fit)
{
	double sw = cairo_image_surface_get_width(src), sh = cairo_image_surface_get_height(src);
	int dw, dh;
	image_load_size(sw, sh, box_w, box_h, fit, &dw, &dh);
	cairo_surface_t *dst = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, dw, dh);
	cairo_t *cr = cairo_create(dst);
	cairo_scale(cr, dw / sw, dh / sh);
	cairo_set_source_surface(cr, src, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
	cairo_paint(cr);
	cairo_destroy(cr);
	return dst;
}

static cairo_surface_t *image_load_svg(const unsigned char *data, size_t len, double box_w,
				       double box_h, enum image_load_fit fit,
				       const struct image_load_where *w)
{
	GError *err = NULL;
	RsvgHandle *h = rsvg_handle_new_from_data(data, len, &err);
	if (!h) {
		diag_error(w->file, w->line, w->col, "cannot read SVG image %s: %s", w->path,
			   err ? err->message : "unknown error");
		if (err)
			g_error_free(err);
		return NULL;
	}
	double sw = 0, sh = 0;
	if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &sw, &sh) || sw <= 0 || sh <= 0) {
		/* No width/height: fall back to the viewBox's aspect via the
		 * document's own rendering of the box. */
		sw = box_w;
		sh = box_h;
	}
	int dw, dh;
	image_load_size(sw, sh, box_w, box_h, fit, &dw, &dh);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, dw, dh);
	cairo_t *cr = cairo_create(s);
	RsvgRectangle vp = { 0, 0, dw, dh };
	gboolean ok = rsvg_handle_render_document(h, cr, &vp, &err);
	cairo_destroy(cr);
	g_object_unref(h);
	if (!ok) {
		diag_error(w->file, w->line, w->col, "cannot render SVG image %s: %s", w->path,
			   err ? err->message : "unknown error");
		if (err)
			g_error_free(err);
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

int image_load_file(const char *path, double box_w, double box_h, enum image_load_fit fit,
		    const char *diag_file, int line, int col, cairo_surface_t **out)
{
	struct image_load_where w = { diag_file, line, col, path };
	char *data = NULL;
	size_t len = 0;
	cairo_surface_t *raw = NULL;
	int rc = -1;
	/* fsin_read_file names only the file; say which template line wanted it. */
	FILE *probe = fsin_fopen_regular(path); /* never blocks on a FIFO */
	if (!probe) {
		diag_error(diag_file, line, col, "cannot open image %s", path);
		return -1;
	}
	fclose(probe);
	if (fsin_read_file(path, IMAGE_LOAD_MAX_BYTES, &data, &len) != 0)
		return -1;
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 8 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0) {
		raw = image_load_png(u, len, &w);
	} else if (len >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF) {
		raw = image_load_jpeg(u, len, &w);
	} else if (len >= 12 && memcmp(u, "RIFF", 4) == 0 && memcmp(u + 8, "WEBP", 4) == 0) {
		raw = image_load_webp(u, len, &w);
	} else if (memchr(u, '<', len < 512 ? len : 512)) {
		*out = image_load_svg(u, len, box_w, box_h, fit, &w);
		rc = *out ? 0 : -1;
		goto out;
	} else {
		diag_error(diag_file, line, col, "%s is not a PNG, JPEG, WebP or SVG image", path);
		goto out;
	}
	if (!raw)
		goto out;
	*out = image_load_scaled(raw, box_w, box_h, fit);
	rc = 0;
out:
	if (raw)
		cairo_surface_destroy(raw);
	free(data);
	return rc;
}
