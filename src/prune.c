/* prune: remove stale outputs; see prune.h. */
#define _DEFAULT_SOURCE /* realpath */
#include "prune.h"

#include <errno.h>
#include <limits.h>
#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fsout.h"
#include "path.h"
#include "strbuf.h"
#include "xalloc.h"

#define PRUNE_LIST ".feedcard-outputs"
#define PRUNE_MAGIC "feedcard-outputs 1\n"
#define PRUNE_MAX_LIST ((size_t)64 << 20)

/* A listed path we may remove: relative, no "." or ".." step, no empty
 * step, not one of feedcard's own dot files at the top. */
static bool prune_path_ok(const char *rel)
{
	if (!rel[0] || rel[0] == '/')
		return false;
	for (const char *s = rel;;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		if (!e)
			break;
		s = e + 1;
	}
	return strncmp(rel, ".feedcard-", 10) != 0;
}

/* Remove the folders from rel's up to (not including) the output folder
 * while they are empty. */
static void prune_empty_parents(const char *out_dir, const char *rel)
{
	char *r = xstrdup(rel);
	for (char *slash = strrchr(r, '/'); slash; slash = strrchr(r, '/')) {
		*slash = '\0';
		char *dir = path_join(out_dir, r);
		int rc = rmdir(dir); /* fails, harmlessly, when not empty */
		free(dir);
		if (rc != 0)
			break;
	}
	free(r);
}

size_t prune_stale(const char *out_dir, char **outputs, size_t n)
{
	size_t dl = strlen(out_dir);
	while (dl > 1 && out_dir[dl - 1] == '/')
		dl--;
	GHashTable *now = g_hash_table_new(g_str_hash, g_str_equal);
	struct strbuf list = STRBUF_INIT;
	strbuf_puts(&list, PRUNE_MAGIC);
	for (size_t i = 0; i < n; i++) {
		const char *p = outputs[i];
		if (strncmp(p, out_dir, dl) != 0 || p[dl] != '/')
			continue;
		const char *rel = p + dl + 1;
		if (!prune_path_ok(rel) || strchr(rel, '\n') || g_hash_table_contains(now, rel))
			continue;
		g_hash_table_add(now, (char *)rel);
		strbuf_puts(&list, rel);
		strbuf_putc(&list, '\n');
	}

	char *file = path_join(out_dir, PRUNE_LIST);
	size_t removed = 0;
	/* Read as feedcard's own file, not as an input of the build (the
	 * fast path must not see it change): no list yet is a first build. */
	char *old = NULL;
	gsize len = 0;
	struct stat st;
	bool have = stat(file, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= PRUNE_MAX_LIST &&
		    g_file_get_contents(file, &old, &len, NULL);
	char root_real[PATH_MAX];
	if (!realpath(out_dir, root_real))
		have = false;
	if (have && len >= strlen(PRUNE_MAGIC) && memcmp(old, PRUNE_MAGIC, strlen(PRUNE_MAGIC)) == 0) {
		for (char *line = old + strlen(PRUNE_MAGIC); *line;) {
			char *end = strchr(line, '\n');
			if (!end)
				break; /* a torn last line: left alone */
			*end = '\0';
			if (prune_path_ok(line) && !g_hash_table_contains(now, line)) {
				char *path = path_join(out_dir, line);
				struct stat ls;
				/* Only a plain file: never a folder, never what a
				 * link points at, never through a linked folder
				 * to outside the output. */
				char *dir = path_dirname(path);
				bool inside = path_dir_inside(root_real, dir);
				free(dir);
				if (inside && lstat(path, &ls) == 0 && S_ISREG(ls.st_mode)) {
					if (unlink(path) == 0) {
						removed++;
						prune_empty_parents(out_dir, line);
					} else {
						diag_warning(path, 0, 0, "a file of the previous build could not be removed: %s",
							     strerror(errno));
					}
				}
				free(path);
			}
			line = end + 1;
		}
	}
	g_free(old);
	diag_mute(true); /* its own error would count as the build's */
	int wrc = fsout_write_cache(file, list.data, list.len);
	diag_mute(false);
	if (wrc != 0)
		diag_warning(file, 0, 0, "the list of this build's files could not be saved: "
					 "files it made that a later build drops will stay");
	free(file);
	strbuf_release(&list);
	g_hash_table_destroy(now);
	return removed;
}
