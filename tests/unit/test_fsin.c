/* fsin: whole-file reads with their cap and messages, FIFOs and folders
 * refused without blocking, reads noted for the fast path, and sorted
 * folder listings. */
#define _DEFAULT_SOURCE /* DT_DIR */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsin.h"
#include "path.h"
#include "state.h"
#include "testutil.h"
#include "xalloc.h"

static char *put(const char *name, const char *text)
{
	return tu_write(tu_dir, name, text, strlen(text));
}

static void test_read_file(void **state)
{
	(void)state;
	char *p = put("r.txt", "hello\nworld");
	char *data = NULL;
	size_t len = 99;
	assert_int_equal(fsin_read_file(p, 1 << 20, &data, &len), 0);
	assert_int_equal(len, 11);
	assert_memory_equal(data, "hello\nworld", 12); /* and its NUL */
	free(data);

	/* Bytes after a NUL are kept: the length, not strlen, counts. */
	free(p);
	p = tu_write(tu_dir, "nul.bin", "a\0b", 3);
	assert_int_equal(fsin_read_file(p, 1 << 20, &data, &len), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "a\0b", 4);
	free(data);

	free(p);
	p = put("empty", "");
	assert_int_equal(fsin_read_file(p, 1 << 20, &data, &len), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	free(p);
}

static void test_read_file_cap(void **state)
{
	(void)state;
	char *p = put("ten", "0123456789");
	char *data = NULL;
	size_t len = 0;
	/* Exactly at the cap reads; one byte over is refused, by name. */
	assert_int_equal(fsin_read_file(p, 10, &data, &len), 0);
	assert_int_equal(len, 10);
	free(data);
	data = (char *)"untouched";
	len = 77;
	tu_capture();
	assert_int_equal(fsin_read_file(p, 9, &data, &len), -1);
	const char *msgs = tu_release();
	assert_non_null(strstr(msgs, "ten: error: file is too large (10 bytes; the limit is 9)"));
	assert_int_equal(diag_error_count(), 1);
	/* Out-params are set only on success. */
	assert_string_equal(data, "untouched");
	assert_int_equal(len, 77);
	free(p);
}

static void test_read_file_refused(void **state)
{
	(void)state;
	char *data = (char *)"untouched";
	size_t len = 5;
	char *missing = path_join(tu_dir, "no-such-file");
	tu_capture();
	assert_int_equal(fsin_read_file(missing, 100, &data, &len), -1);
	assert_non_null(strstr(tu_release(), "no-such-file: error: cannot read: No such file or directory"));

	tu_capture();
	assert_int_equal(fsin_read_file(tu_dir, 100, &data, &len), -1);
	assert_non_null(strstr(tu_release(), "cannot read: not a regular file"));

	/* A FIFO with no writer would block a plain open or read: it is
	 * refused at once (the test would hang, not pass, if it blocked). */
	char *fifo = path_join(tu_dir, "fifo");
	assert_int_equal(mkfifo(fifo, 0644), 0);
	tu_capture();
	assert_int_equal(fsin_read_file(fifo, 100, &data, &len), -1);
	assert_non_null(strstr(tu_release(), "fifo: error: cannot read: not a regular file"));
	assert_string_equal(data, "untouched");
	assert_int_equal(len, 5);
	free(missing);
	free(fifo);
}

static void test_read_file_at(void **state)
{
	(void)state;
	char *dir = path_join(tu_dir, "at");
	assert_int_equal(mkdir(dir, 0755), 0);
	free(tu_write(dir, "post.md", "# hi", 4));
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	char *data = NULL;
	size_t len = 0;
	/* name is relative to the open folder, whatever the working folder. */
	assert_int_equal(fsin_read_file_at(dfd, "post.md", "site/posts/post.md", 100, &data, &len), 0);
	assert_int_equal(len, 4);
	assert_string_equal(data, "# hi");
	free(data);
	/* Messages name the path given, not the name opened. */
	tu_capture();
	assert_int_equal(fsin_read_file_at(dfd, "gone.md", "site/posts/gone.md", 100, &data, &len), -1);
	assert_non_null(strstr(tu_release(), "site/posts/gone.md: error: cannot read:"));
	close(dfd);
	free(dir);
}

/* A file read whole is the build's input: noted under the path given,
 * with the stat it was read with. */
static void test_read_noted_as_input(void **state)
{
	(void)state;
	char *p = put("noted.txt", "12345");
	char *data = NULL;
	size_t len = 0;
	state_record_begin();
	assert_int_equal(fsin_read_file(p, 100, &data, &len), 0);
	free(data);
	struct state_note *notes;
	size_t n;
	assert_true(state_notes(&notes, &n));
	assert_int_equal(n, 1);
	assert_int_equal(notes[0].kind, 'i');
	assert_string_equal(notes[0].path, p);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(notes[0].st.st_size, 5);
	assert_int_equal(notes[0].st.st_ino, st.st_ino);
	free(notes);
	state_record_end();
	free(p);
}

static void test_fopen_regular(void **state)
{
	(void)state;
	char *p = put("f.txt", "line\n");
	FILE *f = fsin_fopen_regular(p);
	assert_non_null(f);
	char buf[16];
	assert_non_null(fgets(buf, sizeof buf, f));
	assert_string_equal(buf, "line\n");
	fclose(f);

	assert_null(fsin_fopen_regular(tu_dir)); /* a folder */
	char *missing = path_join(tu_dir, "missing");
	assert_null(fsin_fopen_regular(missing));
	char *fifo = path_join(tu_dir, "fifo2");
	assert_int_equal(mkfifo(fifo, 0644), 0);
	assert_null(fsin_fopen_regular(fifo)); /* returns at once */
	free(p);
	free(missing);
	free(fifo);
}

static void test_cmp_paths(void **state)
{
	(void)state;
	/* Bytewise: upper case before lower, '-' before '/', a prefix first. */
	const char *v[] = {"b", "a/b", "a-b", "B", "a", "é", "z"};
	const char *want[] = {"B", "a", "a-b", "a/b", "b", "z", "é"};
	qsort(v, 7, sizeof *v, fsin_cmp_paths);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(v[i], want[i]);
}

static bool keep_no_dot(const char *name, unsigned char type)
{
	(void)type;
	return name[0] != '.';
}

static bool keep_no_dirs(const char *name, unsigned char type)
{
	return name[0] != '.' && type != DT_DIR;
}

static void test_dir_names(void **state)
{
	(void)state;
	char *dir = path_join(tu_dir, "list");
	assert_int_equal(mkdir(dir, 0755), 0);
	const char *names[] = {"c.md", "a.md", "B.md", ".hidden", "b.md"};
	for (size_t i = 0; i < 5; i++)
		free(tu_write(dir, names[i], "x", 1));
	char *sub = path_join(dir, "sub");
	assert_int_equal(mkdir(sub, 0755), 0);

	size_t n = 99;
	char **got = fsin_dir_names(dir, keep_no_dot, &n);
	assert_non_null(got);
	assert_int_equal(n, 5);
	const char *want[] = {"B.md", "a.md", "b.md", "c.md", "sub"};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
	assert_null(got[n]);
	for (size_t i = 0; i < n; i++)
		free(got[i]);
	free(got);

	/* keep is given each entry's type (a folder is DT_DIR on the file
	 * systems tests run on). */
	got = fsin_dir_names(dir, keep_no_dirs, &n);
	assert_int_equal(n, 4);
	assert_string_equal(got[3], "c.md");
	for (size_t i = 0; i < n; i++)
		free(got[i]);
	free(got);

	char *missing = path_join(tu_dir, "no-such-dir");
	n = 99;
	assert_null(fsin_dir_names(missing, keep_no_dot, &n));
	assert_int_equal(n, 0);
	free(missing);
	free(sub);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_read_file_cap),
		cmocka_unit_test(test_read_file_refused),
		cmocka_unit_test(test_read_file_at),
		cmocka_unit_test(test_read_noted_as_input),
		cmocka_unit_test(test_fopen_regular),
		cmocka_unit_test(test_cmp_paths),
		cmocka_unit_test(test_dir_names),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, tu_teardown_tmpdir);
}
