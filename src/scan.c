/* scan: collect *.md files; see scan.h. */
#include "scan.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diag.h"
#include "fsout.h"
#include "xalloc.h"

#define SCAN_MAX_DEPTH 64
#define SCAN_MAX_POSTS 1000000

struct scan_state {
	char **paths;
	size_t count, cap;
	bool full;
};

static void scan_dir(struct scan_state *st, const char *dir, int depth)
{
	if (depth > SCAN_MAX_DEPTH) {
		diag_warning(dir, 0, 0, "folders nested more than %d deep are not scanned", SCAN_MAX_DEPTH);
		return;
	}
	DIR *d = opendir(dir);
	if (!d) {
		diag_error(dir, 0, 0, "cannot read folder: %s", strerror(errno));
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *path = fsout_join(dir, e->d_name);
		struct stat sb;
		if (lstat(path, &sb) != 0) {
			free(path);
			continue;
		}
		if (S_ISLNK(sb.st_mode)) {
			/* Follow links to files, never to folders. */
			if (stat(path, &sb) != 0) {
				size_t n = strlen(e->d_name);
				if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0)
					diag_error(path, 0, 0, "cannot read: a symbolic link to nothing (%s)", strerror(errno));
				free(path);
				continue;
			}
			if (S_ISDIR(sb.st_mode)) {
				diag_note(path, 0, 0, "symbolic link to a folder not followed");
				free(path);
				continue;
			}
		}
		if (S_ISDIR(sb.st_mode)) {
			scan_dir(st, path, depth + 1);
			free(path);
			continue;
		}
		size_t n = strlen(e->d_name);
		if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0 &&
		    strcasecmp(e->d_name, "README.md") != 0) {
			if (st->count == SCAN_MAX_POSTS) {
				if (!st->full)
					diag_error(dir, 0, 0, "more than %d posts: the rest are not read", SCAN_MAX_POSTS);
				st->full = true;
				free(path);
				continue;
			}
			if (st->count == st->cap) {
				st->cap = st->cap ? st->cap * 2 : 256;
				st->paths = xreallocarray(st->paths, st->cap, sizeof *st->paths);
			}
			st->paths[st->count++] = path;
		} else {
			free(path);
		}
	}
	closedir(d);
}

static int scan_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int scan_posts(const char *dir, struct scan_result *out)
{
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_error(dir, 0, 0, "the content folder does not exist or is not a folder");
		return -1;
	}
	struct scan_state st = { NULL, 0, 0, false };
	scan_dir(&st, dir, 0);
	if (st.count)
		qsort(st.paths, st.count, sizeof *st.paths, scan_cmp);
	out->paths = st.paths;
	out->count = st.count;
	return 0;
}

void scan_release(struct scan_result *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->paths[i]);
	free(r->paths);
	r->paths = NULL;
	r->count = 0;
}
