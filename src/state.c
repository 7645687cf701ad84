/* state: the recorder of a build's inputs and outputs; see state.h. */
#include "state.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static bool state_on;
static struct state_entry {
	char kind; /* 'i' input, 'o' output */
	char *path;
	struct stat st; /* inputs: at read time; outputs: zero */
} *state_v;
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

size_t state_outputs(char ***out)
{
	pthread_mutex_lock(&state_lock);
	state_sort();
	char **v = xcalloc(state_n + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < state_n; i++) {
		const struct state_entry *e = &state_v[i];
		if (e->kind == 'o' && !(i && state_v[i - 1].kind == 'o' &&
					strcmp(state_v[i - 1].path, e->path) == 0))
			v[n++] = xstrdup(e->path);
	}
	pthread_mutex_unlock(&state_lock);
	*out = v;
	return n;
}

bool state_notes(struct state_note **notes, size_t *n)
{
	*notes = NULL;
	*n = 0;
	pthread_mutex_lock(&state_lock);
	bool on = state_on;
	if (on && state_n) {
		state_sort();
		struct state_note *v = xreallocarray(NULL, state_n, sizeof *v);
		for (size_t i = 0; i < state_n; i++) {
			v[i].kind = state_v[i].kind;
			v[i].path = state_v[i].path;
			v[i].st = state_v[i].st;
		}
		*notes = v;
		*n = state_n;
	}
	pthread_mutex_unlock(&state_lock);
	return on;
}
