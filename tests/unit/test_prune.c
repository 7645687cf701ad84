/* prune: which files of the previous build's list are removed (those this
 * build did not make), which never are (anything not listed, anything
 * outside the output folder, folders, links, feedcard's own files), the
 * folders that emptied, and the list each call saves for the next. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prune.h"
#include "testutil.h"
#include "xalloc.h"

static char *out;   /* the output folder: tu_dir/out */
static int counter; /* tells each test's output folder apart */

/* A fresh output folder per test, inside the group's scratch folder. */
static int each_setup(void **state)
{
	(void)state;
	out = xasprintf("%s/out%d", tu_dir, counter++);
	return mkdir(out, 0755);
}

static int each_teardown(void **state)
{
	(void)state;
	free(out);
	out = NULL;
	return 0;
}

static char *at(const char *rel)
{
	return xasprintf("%s/%s", out, rel);
}

/* Make out/rel with its folders, holding "x". */
static void put(const char *rel)
{
	char *p = at(rel);
	for (char *s = strchr(p + strlen(out) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		assert_true(mkdir(p, 0755) == 0 || errno == EEXIST);
		*s = '/';
	}
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("x", f);
	fclose(f);
	free(p);
}

static bool exists(const char *rel)
{
	char *p = at(rel);
	struct stat st;
	bool r = lstat(p, &st) == 0;
	free(p);
	return r;
}

/* The saved list, as text ("" when there is none). Caller frees. */
static char *list(void)
{
	char *p = at(".feedcard-outputs");
	FILE *f = fopen(p, "r");
	free(p);
	if (!f)
		return xstrdup("");
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return xstrdup(buf);
}

/* Run prune_stale on the given relative paths (made absolute here);
 * returns its count. Messages go to tu_msgs. */
static size_t prune(const char *const *rels, size_t n)
{
	char **v = xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = at(rels[i]);
	tu_capture();
	size_t removed = prune_stale(out, v, n);
	tu_release();
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return removed;
}

static void write_list(const char *text)
{
	char *p = at(".feedcard-outputs");
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

/* The first build has no list: nothing removed, its own list saved in the
 * order given, once each. */
static void test_first_build(void **state)
{
	(void)state;
	const char *made[] = {"rss.xml", "blog/2024/a/ogimage.jpg", "atom.xml", "rss.xml"};
	for (size_t i = 0; i < 3; i++)
		put(made[i]);
	put("mine.txt");
	assert_int_equal(prune(made, 4), 0);
	assert_string_equal(strbuf_str(&tu_msgs), "");
	char *l = list();
	assert_string_equal(l, "feedcard-outputs 1\nrss.xml\nblog/2024/a/ogimage.jpg\natom.xml\n");
	free(l);
	assert_true(exists("mine.txt"));
}

/* What the next build does not make goes, with the folders that leaves
 * empty (up to the output folder, which stays); the rest stays. */
static void test_stale_removed(void **state)
{
	(void)state;
	const char *first[] = {"rss.xml", "blog/2024/01/a/ogimage.jpg", "blog/2024/02/b/ogimage.jpg",
			       "tags/bpf/rss.xml", "only/file.xml"};
	for (size_t i = 0; i < 5; i++)
		put(first[i]);
	put("blog/2024/01/notes.txt"); /* the user's own, beside a stale card */
	assert_int_equal(prune(first, 5), 0);

	const char *second[] = {"rss.xml", "blog/2024/02/b/ogimage.jpg"};
	assert_int_equal(prune(second, 2), 3);
	assert_string_equal(strbuf_str(&tu_msgs), "");
	assert_true(exists("rss.xml"));
	assert_true(exists("blog/2024/02/b/ogimage.jpg"));
	assert_false(exists("blog/2024/01/a/ogimage.jpg"));
	assert_false(exists("blog/2024/01/a"));       /* emptied */
	assert_true(exists("blog/2024/01/notes.txt")); /* not listed: kept */
	assert_true(exists("blog/2024/01"));           /* not empty: kept */
	assert_false(exists("tags/bpf/rss.xml"));
	assert_false(exists("tags"));
	assert_false(exists("only"));
	struct stat st;
	assert_int_equal(stat(out, &st), 0); /* the output folder itself stays */
	char *l = list();
	assert_string_equal(l, "feedcard-outputs 1\nrss.xml\nblog/2024/02/b/ogimage.jpg\n");
	free(l);
	/* The same outputs again: nothing to remove. */
	assert_int_equal(prune(second, 2), 0);
}

/* Paths this build names that are not in its output folder, or that a
 * list must not hold, are left out of the list. */
static void test_list_filters(void **state)
{
	(void)state;
	char *outside = xasprintf("%s/elsewhere.xml", tu_dir);
	char *sibling = xasprintf("%sx/rss.xml", out); /* out0x/... shares the prefix */
	char *v[] = {outside, sibling, at("a.xml"), at("../b.xml"), at("c/./d.xml"), at(".feedcard-state"),
		     at("x\ny.xml"), at("e//f.xml"), at("g.xml")};
	size_t n = sizeof v / sizeof *v;
	tu_capture();
	assert_int_equal(prune_stale(out, v, n), 0);
	tu_release();
	char *l = list();
	assert_string_equal(l, "feedcard-outputs 1\na.xml\ng.xml\n");
	free(l);
	/* The folder given with a trailing '/' is the same folder. */
	char *slash = xasprintf("%s/", out);
	char *w[] = {v[2]};
	tu_capture();
	assert_int_equal(prune_stale(slash, w, 1), 0);
	tu_release();
	l = list();
	assert_string_equal(l, "feedcard-outputs 1\na.xml\n");
	free(l);
	free(slash);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

/* A list someone edited: only plain files inside the folder are removed. */
static void test_tampered_list(void **state)
{
	(void)state;
	char *victim = xasprintf("%s/victim-%d.txt", tu_dir, counter);
	FILE *f = fopen(victim, "w");
	assert_non_null(f);
	fclose(f);
	char *elsewhere = xasprintf("%s/elsewhere-%d", tu_dir, counter);
	assert_int_equal(mkdir(elsewhere, 0755), 0);
	char *inner = xasprintf("%s/v.txt", elsewhere);
	f = fopen(inner, "w");
	assert_non_null(f);
	fclose(f);
	put("dir/keep.txt");
	put("gone.xml");
	put(".feedcard-cache");
	char *link = at("link.txt");
	assert_int_equal(symlink(victim, link), 0);
	char *linkdir = at("linkdir");
	assert_int_equal(symlink(elsewhere, linkdir), 0);

	char *text = xasprintf("feedcard-outputs 1\n../victim-%d.txt\n%s\ndir\nlink.txt\nlinkdir/v.txt\n"
			       ".feedcard-cache\ngone.xml\n",
			       counter, victim);
	write_list(text);
	free(text);
	const char *none[] = {"new.xml"};
	assert_int_equal(prune(none, 1), 1); /* gone.xml only */
	assert_false(exists("gone.xml"));
	assert_int_equal(access(victim, F_OK), 0);
	assert_int_equal(access(inner, F_OK), 0);
	assert_true(exists("link.txt"));
	assert_true(exists("dir/keep.txt"));
	assert_true(exists(".feedcard-cache"));
	free(victim);
	free(inner);
	free(elsewhere);
	free(link);
	free(linkdir);
}

/* A list of another kind or version, or one cut short, costs nothing. */
static void test_foreign_and_torn_lists(void **state)
{
	(void)state;
	put("a.xml");
	put("b.xml");
	write_list("feedcard-outputs 2\na.xml\n");
	const char *none[] = {"c.xml"};
	assert_int_equal(prune(none, 1), 0);
	assert_true(exists("a.xml"));
	/* The torn last line "b.x" could be a prefix of any name: left alone. */
	put("b.x");
	write_list("feedcard-outputs 1\na.xml\nb.x");
	assert_int_equal(prune(none, 1), 1);
	assert_false(exists("a.xml"));
	assert_true(exists("b.x"));
	assert_true(exists("b.xml"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_build, each_setup, each_teardown),
		cmocka_unit_test_setup_teardown(test_stale_removed, each_setup, each_teardown),
		cmocka_unit_test_setup_teardown(test_list_filters, each_setup, each_teardown),
		cmocka_unit_test_setup_teardown(test_tampered_list, each_setup, each_teardown),
		cmocka_unit_test_setup_teardown(test_foreign_and_torn_lists, each_setup, each_teardown),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, tu_teardown_tmpdir);
}
