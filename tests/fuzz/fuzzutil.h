/* Helpers shared by the fuzz targets: a site configuration built in memory
 * (no feedcard.yaml to read), input copies with a terminating NUL, and an
 * oracle failure that libFuzzer reports as a crash. */
#ifndef FEEDCARD_FUZZUTIL_H
#define FEEDCARD_FUZZUTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A site configuration as config_load would give for a small feedcard.yaml
 * (site title, url, author, description, language, and the defaults).
 * Release with config_release. */
static inline void fuzz_config(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->file = xstrdup("feedcard.yaml");
	c->dir = xstrdup(".");
	c->site_title = xstrdup("Fuzz <Site> & \"Co\"");
	c->site_url = xstrdup("https://ex.org");
	c->site_host = xstrdup("ex.org");
	c->site_description = xstrdup("A site ]]> for fuzzing");
	c->site_language = xstrdup("en-US");
	c->site_author = xstrdup("Site Team");
	c->content_dir = xstrdup("posts");
	c->output_dir = xstrdup("out");
	c->permalink = xstrdup("/blog/{year}/{month}/{day}/{slug}/");
	c->feeds_dir = xstrdup("blog");
	c->feeds_limit = 20;
	c->formats = CONFIG_RSS | CONFIG_ATOM | CONFIG_JSON;
	c->full_content = true;
	c->per_category = true;
	c->per_tag = true;
	c->sanitize = true;
	c->ids = CONFIG_IDS_LINK;
	c->summary_words = 60;
	c->cards_template = xstrdup("");
	c->cards_name = xstrdup("ogimage.jpg");
	c->cards_quality = 85;
}

/* A NUL-terminated copy of the input (size + 1 bytes). Caller frees. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Messages about bad input are expected by the thousand: drop them, unless
 * FEEDCARD_FUZZ_DIAG is set (to see why an input is rejected). */
static inline void fuzz_quiet(void)
{
	static int show = -1;
	if (show < 0)
		show = getenv("FEEDCARD_FUZZ_DIAG") != NULL;
	diag_set_quiet(!show);
	diag_mute(!show);
}

/* An oracle failed: say which, then crash so the input is saved. */
#define FUZZ_CHECK(cond, ...)                                              \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "fuzz oracle failed: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
			abort();                                           \
		}                                                          \
	} while (0)

#endif
