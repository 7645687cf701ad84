/* Unit tests for version: --version's library lines, against the versions
 * the headers were built with (Debian ships a library and its headers at
 * one version). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cairo.h>
#include <libxml/xmlversion.h>
#include <pango/pango.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "version.h"

static void test_print(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(version_print(f), 0);
	long n = ftell(f);
	assert_true(n > 0);
	char *buf = calloc(1, (size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	char want[128];
	snprintf(want, sizeof want, "feedcard %s\nlibraries:\n", FEEDCARD_VERSION);
	assert_true(strncmp(buf, want, strlen(want)) == 0);
	snprintf(want, sizeof want, "\n  libxml2        %s\n", LIBXML_DOTTED_VERSION);
	assert_non_null(strstr(buf, want));
	/* The tests link the module in. */
	assert_non_null(strstr(buf, "\ncard and serve module (linked in):\n"));
	snprintf(want, sizeof want, "\n  cairo          %s\n", CAIRO_VERSION_STRING);
	assert_non_null(strstr(buf, want));
	snprintf(want, sizeof want, "\n  Pango          %s\n", PANGO_VERSION_STRING);
	assert_non_null(strstr(buf, want));
	static const char *const names[] = { "libyaml", "jansson", "glib", "xxHash", "zlib", "HarfBuzz", "FreeType", "fontconfig", "libjpeg-turbo",
					     "libwebp",	 "libpng",   "librsvg",	   "libmicrohttpd" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(want, sizeof want, "\n  %-14s ", names[i]);
		char *line = strstr(buf, want);
		assert_non_null(line);
		/* a version: digit.digit */
		const char *v = line + strlen(want);
		assert_true(v[0] >= '0' && v[0] <= '9' && strchr(v, '.') < strchr(v, '\n'));
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
