/* fsout: what a write promises. Unchanged bytes are not rewritten; a
 * replaced file is a new file renamed into place, with no temporary file
 * left; a batch's files appear only at commit and never after an abort;
 * folders are made as needed; a symbolic link leading out of a batch's
 * root is refused. */
#define _DEFAULT_SOURCE /* d_type */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "fsin.h"
#include "fsout.h"
#include "path.h"
#include "state.h"
#include "testutil.h"
#include "xalloc.h"

/* A new empty folder for one test, below the group's. Caller frees. */
static char *fresh(const char *name)
{
	char *d = path_join(tu_dir, name);
	assert_int_equal(mkdir(d, 0755), 0);
	return d;
}

/* Assert that the file at dir/rel holds exactly text. */
static void holds(const char *dir, const char *rel, const char *text)
{
	char *p = path_join(dir, rel);
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(fsin_read_file(p, 1 << 20, &data, &len), 0);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(data, text, len);
	free(data);
	free(p);
}

static bool exists(const char *dir, const char *rel)
{
	char *p = path_join(dir, rel);
	struct stat st;
	bool e = lstat(p, &st) == 0;
	free(p);
	return e;
}

static bool keep_all(const char *name, unsigned char type)
{
	(void)type;
	return strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* The names in dir, joined by spaces ("" when empty or missing). */
static char *listing(const char *dir)
{
	size_t n = 0;
	char **v = fsin_dir_names(dir, keep_all, &n);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		strbuf_printf(&sb, "%s%s", i ? " " : "", v[i]);
		free(v[i]);
	}
	free(v);
	return strbuf_detach(&sb, NULL);
}

/* How many names dir holds. */
static size_t count(const char *dir)
{
	size_t n = 0;
	char **v = fsin_dir_names(dir, keep_all, &n);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return n;
}

static void lists(const char *dir, const char *want)
{
	char *got = listing(dir);
	assert_string_equal(got, want);
	free(got);
}

/* Put a file's times an hour back, so that a rewrite would show. */
static void age(const char *path)
{
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 3600;
	tv[1] = tv[0];
	assert_int_equal(utimes(path, tv), 0);
}

static void test_mkdirs(void **state)
{
	(void)state;
	char *d = fresh("mk");
	char *deep = path_join(d, "a/b/c");
	assert_int_equal(fsout_mkdirs(deep), 0);
	struct stat st;
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(fsout_mkdirs(deep), 0); /* already there */

	/* A file where a folder is wanted: refused, named at the file. */
	free(tu_write(d, "a/file", "x", 1));
	char *blocked = path_join(d, "a/file/sub");
	tu_capture();
	assert_int_equal(fsout_mkdirs(blocked), -1);
	assert_non_null(strstr(tu_release(), "a/file: error: cannot create folder: a file of that name is in the way"));
	assert_false(exists(d, "a/file/sub"));
	free(blocked);
	free(deep);
	free(d);
}

static void test_write_new_and_replace(void **state)
{
	(void)state;
	char *d = fresh("w");
	char *p = path_join(d, "sub/dir/f.txt");
	bool unchanged = true;
	/* Parent folders are made; the file holds the bytes. */
	assert_int_equal(fsout_write(p, "one", 3, &unchanged), 0);
	assert_false(unchanged);
	holds(d, "sub/dir/f.txt", "one");
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);

	/* New bytes: a new file renamed over the old (a new inode, so a
	 * reader holding the old one never sees it change), and no
	 * temporary file left beside it. */
	struct stat before, after;
	assert_int_equal(stat(p, &before), 0);
	assert_int_equal(fsout_write(p, "two!", 4, &unchanged), 0);
	assert_false(unchanged);
	holds(d, "sub/dir/f.txt", "two!");
	assert_int_equal(stat(p, &after), 0);
	assert_int_not_equal(before.st_ino, after.st_ino);
	char *sub = path_join(d, "sub/dir");
	lists(sub, "f.txt");
	free(sub);
	free(p);
	free(d);
}

static void test_write_unchanged_skips(void **state)
{
	(void)state;
	char *d = fresh("u");
	char *p = path_join(d, "f.txt");
	assert_int_equal(fsout_write(p, "same", 4, NULL), 0);
	age(p);
	struct stat before, after;
	assert_int_equal(stat(p, &before), 0);
	bool unchanged = false;
	assert_int_equal(fsout_write(p, "same", 4, &unchanged), 0);
	assert_true(unchanged);
	/* Not touched at all: same inode, same (old) time. */
	assert_int_equal(stat(p, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(before.st_mtime, after.st_mtime);

	/* Same length, other bytes: written. */
	assert_int_equal(fsout_write(p, "SAME", 4, &unchanged), 0);
	assert_false(unchanged);
	holds(d, "f.txt", "SAME");
	lists(d, "f.txt");
	free(p);
	free(d);
}

static void test_write_folder_in_the_way(void **state)
{
	(void)state;
	char *d = fresh("fw");
	char *p = path_join(d, "taken");
	assert_int_equal(mkdir(p, 0755), 0);
	tu_capture();
	assert_int_equal(fsout_write(p, "x", 1, NULL), -1);
	assert_non_null(strstr(tu_release(), "taken: error: cannot replace file:"));
	/* The folder stays and the temporary file went. */
	lists(d, "taken");
	free(p);
	free(d);
}

static void test_write_cache(void **state)
{
	(void)state;
	char *d = fresh("c");
	char *p = path_join(d, ".cache");
	assert_int_equal(fsout_write_cache(p, "v1", 2), 0);
	holds(d, ".cache", "v1");
	assert_int_equal(fsout_write_cache(p, "version 2", 9), 0);
	holds(d, ".cache", "version 2");
	lists(d, ".cache");
	free(p);
	free(d);
}

static void test_batch_commit(void **state)
{
	(void)state;
	char *root = path_join(tu_dir, "bc/out"); /* made by the batch */
	char *tmp = path_join(root, ".feedcard-tmp");
	char *a = path_join(root, "a.xml"), *b = path_join(root, "deep/er/b.json");
	state_record_begin();
	struct fsout_batch *bt = fsout_batch_new(root);
	assert_non_null(bt);
	bool unchanged = true;
	assert_int_equal(fsout_batch_write(bt, a, "<a/>", 4, &unchanged), 0);
	assert_false(unchanged);
	assert_int_equal(fsout_batch_write(bt, b, "{}", 2, NULL), 0);
	/* Staged, not yet in place. */
	assert_false(exists(root, "a.xml"));
	assert_false(exists(root, "deep/er/b.json"));
	assert_int_equal(count(tmp), 2);
	assert_int_equal(fsout_batch_commit(bt), 0);
	holds(root, "a.xml", "<a/>");
	holds(root, "deep/er/b.json", "{}");
	/* The temporary folder is gone; the outputs were noted. */
	assert_false(exists(root, ".feedcard-tmp"));
	char **outs;
	assert_int_equal(state_outputs(&outs), 2);
	assert_string_equal(outs[0], a);
	assert_string_equal(outs[1], b);
	free(outs[0]);
	free(outs[1]);
	free(outs);
	state_record_end();

	/* The same bytes again: nothing staged, the file left alone, and
	 * still noted as an output (it is part of the output). */
	age(a);
	struct stat before, after;
	assert_int_equal(stat(a, &before), 0);
	state_record_begin();
	bt = fsout_batch_new(root);
	assert_int_equal(fsout_batch_write(bt, a, "<a/>", 4, &unchanged), 0);
	assert_true(unchanged);
	lists(tmp, "");
	assert_int_equal(fsout_batch_commit(bt), 0);
	assert_int_equal(stat(a, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(before.st_mtime, after.st_mtime);
	assert_int_equal(state_outputs(&outs), 1);
	assert_string_equal(outs[0], a);
	free(outs[0]);
	free(outs);
	state_record_end();
	free(a);
	free(b);
	free(tmp);
	free(root);
}

static void test_batch_abort(void **state)
{
	(void)state;
	char *root = fresh("ba");
	char *old = path_join(root, "old.txt"), *add = path_join(root, "new.txt");
	assert_int_equal(fsout_write(old, "before", 6, NULL), 0);
	struct fsout_batch *bt = fsout_batch_new(root);
	assert_int_equal(fsout_batch_write(bt, old, "after", 5, NULL), 0);
	assert_int_equal(fsout_batch_write(bt, add, "new", 3, NULL), 0);
	fsout_batch_abort(bt);
	/* No target touched, no temporary file left. */
	holds(root, "old.txt", "before");
	lists(root, "old.txt");
	fsout_batch_abort(NULL); /* does nothing */
	free(old);
	free(add);
	free(root);
}

static void test_batch_clears_killed_build(void **state)
{
	(void)state;
	char *root = fresh("bk");
	char *tmp = path_join(root, ".feedcard-tmp");
	assert_int_equal(mkdir(tmp, 0755), 0);
	free(tu_write(tmp, "AbC123", "half a file", 11));
	struct fsout_batch *bt = fsout_batch_new(root);
	assert_non_null(bt);
	lists(tmp, "");
	fsout_batch_abort(bt);
	lists(root, "");
	free(tmp);
	free(root);
}

static void test_batch_refuses_link_out(void **state)
{
	(void)state;
	char *root = fresh("bl");
	char *outside = fresh("bl-outside");
	char *inside = path_join(root, "real");
	assert_int_equal(mkdir(inside, 0755), 0);
	char *out_link = path_join(root, "cards"), *in_link = path_join(root, "alias");
	assert_int_equal(symlink(outside, out_link), 0);
	assert_int_equal(symlink(inside, in_link), 0);

	struct fsout_batch *bt = fsout_batch_new(root);
	char *bad = path_join(out_link, "x.png"), *bad_deep = path_join(out_link, "new/x.png");
	tu_capture();
	assert_int_equal(fsout_batch_write(bt, bad, "png", 3, NULL), -1);
	assert_null(fsout_batch_stream(bt, bad_deep));
	const char *msgs = tu_release();
	assert_non_null(strstr(msgs, "cards/x.png: error: refusing to write outside the output folder"));
	assert_non_null(strstr(msgs, "cards/new/x.png: error: refusing to write outside the output folder"));
	/* A link that leads back inside is fine. */
	char *good = path_join(in_link, "y.png");
	assert_int_equal(fsout_batch_write(bt, good, "ok", 2, NULL), 0);
	assert_int_equal(fsout_batch_commit(bt), 0);
	lists(outside, "");
	holds(inside, "y.png", "ok");
	free(bad);
	free(bad_deep);
	free(good);
	free(out_link);
	free(in_link);
	free(inside);
	free(outside);
	free(root);
}

static void test_batch_folder_in_the_way(void **state)
{
	(void)state;
	char *root = fresh("bf");
	char *p = path_join(root, "feed.xml");
	assert_int_equal(mkdir(p, 0755), 0);
	struct fsout_batch *bt = fsout_batch_new(root);
	tu_capture();
	assert_int_equal(fsout_batch_write(bt, p, "x", 1, NULL), -1);
	assert_non_null(strstr(tu_release(), "feed.xml: error: cannot write: a folder of that name is in the way"));
	fsout_batch_abort(bt);
	free(p);
	free(root);
}

static void test_stream(void **state)
{
	(void)state;
	char *root = fresh("bs");
	char *p = path_join(root, "big.xml"), *q = path_join(root, "dropped.xml");
	struct fsout_batch *bt = fsout_batch_new(root);
	struct fsout_stream *s = fsout_batch_stream(bt, p);
	assert_non_null(s);
	assert_int_equal(fsout_stream_write(s, "<feed>", 6), 0);
	assert_int_equal(fsout_stream_write(s, "</feed>", 7), 0);
	bool unchanged = true;
	assert_int_equal(fsout_stream_finish(bt, s, true, &unchanged), 0);
	assert_false(unchanged);
	/* Not kept: dropped, 0 returned, nothing left. */
	s = fsout_batch_stream(bt, q);
	assert_int_equal(fsout_stream_write(s, "half", 4), 0);
	assert_int_equal(fsout_stream_finish(bt, s, false, &unchanged), 0);
	assert_false(exists(root, "big.xml")); /* not before the commit */
	assert_int_equal(fsout_batch_commit(bt), 0);
	holds(root, "big.xml", "<feed></feed>");
	lists(root, "big.xml");

	/* The same bytes streamed again: left alone and marked unchanged;
	 * bytes that differ only at the end are written. */
	age(p);
	struct stat before, after;
	assert_int_equal(stat(p, &before), 0);
	bt = fsout_batch_new(root);
	s = fsout_batch_stream(bt, p);
	assert_int_equal(fsout_stream_write(s, "<feed></feed>", 13), 0);
	assert_int_equal(fsout_stream_finish(bt, s, true, &unchanged), 0);
	assert_true(unchanged);
	assert_int_equal(fsout_batch_commit(bt), 0);
	assert_int_equal(stat(p, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(before.st_mtime, after.st_mtime);

	bt = fsout_batch_new(root);
	s = fsout_batch_stream(bt, p);
	assert_int_equal(fsout_stream_write(s, "<feed></feeD>", 13), 0);
	assert_int_equal(fsout_stream_finish(bt, s, true, &unchanged), 0);
	assert_false(unchanged);
	assert_int_equal(fsout_batch_commit(bt), 0);
	holds(root, "big.xml", "<feed></feeD>");
	free(p);
	free(q);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mkdirs),
		cmocka_unit_test(test_write_new_and_replace),
		cmocka_unit_test(test_write_unchanged_skips),
		cmocka_unit_test(test_write_folder_in_the_way),
		cmocka_unit_test(test_write_cache),
		cmocka_unit_test(test_batch_commit),
		cmocka_unit_test(test_batch_abort),
		cmocka_unit_test(test_batch_clears_killed_build),
		cmocka_unit_test(test_batch_refuses_link_out),
		cmocka_unit_test(test_batch_folder_in_the_way),
		cmocka_unit_test(test_stream),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, tu_teardown_tmpdir);
}
