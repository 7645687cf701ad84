/* state: the no-change fast path; see state.h. */
#include "state.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsout.h"
#include "strbuf.h"
#include "xalloc.h"

#define STATE_FILE ".feedcard-state"
#define STATE_MAGIC "feedcard-state 1"

struct state_entry {
	char kind; /* 'i' input, 'o' output */
	char *path;
	struct stat st; /* inputs: at read time; outputs: filled by state_save */
};

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static bool state_on;
static struct state_entry *state_v;
static size_t state_n, state_cap;

static void state_forget(void)
{
	for (size_t i = 0; i < state_n; i++)
		free(state_v[i].path);
	free(state_v);
	state_v = NULL;
	state_n = state_cap = 0;
}

void state_record_begin(void)
{
	pthread_mutex_lock(&state_lock);
	state_forget();
	state_on = true;
	pthread_mutex_unlock(&state_lock);
}

void state_record_end(void)
{
	pthread_mutex_lock(&state_lock);
	state_forget();
	state_on = false;
	pthread_mutex_unlock(&state_lock);
}

static void state_add(char kind, const char *path, const struct stat *st)
{
	pthread_mutex_lock(&state_lock);
	if (state_on) {
		if (state_n == state_cap) {
			state_cap = state_cap ? state_cap * 2 : 1024;
			state_v = xreallocarray(state_v, state_cap, sizeof *state_v);
		}
		struct state_entry *e = &state_v[state_n++];
		e->kind = kind;
		e->path = xstrdup(path);
		if (st)
			e->st = *st;
		else
			memset(&e->st, 0, sizeof e->st);
	}
	pthread_mutex_unlock(&state_lock);
}

void state_note_input(const char *path, const struct stat *st)
{
	state_add('i', path, st);
}

void state_note_output(const char *path)
{
	state_add('o', path, NULL);
}

static int state_cmp_entry(const void *a, const void *b)
{
	const struct state_entry *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* Sort the notes by kind and path, so that a file noted more than once (a
 * post read again to convert it to HTML, a font folder hashed for each template)
 * sits beside its twins. Call with the lock held. */
static void state_sort(void)
{
	if (state_n)
		qsort(state_v, state_n, sizeof *state_v, state_cmp_entry);
}

static bool state_same_entry(const struct state_entry *a, const struct state_entry *b)
{
	return a->kind == b->kind && strcmp(a->path, b->path) == 0;
}

size_t state_outputs(char ***out)
{
	pthread_mutex_lock(&state_lock);
	state_sort();
	char **v = xcalloc(state_n + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < state_n; i++)
		if (state_v[i].kind == 'o' && !(i && state_same_entry(&state_v[i - 1], &state_v[i])))
			v[n++] = xstrdup(state_v[i].path);
	pthread_mutex_unlock(&state_lock);
	*out = v;
	return n;
}

/* The fields of a stat that say "this file did not change". */
static void state_format(struct strbuf *sb, char kind, const struct stat *st, const char *path)
{
	strbuf_printf(sb, "%c %llu %llu %lld %ld %s\n", kind, (unsigned long long)st->st_ino,
		      (unsigned long long)st->st_size, (long long)st->st_mtim.tv_sec,
		      (long)st->st_mtim.tv_nsec, path);
}

/* Inputs changed this recently are "racy": an edit within the same clock
 * tick, keeping the size, would not change their stat. A build that read
 * one saves no state, so the next build is a full one. */
#define STATE_RACY_SECONDS 2

void state_save(const char *out_dir, unsigned long long key, time_t valid_until)
{
	struct strbuf sb = STRBUF_INIT;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	strbuf_printf(&sb, "%s %016llx %lld\n", STATE_MAGIC, key, (long long)valid_until);
	pthread_mutex_lock(&state_lock);
	state_sort();
	bool ok = state_on;
	for (size_t i = 0; ok && i < state_n; i++) {
		struct state_entry *e = &state_v[i];
		if (i && state_same_entry(&state_v[i - 1], e)) {
			/* Read twice: listed once, unless it changed in between. */
			const struct stat *a = &state_v[i - 1].st, *b = &e->st;
			if (e->kind == 'i' && (a->st_ino != b->st_ino || a->st_size != b->st_size ||
					       a->st_mtim.tv_sec != b->st_mtim.tv_sec ||
					       a->st_mtim.tv_nsec != b->st_mtim.tv_nsec)) {
				ok = false;
				break;
			}
			continue;
		}
		if (strchr(e->path, '\n')) {
			ok = false; /* cannot be listed: no fast path */
			break;
		}
		if (e->kind == 'o' && stat(e->path, &e->st) != 0) {
			ok = false;
			break;
		}
		if (e->kind == 'i' && e->st.st_mtim.tv_sec >= now.tv_sec - STATE_RACY_SECONDS) {
			ok = false;
			break;
		}
		state_format(&sb, e->kind, &e->st, e->path);
	}
	pthread_mutex_unlock(&state_lock);
	char *file = fsout_join(out_dir, STATE_FILE);
	if (ok)
		ok = fsout_write_cache(file, sb.data, sb.len) == 0;
	if (!ok)
		unlink(file);
	free(file);
	strbuf_release(&sb);
}

bool state_fresh(const char *out_dir, unsigned long long key, time_t now, size_t *checked)
{
	*checked = 0;
	char *file = fsout_join(out_dir, STATE_FILE);
	FILE *f = fsout_fopen_regular(file);
	free(file);
	if (!f)
		return false;
	char line[8192];
	unsigned long long k = 0;
	long long until = 0;
	bool fresh = fgets(line, sizeof line, f) &&
		     sscanf(line, STATE_MAGIC " %16llx %lld", &k, &until) == 2 && k == key &&
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
