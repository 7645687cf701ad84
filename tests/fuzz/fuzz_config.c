/* Fuzz target: a feedcard.yaml, as config_load reads it from disk: YAML,
 * every key and its validation, the defaults. Oracle: a config that is
 * accepted holds only values the rest of the build relies on. */
#include <stdint.h>
#include <unistd.h>

#include "config.h"
#include "fuzzutil.h"
#include "url.h"

/* No character XML 1.0 forbids: config values are written into feeds. */
static bool fuzz_xml_text(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
	return true;
}

static char fuzz_path[64];

static void fuzz_cleanup(void)
{
	unlink(fuzz_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_path[0]) {
		snprintf(fuzz_path, sizeof fuzz_path, "/tmp/feedcard-fuzz-config-%ld.yaml", (long)getpid());
		atexit(fuzz_cleanup);
	}
	fuzz_quiet();
	if (size > ((size_t)1 << 20))
		return 0;
	FILE *f = fopen(fuzz_path, "wb");
	if (!f)
		return 0;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
	struct config c;
	if (config_load(fuzz_path, &c) == 0) {
		size_t n = strlen(c.site_url);
		FUZZ_CHECK(url_is_absolute_http(c.site_url) && n && c.site_url[n - 1] != '/', "site.url '%s'",
			   c.site_url);
		FUZZ_CHECK(c.site_host && c.site_host[0], "no host for '%s'", c.site_url);
		FUZZ_CHECK(fuzz_xml_text(c.site_title) && fuzz_xml_text(c.site_description) &&
				   fuzz_xml_text(c.site_author),
			   "a control character in a site text");
		for (const char *p = c.site_language; *p; p++)
			FUZZ_CHECK((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
					   *p == '-',
				   "site.language '%s'", c.site_language);
		FUZZ_CHECK(c.permalink[0] == '/' && strstr(c.permalink, "{slug}"), "permalink '%s'", c.permalink);
		FUZZ_CHECK(c.feeds_dir[0] != '/' && (!c.feeds_dir[0] || url_path_safe(c.feeds_dir)),
			   "feeds.dir '%s'", c.feeds_dir);
		n = strlen(c.feeds_dir);
		FUZZ_CHECK(!n || c.feeds_dir[n - 1] != '/', "feeds.dir '%s' ends with '/'", c.feeds_dir);
		FUZZ_CHECK(c.cards_quality >= 1 && c.cards_quality <= 100, "cards.quality %lu", c.cards_quality);
		FUZZ_CHECK(c.cards_width >= 0 && c.cards_height >= 0, "cards.size %dx%d", c.cards_width,
			   c.cards_height);
		FUZZ_CHECK(c.content_dir && c.content_dir[0] && c.output_dir && c.output_dir[0], "no folders");
	}
	config_release(&c);
	return 0;
}
