/* fastpath: a file noted more than once is listed once; one that changed
 * between two reads, one changed within the racy window, an output gone or
 * a path that cannot be listed leaves no state; a saved state is fresh
 * only for the same key, before its time runs out, while every file keeps
 * its stat. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/time.h>

#include "fastpath.h"
#include "fsin.h"
#include "path.h"
#include "state.h"
#include "testutil.h"
#include "xalloc.h"

#define FOREVER ((time_t)1 << 40)

/* A file whose times lie an hour back: inputs newer than the racy window
 * are never trusted. */
static char *old_file(const char *name, const char *text)
{
	char *p = tu_write(tu_dir, name, text, strlen(text));
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 3600;
	tv[1] = tv[0];
	assert_int_equal(utimes(p, tv), 0);
	return p;
}

/* A new empty output folder for one test. Caller frees. */
static char *out_dir(const char *name)
{
	char *d = path_join(tu_dir, name);
	assert_int_equal(mkdir(d, 0755), 0);
	return d;
}

static size_t count_lines(const char *path, const char *needle)
{
	char *data = NULL;
	size_t len = 0, n = 0;
	if (fsin_read_file(path, 1 << 20, &data, &len) != 0)
		return 0;
	for (char *s = strstr(data, needle); s; s = strstr(s + 1, needle))
		n++;
	free(data);
	return n;
}

static bool has_state(const char *dir)
{
	char *file = path_join(dir, ".feedcard-state");
	struct stat st;
	bool e = stat(file, &st) == 0;
	free(file);
	return e;
}

/* Record one input and one output (both old) and save under key. */
static void save_one(const char *dir, const char *in, const char *out, unsigned long long key)
{
	struct stat st;
	assert_int_equal(stat(in, &st), 0);
	state_record_begin();
	state_note_input(in, &st);
	state_note_output(out);
	fastpath_save(dir, key, FOREVER);
	state_record_end();
}

static void test_twice_read_listed_once(void **state)
{
	(void)state;
	char *in = old_file("in.txt", "a"), *out = old_file("out.txt", "b");
	struct stat st;
	assert_int_equal(stat(in, &st), 0);
	tu_capture();
	state_record_begin();
	state_note_input(in, &st);
	state_note_output(out);
	state_note_input(in, &st); /* read again, unchanged */
	state_note_output(out);
	fastpath_save(tu_dir, 42, FOREVER);
	state_record_end();
	tu_release();
	char *file = path_join(tu_dir, ".feedcard-state");
	assert_int_equal(count_lines(file, "feedcard-state 1 000000000000002a 1099511627776\n"), 1);
	assert_int_equal(count_lines(file, in), 1);
	assert_int_equal(count_lines(file, out), 1);
	size_t checked;
	assert_true(fastpath_fresh(tu_dir, 42, 1000, &checked));
	assert_int_equal(checked, 2);
	free(file);
	free(in);
	free(out);
}

static void test_changed_between_reads_saves_nothing(void **state)
{
	(void)state;
	char *in = old_file("in2.txt", "a");
	struct stat st1, st2;
	assert_int_equal(stat(in, &st1), 0);
	st2 = st1;
	st2.st_size += 1; /* as a second read would see a file that grew */
	tu_capture();
	state_record_begin();
	state_note_input(in, &st1);
	state_note_input(in, &st2);
	fastpath_save(tu_dir, 43, FOREVER);
	state_record_end();
	tu_release();
	size_t checked;
	assert_false(fastpath_fresh(tu_dir, 43, 1000, &checked));
	assert_false(has_state(tu_dir)); /* no state at all */
	free(in);
}

static void test_key_and_time(void **state)
{
	(void)state;
	char *dir = out_dir("kt");
	char *in = old_file("kt-in", "x"), *out = old_file("kt-out", "y");
	struct stat st;
	assert_int_equal(stat(in, &st), 0);
	state_record_begin();
	state_note_input(in, &st);
	state_note_output(out);
	fastpath_save(dir, 7, 5000);
	state_record_end();
	size_t checked = 99;
	assert_true(fastpath_fresh(dir, 7, 4999, &checked));
	assert_int_equal(checked, 2);
	/* Other options, or a post out of the future: a full build. */
	assert_false(fastpath_fresh(dir, 8, 4999, &checked));
	assert_false(fastpath_fresh(dir, 7, 5000, &checked));
	free(in);
	free(out);
	free(dir);
}

static void test_changed_file_is_not_fresh(void **state)
{
	(void)state;
	char *dir = out_dir("ch");
	char *in = old_file("ch-in", "abc"), *out = old_file("ch-out", "def");
	size_t checked;
	save_one(dir, in, out, 1);
	assert_true(fastpath_fresh(dir, 1, 1000, &checked));

	/* An input edited (same size, other time). */
	free(old_file("ch-in", "abd"));
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 1800;
	tv[1] = tv[0];
	assert_int_equal(utimes(in, tv), 0);
	assert_false(fastpath_fresh(dir, 1, 1000, &checked));

	/* Saved again, then an output removed. */
	save_one(dir, in, out, 1);
	assert_true(fastpath_fresh(dir, 1, 1000, &checked));
	assert_int_equal(unlink(out), 0);
	assert_false(fastpath_fresh(dir, 1, 1000, &checked));
	free(in);
	free(out);
	free(dir);
}

static void test_doubt_saves_nothing(void **state)
{
	(void)state;
	char *dir = out_dir("dt");
	char *in = old_file("dt-in", "1"), *out = old_file("dt-out", "2");
	size_t checked;

	/* An input changed just now: its stat could hide an edit. An
	 * earlier state is removed, not left standing. */
	save_one(dir, in, out, 3);
	assert_true(has_state(dir));
	char *racy = tu_write(tu_dir, "dt-racy", "r", 1);
	save_one(dir, racy, out, 3);
	assert_false(has_state(dir));
	assert_false(fastpath_fresh(dir, 3, 1000, &checked));

	/* An output that is not there when the state is saved. */
	char *gone = path_join(tu_dir, "dt-gone");
	save_one(dir, in, gone, 3);
	assert_false(has_state(dir));

	/* A path with a newline cannot be listed. */
	char *nl = old_file("dt-new\nline", "n");
	save_one(dir, nl, out, 3);
	assert_false(has_state(dir));

	/* Not recording: nothing to save, the old state goes. */
	save_one(dir, in, out, 3);
	assert_true(has_state(dir));
	fastpath_save(dir, 3, FOREVER);
	assert_false(has_state(dir));

	/* Recording, but nothing noted: no file checked, never fresh. */
	state_record_begin();
	fastpath_save(dir, 3, FOREVER);
	state_record_end();
	assert_false(fastpath_fresh(dir, 3, 1000, &checked));
	assert_int_equal(checked, 0);
	free(in);
	free(out);
	free(racy);
	free(gone);
	free(nl);
	free(dir);
}

static void test_damaged_state_is_not_fresh(void **state)
{
	(void)state;
	char *dir = out_dir("dm");
	char *in = old_file("dm-in", "1"), *out = old_file("dm-out", "2");
	save_one(dir, in, out, 5);
	char *file = path_join(dir, ".feedcard-state");
	char *data = NULL;
	size_t len = 0, checked;
	assert_int_equal(fsin_read_file(file, 1 << 20, &data, &len), 0);
	assert_true(fastpath_fresh(dir, 5, 1000, &checked));
	/* Cut short (the last line loses its newline): a full build. */
	free(tu_write(dir, ".feedcard-state", data, len - 1));
	assert_false(fastpath_fresh(dir, 5, 1000, &checked));
	/* Another format's magic. */
	data[15] = '2';
	free(tu_write(dir, ".feedcard-state", data, len));
	assert_false(fastpath_fresh(dir, 5, 1000, &checked));
	/* A folder where the state file should be. */
	assert_int_equal(unlink(file), 0);
	assert_int_equal(mkdir(file, 0755), 0);
	assert_false(fastpath_fresh(dir, 5, 1000, &checked));
	free(data);
	free(file);
	free(in);
	free(out);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_twice_read_listed_once),
		cmocka_unit_test(test_changed_between_reads_saves_nothing),
		cmocka_unit_test(test_key_and_time),
		cmocka_unit_test(test_changed_file_is_not_fresh),
		cmocka_unit_test(test_doubt_saves_nothing),
		cmocka_unit_test(test_damaged_state_is_not_fresh),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, tu_teardown_tmpdir);
}
