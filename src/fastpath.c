/* fastpath: the no-change fast path; see fastpath.h. */
#include "fastpath.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsin.h"
#include "fsout.h"
#include "path.h"
#include "state.h"
#include "strbuf.h"

#define FASTPATH_FILE ".feedcard-state"
#define FASTPATH_MAGIC "feedcard-state 1"

/* Inputs changed this recently are "racy": an edit within the same clock
 * tick, keeping the size, would not change their stat. A build that read
 * one saves no state, so the next build is a full one. */
#define FASTPATH_RACY_SECONDS 2

/* The fields of a stat that say "this file did not change". */
static void fastpath_format(struct strbuf *sb, char kind, const struct stat *st, const char *path)
{
	strbuf_printf(sb, "%c %llu %llu %lld %ld %s\n", kind, (unsigned long long)st->st_ino,
		      (unsigned long long)st->st_size, (long long)st->st_mtim.tv_sec,
		      (long)st->st_mtim.tv_nsec, path);
}

static bool fastpath_same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The state file's text for the notes (sorted, twins side by side), or
 * false when they cannot give a fast path. */
static bool fastpath_list(struct strbuf *sb, struct state_note *v, size_t n)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	for (size_t i = 0; i < n; i++) {
		struct state_note *e = &v[i];
		if (i && v[i - 1].kind == e->kind && strcmp(v[i - 1].path, e->path) == 0) {
			/* Read twice: listed once, unless it changed in between. */
			if (e->kind == 'i' && !fastpath_same_stat(&v[i - 1].st, &e->st))
				return false;
			continue;
		}
		if (strchr(e->path, '\n'))
			return false; /* cannot be listed: no fast path */
		if (e->kind == 'o' && stat(e->path, &e->st) != 0)
			return false;
		if (e->kind == 'i' && e->st.st_mtim.tv_sec >= now.tv_sec - FASTPATH_RACY_SECONDS)
			return false;
		fastpath_format(sb, e->kind, &e->st, e->path);
	}
	return true;
}

void fastpath_save(const char *out_dir, unsigned long long key, time_t valid_until)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s %016llx %lld\n", FASTPATH_MAGIC, key, (long long)valid_until);
	struct state_note *notes;
	size_t n;
	bool ok = state_notes(&notes, &n) && fastpath_list(&sb, notes, n);
	free(notes);
	char *file = path_join(out_dir, FASTPATH_FILE);
	if (ok)
		ok = fsout_write_cache(file, sb.data, sb.len) == 0;
	if (!ok)
		unlink(file);
	free(file);
	strbuf_release(&sb);
}

bool fastpath_fresh(const char *out_dir, unsigned long long key, time_t now, size_t *checked)
{
	*checked = 0;
	char *file = path_join(out_dir, FASTPATH_FILE);
	FILE *f = fsin_fopen_regular(file);
	free(file);
	if (!f)
		return false;
	char line[8192];
	unsigned long long k = 0;
	long long until = 0;
	bool fresh = fgets(line, sizeof line, f) &&
		     sscanf(line, FASTPATH_MAGIC " %16llx %lld", &k, &until) == 2 && k == key &&
		     (long long)now < until;
	size_t n = 0;
	while (fresh && fgets(line, sizeof line, f)) {
		char kind;
		unsigned long long ino, size;
		long long sec;
		long nsec;
		int off = 0;
		size_t len = strlen(line);
		if (len == 0 || line[len - 1] != '\n' ||
		    sscanf(line, "%c %llu %llu %lld %ld %n", &kind, &ino, &size, &sec, &nsec, &off) != 5 ||
		    off <= 0) {
			fresh = false;
			break;
		}
		line[len - 1] = '\0';
		struct stat st;
		if (stat(line + off, &st) != 0 || (unsigned long long)st.st_ino != ino ||
		    (unsigned long long)st.st_size != size || (long long)st.st_mtim.tv_sec != sec ||
		    (long)st.st_mtim.tv_nsec != nsec)
			fresh = false;
		n++;
	}
	fclose(f);
	*checked = n;
	return fresh && n > 0;
}
