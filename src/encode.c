/* encode: JPEG (libjpeg-turbo), PNG (libpng) and WebP (libwebp); see encode.h. */
#include "encode.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>
#include <webp/encode.h>

#include "diag.h"
#include "strbuf.h"
#include "xalloc.h"

/* cairo's RGB24 word 0x00RRGGBB is stored B,G,R,X on little-endian machines. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ENCODE_BIG_ENDIAN 1
#else
#define ENCODE_BIG_ENDIAN 0
#endif

struct encode_jpeg_err {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
};

struct encode {
	struct jpeg_compress_struct jpeg;
	struct encode_jpeg_err jerr;
};

static void encode_jpeg_error_exit(j_common_ptr cinfo)
{
	struct encode_jpeg_err *err = (struct encode_jpeg_err *)cinfo->err;
	err->mgr.format_message(cinfo, err->message);
	longjmp(err->jump, 1);
}

/* libjpeg warnings (corrupt data on input) cannot happen when compressing
 * our own pixels; keep them off stderr. */
static void encode_jpeg_output_message(j_common_ptr cinfo)
{
	(void)cinfo;
}

struct encode *encode_new(void)
{
	struct encode *e = xcalloc(1, sizeof *e);
	e->jpeg.err = jpeg_std_error(&e->jerr.mgr);
	e->jerr.mgr.error_exit = encode_jpeg_error_exit;
	e->jerr.mgr.output_message = encode_jpeg_output_message;
	jpeg_create_compress(&e->jpeg);
	return e;
}

void encode_free(struct encode *e)
{
	if (!e)
		return;
	jpeg_destroy_compress(&e->jpeg);
	free(e);
}

/* ===== JPEG ===== */

static int encode_jpeg(struct encode *e, const struct encode_image *img, int quality,
		       const char *diag_name, char **out, size_t *out_len)
{
	struct jpeg_compress_struct *c = &e->jpeg;
	unsigned char *volatile buf = NULL;
	unsigned long size = 0;
	if (setjmp(e->jerr.jump)) {
		jpeg_abort_compress(c);
		free(buf);
		diag_error(diag_name, 0, 0, "JPEG encoding failed: %s", e->jerr.message);
		return -1;
	}
	unsigned char *b = NULL;
	jpeg_mem_dest(c, &b, &size);
	c->image_width = (JDIMENSION)img->width;
	c->image_height = (JDIMENSION)img->height;
	c->input_components = 4;
	c->in_color_space = ENCODE_BIG_ENDIAN ? JCS_EXT_XRGB : JCS_EXT_BGRX;
	jpeg_set_defaults(c);
	jpeg_set_quality(c, quality, TRUE);
	c->dct_method = JDCT_ISLOW;
	jpeg_start_compress(c, TRUE);
	buf = b;
	while (c->next_scanline < c->image_height) {
		JSAMPROW row = (JSAMPROW)(img->data + (size_t)c->next_scanline * (size_t)img->stride);
		jpeg_write_scanlines(c, &row, 1);
	}
	jpeg_finish_compress(c);
	/* jpeg_mem_dest may have replaced the buffer while growing it. */
	*out = (char *)b;
	*out_len = size;
	return 0;
}

/* ===== PNG ===== */

struct encode_png_state {
	struct strbuf buf;
	char message[256];
	unsigned char *row; /* one packed RGB row */
};

static void encode_png_write(png_structp png, png_bytep data, size_t len)
{
	struct encode_png_state *st = png_get_io_ptr(png);
	strbuf_add(&st->buf, (const char *)data, len);
}

static void encode_png_flush(png_structp png)
{
	(void)png;
}

static void encode_png_error(png_structp png, png_const_charp msg)
{
	struct encode_png_state *st = png_get_error_ptr(png);
	snprintf(st->message, sizeof st->message, "%s", msg);
	png_longjmp(png, 1);
}

static void encode_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static int encode_png(const struct encode_image *img, const char *diag_name, char **out,
		      size_t *out_len)
{
	struct encode_png_state st = { STRBUF_INIT, "", NULL };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &st, encode_png_error,
						  encode_png_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!png || !info) {
		png_destroy_write_struct(&png, &info);
		diag_error(diag_name, 0, 0, "PNG encoding failed: out of memory");
		return -1;
	}
	/* Allocated before setjmp, so the error path sees it. */
	st.row = xmalloc((size_t)img->width * 3);
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		strbuf_release(&st.buf);
		free(st.row);
		diag_error(diag_name, 0, 0, "PNG encoding failed: %s", st.message);
		return -1;
	}
	png_set_write_fn(png, &st, encode_png_write, encode_png_flush);
	/* Cards are flat colours, gradients and anti-aliased text: one fixed Sub
	 * filter (no per-row filter search) at zlib level 2 gives files about
	 * the size of level 3 with the adaptive Sub/Up choice, in half the time
	 * (measured on the ebpf.io titles: 6 ms and 50 KB a card, against 12 ms
	 * and 55 KB). */
	png_set_filter(png, 0, PNG_FILTER_SUB);
	png_set_compression_level(png, 2);
	png_set_compression_buffer_size(png, 1 << 17);
	png_set_IHDR(png, info, (png_uint_32)img->width, (png_uint_32)img->height, 8,
		     PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	/* Pack each row to RGB here: cheaper than libpng's filler and bgr
	 * transforms. Cairo's RGB24 pixels are native-endian 0x00RRGGBB. */
	for (int y = 0; y < img->height; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(img->data + (size_t)y * (size_t)img->stride);
		unsigned char *d = st.row;
		for (int x = 0; x < img->width; x++) {
			uint32_t px = src[x];
			*d++ = (unsigned char)(px >> 16);
			*d++ = (unsigned char)(px >> 8);
			*d++ = (unsigned char)px;
		}
		png_write_row(png, st.row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(st.row);
	*out = strbuf_detach(&st.buf, out_len);
	return 0;
}

/* ===== WebP ===== */

static int encode_webp(const struct encode_image *img, int quality, const char *diag_name,
		       char **out, size_t *out_len)
{
	WebPConfig config;
	WebPPicture pic;
	WebPMemoryWriter writer;
	int rc = -1;
	if (!WebPConfigPreset(&config, WEBP_PRESET_PICTURE, (float)quality) || !WebPPictureInit(&pic)) {
		diag_error(diag_name, 0, 0, "WebP encoding failed: library version mismatch");
		return -1;
	}
	/* Method 0 is the fastest: on cards it takes about half the time of
	 * method 2 for files still well under the JPEG's size (37 KB against
	 * 61 KB on the ebpf.io titles). Importing straight to YUV (use_argb 0)
	 * skips an ARGB copy the lossy encoder would convert anyway. */
	config.method = 0;
	pic.use_argb = 0;
	pic.width = img->width;
	pic.height = img->height;
	WebPMemoryWriterInit(&writer);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &writer;
	int ok = ENCODE_BIG_ENDIAN
			 ? WebPPictureImportRGBX(&pic, img->data + 1, img->stride)
			 : WebPPictureImportBGRX(&pic, img->data, img->stride);
	if (!ok) {
		diag_error(diag_name, 0, 0, "WebP encoding failed: out of memory");
		goto out;
	}
	if (!WebPEncode(&config, &pic)) {
		diag_error(diag_name, 0, 0, "WebP encoding failed (libwebp error %d)",
			   (int)pic.error_code);
		goto out;
	}
	*out = xmalloc(writer.size ? writer.size : 1);
	memcpy(*out, writer.mem, writer.size);
	*out_len = writer.size;
	rc = 0;
out:
	WebPMemoryWriterClear(&writer);
	WebPPictureFree(&pic);
	return rc;
}

int encode_image(struct encode *e, const struct encode_image *img, enum imgfmt fmt,
		 int quality, const char *diag_name, char **out, size_t *out_len)
{
	if (quality < 1)
		quality = 1;
	if (quality > 100)
		quality = 100;
	switch (fmt) {
	case IMGFMT_JPEG: return encode_jpeg(e, img, quality, diag_name, out, out_len);
	case IMGFMT_PNG: return encode_png(img, diag_name, out, out_len);
	case IMGFMT_WEBP: return encode_webp(img, quality, diag_name, out, out_len);
	default: break; /* not imgfmt_encodable */
	}
	diag_error(diag_name, 0, 0, "unknown image format");
	return -1;
}
