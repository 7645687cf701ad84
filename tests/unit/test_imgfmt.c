/* Unit tests for imgfmt: every format round-trips extension <-> enum <->
 * MIME type, names are told by their last extension in any case, unknown
 * extensions are refused, and the formats cards are written in are the
 * three encode.c writes, with the numbers card keys are made of. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "imgfmt.h"

/* Every format: its canonical extension parses back to it, its MIME type
 * is an image type, and no two formats share an extension or a MIME type. */
static void test_round_trip(void **state)
{
	(void)state;
	for (int f = 0; f < IMGFMT_COUNT; f++) {
		const char *ext = imgfmt_ext((enum imgfmt)f);
		const char *mime = imgfmt_mime((enum imgfmt)f);
		assert_non_null(ext);
		assert_non_null(mime);
		assert_int_equal(strncmp(mime, "image/", 6), 0);
		enum imgfmt back = IMGFMT_COUNT;
		assert_int_equal(imgfmt_from_ext(ext, &back), 0);
		assert_int_equal(back, f);
		char name[32];
		snprintf(name, sizeof name, "dir.x/card.%s", ext);
		assert_int_equal(imgfmt_from_name(name, &back), 0);
		assert_int_equal(back, f);
		assert_string_equal(imgfmt_mime_of(name), mime);
		for (int g = 0; g < f; g++) {
			assert_string_not_equal(imgfmt_ext((enum imgfmt)g), ext);
			assert_string_not_equal(imgfmt_mime((enum imgfmt)g), mime);
		}
	}
}

/* What each format is, spelled out: a table edit that changes one shows. */
static void test_table(void **state)
{
	(void)state;
	static const struct {
		const char *ext;
		enum imgfmt fmt;
		const char *mime;
	} want[] = {
		{ "jpg", IMGFMT_JPEG, "image/jpeg" }, { "jpeg", IMGFMT_JPEG, "image/jpeg" },
		{ "png", IMGFMT_PNG, "image/png" },   { "webp", IMGFMT_WEBP, "image/webp" },
		{ "gif", IMGFMT_GIF, "image/gif" },   { "avif", IMGFMT_AVIF, "image/avif" },
		{ "svg", IMGFMT_SVG, "image/svg+xml" },
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		enum imgfmt f = IMGFMT_COUNT;
		assert_int_equal(imgfmt_from_ext(want[i].ext, &f), 0);
		assert_int_equal(f, want[i].fmt);
		assert_string_equal(imgfmt_mime(f), want[i].mime);
	}
	assert_string_equal(imgfmt_ext(IMGFMT_JPEG), "jpg"); /* canonical, not "jpeg" */
	/* Card keys hold these numbers (card_key_output). */
	assert_int_equal(IMGFMT_JPEG, 0);
	assert_int_equal(IMGFMT_PNG, 1);
	assert_int_equal(IMGFMT_WEBP, 2);
}

/* Cards are written in JPEG, PNG and WebP only. */
static void test_encodable(void **state)
{
	(void)state;
	assert_true(imgfmt_encodable(IMGFMT_JPEG));
	assert_true(imgfmt_encodable(IMGFMT_PNG));
	assert_true(imgfmt_encodable(IMGFMT_WEBP));
	assert_false(imgfmt_encodable(IMGFMT_GIF));
	assert_false(imgfmt_encodable(IMGFMT_AVIF));
	assert_false(imgfmt_encodable(IMGFMT_SVG));
}

/* Extensions are matched in any case, as every caller did but `feedcard
 * card -o`, which now does too. */
static void test_case(void **state)
{
	(void)state;
	enum imgfmt f = IMGFMT_COUNT;
	assert_int_equal(imgfmt_from_ext("JPEG", &f), 0);
	assert_int_equal(f, IMGFMT_JPEG);
	assert_int_equal(imgfmt_from_ext("Png", &f), 0);
	assert_int_equal(f, IMGFMT_PNG);
	assert_int_equal(imgfmt_from_name("CARD.WEBP", &f), 0);
	assert_int_equal(f, IMGFMT_WEBP);
	assert_string_equal(imgfmt_mime_of("logo.SVG"), "image/svg+xml");
}

/* Unknown extensions, names without one, and dots that are not an
 * extension of the file's own name are refused, leaving *fmt alone. */
static void test_unknown(void **state)
{
	(void)state;
	static const char *const exts[] = { "", "bmp", "jp", "jpgg", "pngx", ".png", "png ", "tiff" };
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		enum imgfmt f = IMGFMT_COUNT;
		assert_int_equal(imgfmt_from_ext(exts[i], &f), -1);
		assert_int_equal(f, IMGFMT_COUNT);
	}
	static const char *const names[] = {
		"card", "card.", "card.bmp", "png", "a.png/card", "a.png.bak", "card.png?w=1",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		enum imgfmt f = IMGFMT_COUNT;
		assert_int_equal(imgfmt_from_name(names[i], &f), -1);
		assert_int_equal(f, IMGFMT_COUNT);
		assert_null(imgfmt_mime_of(names[i]));
	}
	/* The last extension counts; a name that is only an extension has it. */
	enum imgfmt f = IMGFMT_COUNT;
	assert_int_equal(imgfmt_from_name("a.gif.png", &f), 0);
	assert_int_equal(f, IMGFMT_PNG);
	assert_int_equal(imgfmt_from_name("dir/.png", &f), 0);
	assert_int_equal(f, IMGFMT_PNG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip), cmocka_unit_test(test_table),
		cmocka_unit_test(test_encodable),  cmocka_unit_test(test_case),
		cmocka_unit_test(test_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
