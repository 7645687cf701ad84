/* state: the recorder keeps notes only while on, forgets them at begin and
 * end, hands them out sorted with their stats, and lists outputs once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "state.h"

static struct stat sized(off_t size)
{
	struct stat st;
	memset(&st, 0, sizeof st);
	st.st_size = size;
	st.st_ino = (ino_t)(size + 1000);
	return st;
}

static void test_off_keeps_nothing(void **state)
{
	(void)state;
	struct stat st = sized(1);
	state_note_input("before", &st);
	state_note_output("before.out");
	struct state_note *v = (struct state_note *)&st;
	size_t n = 99;
	assert_false(state_notes(&v, &n));
	assert_null(v);
	assert_int_equal(n, 0);
	char **outs;
	assert_int_equal(state_outputs(&outs), 0);
	assert_null(outs[0]);
	free(outs);

	/* Turned on, it starts empty: nothing from before. */
	state_record_begin();
	assert_true(state_notes(&v, &n));
	assert_int_equal(n, 0);
	assert_null(v);
	state_record_end();
}

static void test_notes_sorted_with_stats(void **state)
{
	(void)state;
	struct stat a = sized(10), b = sized(20), b2 = sized(21);
	state_record_begin();
	state_note_output("z.xml");
	state_note_input("posts/b.md", &b);
	state_note_output("a.xml");
	state_note_input("posts/a.md", &a);
	state_note_input("posts/b.md", &b2); /* read again, grown */
	state_note_output("z.xml");
	struct state_note *v;
	size_t n;
	assert_true(state_notes(&v, &n));
	assert_int_equal(n, 6);
	/* Inputs first, by path; twins side by side, in the order noted. */
	const char kinds[] = "iiiooo";
	const char *paths[] = {"posts/a.md", "posts/b.md", "posts/b.md", "a.xml", "z.xml", "z.xml"};
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].kind, kinds[i]);
		assert_string_equal(v[i].path, paths[i]);
	}
	assert_int_equal(v[0].st.st_size, 10);
	assert_int_equal(v[0].st.st_ino, 1010);
	/* Which twin comes first is qsort's choice; both stats are kept. */
	assert_int_equal(v[1].st.st_size + v[2].st.st_size, 41);
	assert_int_equal(v[3].st.st_size, 0); /* outputs carry no stat */
	free(v);

	char **outs;
	assert_int_equal(state_outputs(&outs), 2);
	assert_string_equal(outs[0], "a.xml");
	assert_string_equal(outs[1], "z.xml");
	assert_null(outs[2]);
	for (size_t i = 0; i < 2; i++)
		free(outs[i]);
	free(outs);

	/* A new recording forgets the last. */
	state_record_begin();
	state_note_output("only.json");
	assert_true(state_notes(&v, &n));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].path, "only.json");
	free(v);
	/* And the end forgets too. */
	state_record_end();
	assert_false(state_notes(&v, &n));
}

/* Notes come from the build's worker threads at once: none is lost. */
#define THREADS 4
#define EACH 20000

static void *noter(void *arg)
{
	int t = *(int *)arg;
	char path[32];
	for (int i = 0; i < EACH; i++) {
		snprintf(path, sizeof path, "t%d/%04d", t, i);
		struct stat st = sized(i);
		if (i % 2)
			state_note_output(path);
		else
			state_note_input(path, &st);
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	state_record_begin();
	pthread_t th[THREADS];
	int ids[THREADS];
	for (int t = 0; t < THREADS; t++) {
		ids[t] = t;
		assert_int_equal(pthread_create(&th[t], NULL, noter, &ids[t]), 0);
	}
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	struct state_note *v;
	size_t n;
	assert_true(state_notes(&v, &n));
	assert_int_equal(n, THREADS * EACH);
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].kind < v[i].kind ||
			    (v[i - 1].kind == v[i].kind && strcmp(v[i - 1].path, v[i].path) < 0));
	free(v);
	char **outs;
	assert_int_equal(state_outputs(&outs), THREADS * EACH / 2);
	for (size_t i = 0; outs[i]; i++)
		free(outs[i]);
	free(outs);
	state_record_end();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_off_keeps_nothing),
		cmocka_unit_test(test_notes_sorted_with_stats),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
