/* Helpers shared by the unit tests: temporary files and captured diagnostics. */
#ifndef FEEDCARD_TESTUTIL_H
#define FEEDCARD_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "strbuf.h"

/* A fresh temporary folder; caller frees the name. */
static inline char *tu_tmpdir(void)
{
	char tmpl[] = "/tmp/feedcard-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	return d ? strdup(d) : NULL;
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

#endif
