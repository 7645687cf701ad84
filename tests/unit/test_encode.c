/* Unit tests for encode: every format decodes back to the right size and
 * colours, JPEG quality changes the output, and the formats cards are not
 * written in are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jpeglib.h>
#include <webp/decode.h>

#include "encode.h"
#include "testutil.h"

#define W 1200
#define H 630

/* Left half pure red, right half a horizontal grey ramp, in cairo RGB24. */
static unsigned char *make_image(struct encode_image *img)
{
	uint32_t *px = malloc((size_t)W * H * 4);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			uint32_t g = (uint32_t)(x * 255 / (W - 1));
			px[y * W + x] = x < W / 2 ? 0x00ff0000u : (g << 16 | g << 8 | g);
		}
	*img = (struct encode_image){ (unsigned char *)px, W, H, W * 4 };
	return (unsigned char *)px;
}

static void test_jpeg_decodes(void **state)
{
	(void)state;
	struct encode_image img;
	unsigned char *px = make_image(&img);
	struct encode *e = encode_new();
	char *out = NULL;
	size_t len = 0;
	/* Twice, to check the reused compressor. */
	for (int round = 0; round < 2; round++) {
		free(out);
		assert_int_equal(encode_image(e, &img, IMGFMT_JPEG, 85, "t", &out, &len), 0);
	}
	assert_true(len > 100);
	assert_memory_equal(out, "\xff\xd8\xff", 3);
	/* No EXIF/ICC/comment markers: APP0 (JFIF) is the only APPn. */
	for (size_t i = 2; i + 1 < len && !((unsigned char)out[i] == 0xff && (unsigned char)out[i + 1] == 0xda);) {
		unsigned char m = (unsigned char)out[i + 1];
		assert_true(m == 0xe0 || m < 0xe1 || m > 0xef);
		assert_int_not_equal(m, 0xfe);
		size_t seg = ((unsigned char)out[i + 2] << 8) | (unsigned char)out[i + 3];
		i += 2 + seg;
	}

	struct jpeg_decompress_struct d;
	struct jpeg_error_mgr err;
	d.err = jpeg_std_error(&err);
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, (unsigned char *)out, (unsigned long)len);
	assert_int_equal(jpeg_read_header(&d, TRUE), JPEG_HEADER_OK);
	d.out_color_space = JCS_RGB;
	jpeg_start_decompress(&d);
	assert_int_equal(d.output_width, W);
	assert_int_equal(d.output_height, H);
	unsigned char *row = malloc((size_t)W * 3);
	while (d.output_scanline < d.output_height) {
		jpeg_read_scanlines(&d, &row, 1);
		if (d.output_scanline == H / 2) {
			/* Red stays red: checks the BGRX byte order. */
			assert_true(row[100 * 3] > 230 && row[100 * 3 + 1] < 30 && row[100 * 3 + 2] < 30);
			/* The right edge is near white. */
			assert_true(row[(W - 5) * 3 + 1] > 230);
		}
	}
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	free(row);
	free(out);
	encode_free(e);
	free(px);
}

static void test_jpeg_quality(void **state)
{
	(void)state;
	struct encode_image img;
	unsigned char *px = make_image(&img);
	/* Add noise so quality matters. */
	for (size_t i = 0; i < (size_t)W * H * 4; i += 4)
		px[i] = (unsigned char)(px[i] ^ (unsigned char)((i * 2654435761u) >> 24));
	struct encode *e = encode_new();
	char *lo = NULL, *hi = NULL;
	size_t lo_len, hi_len;
	assert_int_equal(encode_image(e, &img, IMGFMT_JPEG, 20, "t", &lo, &lo_len), 0);
	assert_int_equal(encode_image(e, &img, IMGFMT_JPEG, 95, "t", &hi, &hi_len), 0);
	assert_true(lo_len < hi_len);
	free(lo);
	free(hi);
	encode_free(e);
	free(px);
}

static void test_png(void **state)
{
	(void)state;
	struct encode_image img;
	unsigned char *px = make_image(&img);
	struct encode *e = encode_new();
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(encode_image(e, &img, IMGFMT_PNG, 85, "t", &out, &len), 0);
	assert_memory_equal(out, "\x89PNG\r\n\x1a\n", 8);
	const unsigned char *u = (const unsigned char *)out;
	assert_memory_equal(u + 12, "IHDR", 4);
	assert_int_equal((u[16] << 24) | (u[17] << 16) | (u[18] << 8) | u[19], W);
	assert_int_equal((u[20] << 24) | (u[21] << 16) | (u[22] << 8) | u[23], H);
	assert_int_equal(u[24], 8); /* bit depth */
	assert_int_equal(u[25], 2); /* RGB, no alpha */
	/* Flat content compresses far below the raw 2.2 MB. */
	assert_true(len < 100000);
	free(out);
	encode_free(e);
	free(px);
}

static void test_webp(void **state)
{
	(void)state;
	struct encode_image img;
	unsigned char *px = make_image(&img);
	struct encode *e = encode_new();
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(encode_image(e, &img, IMGFMT_WEBP, 85, "t", &out, &len), 0);
	assert_memory_equal(out, "RIFF", 4);
	assert_memory_equal(out + 8, "WEBP", 4);
	int w = 0, h = 0;
	uint8_t *rgb = WebPDecodeRGB((const uint8_t *)out, len, &w, &h);
	assert_non_null(rgb);
	assert_int_equal(w, W);
	assert_int_equal(h, H);
	size_t at = ((size_t)(H / 2) * W + 100) * 3;
	assert_true(rgb[at] > 220 && rgb[at + 1] < 40 && rgb[at + 2] < 40);
	WebPFree(rgb);
	free(out);
	encode_free(e);
	free(px);
}

/* A format cards are not written in is an error with a diag, and no bytes. */
static void test_not_encodable(void **state)
{
	(void)state;
	unsigned char px[4 * 4 * 4] = { 0 };
	struct encode_image img = { px, 4, 4, 16 };
	struct encode *e = encode_new();
	for (int f = 0; f < IMGFMT_COUNT; f++) {
		if (imgfmt_encodable((enum imgfmt)f))
			continue;
		char *out = NULL;
		size_t len = 0;
		tu_capture();
		assert_int_equal(encode_image(e, &img, (enum imgfmt)f, 85, "t", &out, &len), -1);
		assert_non_null(strstr(tu_release(), "t: error:"));
		assert_null(out);
	}
	encode_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jpeg_decodes), cmocka_unit_test(test_jpeg_quality),
		cmocka_unit_test(test_png),	     cmocka_unit_test(test_webp),
		cmocka_unit_test(test_not_encodable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
