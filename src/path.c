/* path: naming paths; see path.h. */
#define _DEFAULT_SOURCE /* realpath */
#include "path.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

char *path_join(const char *a, const char *b)
{
	if (b[0] == '/' || a[0] == '\0')
		return xstrdup(b);
	size_t la = strlen(a);
	while (la > 1 && a[la - 1] == '/')
		la--;
	while (b[0] == '/')
		b++;
	size_t lb = strlen(b);
	char *r = xmalloc(la + lb + 2);
	memcpy(r, a, la);
	r[la] = '/';
	memcpy(r + la + 1, b, lb + 1);
	return r;
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *path_join_clean(const char *dir, const char *rel)
{
	char *joined = strcmp(dir, ".") == 0 ? xstrdup(rel) : path_join(dir, rel);
	bool abs = joined[0] == '/';
	char **seg = xcalloc(strlen(joined) + 1, sizeof *seg);
	size_t n = 0;
	for (char *save = NULL, *t = strtok_r(joined, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (strcmp(t, ".") == 0)
			continue;
		if (strcmp(t, "..") == 0 && n > 0 && strcmp(seg[n - 1], "..") != 0) {
			n--;
			continue;
		}
		seg[n++] = t;
	}
	struct strbuf sb = STRBUF_INIT;
	if (abs)
		strbuf_putc(&sb, '/');
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_putc(&sb, '/');
		strbuf_puts(&sb, seg[i]);
	}
	if (!sb.len)
		strbuf_putc(&sb, '.');
	free(seg);
	free(joined);
	return strbuf_detach(&sb, NULL);
}

bool path_dir_inside(const char *root_real, const char *dir)
{
	char *probe = xstrdup(dir);
	char resolved[PATH_MAX];
	while (!realpath(probe, resolved)) {
		char *up = path_dirname(probe);
		bool top = strcmp(up, probe) == 0;
		free(probe);
		probe = up;
		if (top) {
			free(probe);
			return false;
		}
	}
	free(probe);
	size_t n = strlen(root_real);
	return strncmp(resolved, root_real, n) == 0 && (resolved[n] == '\0' || resolved[n] == '/');
}
