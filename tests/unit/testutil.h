/* Helpers shared by the unit tests: temporary files and captured diagnostics. */
#ifndef FEEDCARD_TESTUTIL_H
#define FEEDCARD_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "strbuf.h"

/* A fresh temporary folder; caller frees the name. */
static inline char *tu_tmpdir(void)
{
	char tmpl[] = "/tmp/feedcard-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	return d ? strdup(d) : NULL;
}

/* Remove dir and everything in it. Returns 0, or -1 when that failed. */
static inline int tu_rmtree(const char *dir)
{
	size_t n = strlen(dir) + 16;
	char *cmd = malloc(n);
	snprintf(cmd, n, "rm -rf '%s'", dir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* A group's scratch folder, for cmocka group fixtures: made by
 * tu_setup_tmpdir, removed with all it holds by tu_teardown_tmpdir. */
static char *tu_dir;
static inline int tu_setup_tmpdir(void **state)
{
	(void)state;
	tu_dir = tu_tmpdir();
	return tu_dir ? 0 : -1;
}
static inline int tu_teardown_tmpdir(void **state)
{
	(void)state;
	int rc = tu_rmtree(tu_dir);
	free(tu_dir);
	tu_dir = NULL;
	return rc;
}

/* Write text to dir/name (folders must exist); returns the path (caller frees). */
static inline char *tu_write(const char *dir, const char *name, const char *text, size_t len)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	return path;
}

/* Diagnostics of the code between tu_capture() and tu_release() land in tu_msgs. */
static struct strbuf tu_msgs = STRBUF_INIT;
static inline void tu_capture(void)
{
	strbuf_reset(&tu_msgs);
	diag_reset();
	diag_capture_begin(&tu_msgs, false);
}
static inline const char *tu_release(void)
{
	diag_capture_end();
	return strbuf_str(&tu_msgs);
}

/* The site config of the tests that read posts (test_post.c,
 * test_frontmatter.c): once, so that their posts get the same links and
 * dates. */
#define TU_SITE_YAML                                                                          \
	"site:\n  title: T\n  url: https://ebpf.io/\n  timezone: '+02:00'\n  language: en_US\n" \
	"permalink: /blog/{year}/{month}/{day}/{slug}/\n"

/* Write TU_SITE_YAML to dir/feedcard.yaml and load it into *cfg (the
 * caller releases it with config_release). Its messages are dropped.
 * Returns config_load's result. */
static inline int tu_load_site_config(const char *dir, struct config *cfg)
{
	char *path = tu_write(dir, "feedcard.yaml", TU_SITE_YAML, strlen(TU_SITE_YAML));
	tu_capture();
	int rc = config_load(path, cfg);
	tu_release();
	free(path);
	return rc;
}

#endif
