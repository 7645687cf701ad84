/* state: a file noted more than once is listed once; one that changed
 * between two reads leaves no state (no fast path); outputs come back
 * sorted and once each. */
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
	char **outs;
	assert_int_equal(state_outputs(&outs), 1);
	assert_string_equal(outs[0], out);
	assert_null(outs[1]);
	free(outs[0]);
	free(outs);
	fastpath_save(tu_dir, 42, (time_t)1 << 40);
	state_record_end();
	tu_release();
	char *file = path_join(tu_dir, ".feedcard-state");
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
	fastpath_save(tu_dir, 43, (time_t)1 << 40);
	state_record_end();
	tu_release();
	size_t checked;
	assert_false(fastpath_fresh(tu_dir, 43, 1000, &checked));
	char *file = path_join(tu_dir, ".feedcard-state");
	struct stat fs;
	assert_int_not_equal(stat(file, &fs), 0); /* no state at all */
	free(file);
	free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_twice_read_listed_once),
		cmocka_unit_test(test_changed_between_reads_saves_nothing),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, tu_teardown_tmpdir);
}
