/* Fuzz target: permalink patterns and the names that fill them. The input
 * is lines: PATTERN, TITLE, FILE PATH, SLUG FIELD (empty: none), SECTIONS,
 * then categories; its length picks the date and Jekyll's or Hugo's
 * meanings. ORACLES: a pattern url_permalink_valid accepts expands to valid
 * UTF-8 with no "//", starting with '/' when the pattern does; slugs and
 * urlized names are valid UTF-8, slugs with no '-' at either end. */
#include <glib.h>
#include <stdint.h>

#include "fuzzutil.h"
#include "url.h"

#define FUZZ_MAX_LINES 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	if (size > 8192 || !g_utf8_validate((const char *)data, (gssize)size, NULL))
		return 0; /* posts are checked as UTF-8 before any of this */
	char *s = fuzz_cstr(data, size);
	char *line[FUZZ_MAX_LINES] = { 0 };
	size_t n = 0;
	for (char *p = s, *save = NULL; n < FUZZ_MAX_LINES && (p = strtok_r(p, "\n", &save)); p = NULL)
		line[n++] = p;
	const char *pattern = n > 0 ? line[0] : "/{slug}/";
	const char *title = n > 1 ? line[1] : "";
	const char *file = n > 2 ? line[2] : "posts/x.md";
	const char *slug_field = n > 3 && line[3][0] != '-' ? line[3] : NULL;
	const char *sections = n > 4 ? line[4] : "";
	char **cats = xcalloc(FUZZ_MAX_LINES + 1, sizeof *cats);
	for (size_t i = 5; i < n; i++)
		cats[i - 5] = line[i];

	size_t stem_len;
	const char *stem_at = url_file_stem(file, &stem_len);
	char *stem = xstrndup(stem_at, stem_len);
	char *slug = url_slug_from_path(file);
	char *urlized = url_urlize(title);
	char *slugified = url_slugify(title);
	FUZZ_CHECK(g_utf8_validate(slug, -1, NULL), "slug is not UTF-8");
	FUZZ_CHECK(g_utf8_validate(urlized, -1, NULL), "urlize is not UTF-8");
	FUZZ_CHECK(g_utf8_validate(slugified, -1, NULL), "slugify is not UTF-8");
	size_t sl = strlen(slugified);
	FUZZ_CHECK(!sl || (slugified[0] != '-' && slugified[sl - 1] != '-'), "slug '%s' has an end '-'", slugified);

	size_t at = 0;
	if (url_permalink_valid(pattern, &at)) {
		struct url_vars v = {
			.slug = slug,
			.slug_field = slug_field,
			.title = title,
			.stem = stem,
			.sections = sections,
			.categories = cats,
			.date = (time_t)(size * 86400 * 37) - (time_t)2000000000,
			.offset = (int)(size % 29) * 1800 - 12 * 3600,
			.jekyll = size % 2 == 0,
		};
		char *path = url_permalink(pattern, &v);
		FUZZ_CHECK(g_utf8_validate(path, -1, NULL), "permalink is not UTF-8");
		FUZZ_CHECK(!strstr(path, "//"), "permalink '%s' has '//'", path);
		FUZZ_CHECK(pattern[0] != '/' || path[0] == '/', "permalink '%s' lost its '/'", path);
		(void)url_permalink_names_post(pattern);
		char *folder = url_page_folder(path);
		FUZZ_CHECK(folder[0] != '/', "page folder '%s' starts with '/'", folder);
		free(folder);
		free(path);
	} else {
		FUZZ_CHECK(at < strlen(pattern), "bad placeholder offset %zu past the end", at);
	}
	(void)url_permalink_style(pattern);
	free(stem);
	free(slug);
	free(urlized);
	free(slugified);
	free(cats);
	free(s);
	return 0;
}
