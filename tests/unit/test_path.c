/* path: joining, folder parts, lexical clean-up, and "inside" as symbolic
 * links resolve it. */
#define _DEFAULT_SOURCE /* realpath */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"
#include "testutil.h"
#include "xalloc.h"

/* Assert that a new string s equals want, then free it. */
static void is(char *s, const char *want)
{
	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

static void test_join(void **state)
{
	(void)state;
	is(path_join("a", "b"), "a/b");
	/* Exactly one '/' however many either side brings. */
	is(path_join("a/", "b"), "a/b");
	is(path_join("a//", "b"), "a/b");
	is(path_join("out/cards", "x/y.png"), "out/cards/x/y.png");
	/* An absolute second piece, or an empty first, stands alone. */
	is(path_join("a", "/etc/b"), "/etc/b");
	is(path_join("", "b"), "b");
	is(path_join("/srv", "b"), "/srv/b");
}

static void test_dirname(void **state)
{
	(void)state;
	is(path_dirname("a/b/c.md"), "a/b");
	is(path_dirname("c.md"), ".");
	is(path_dirname("/c.md"), "/");
	is(path_dirname("/srv/site/feedcard.yaml"), "/srv/site");
}

static void test_join_clean(void **state)
{
	(void)state;
	/* What config.c needs: messages name "out", not "examples/../out". */
	is(path_join_clean("examples", "../out"), "out");
	is(path_join_clean(".", "posts"), "posts");
	is(path_join_clean(".", "./posts/"), "posts");
	is(path_join_clean("site", "./a/./b//c/"), "site/a/b/c");
	is(path_join_clean("site/sub", "../../x"), "x");
	/* Nothing left to fold into: the ".." stays, and so does a second. */
	is(path_join_clean("a", "../../x"), "../x");
	is(path_join_clean(".", "../../x"), "../../x");
	/* Nothing left at all: ".". */
	is(path_join_clean("a", ".."), ".");
	is(path_join_clean(".", "."), ".");
	/* Absolute stays absolute; an absolute rel ignores dir. */
	is(path_join_clean("/srv/site", "../out"), "/srv/out");
	is(path_join_clean("site", "/var/www/../out"), "/var/out");
}

/* A folder of the test's own, resolved (as path_dir_inside wants it). */
static char *real_dir(const char *rel)
{
	char *p = path_join(tu_dir, rel);
	assert_int_equal(mkdir(p, 0755), 0);
	char buf[PATH_MAX];
	assert_non_null(realpath(p, buf));
	free(p);
	return xstrdup(buf);
}

static void test_dir_inside(void **state)
{
	(void)state;
	char *root = real_dir("root");
	char *outside = real_dir("root-not"); /* shares the root's name as a prefix */
	char *sub = path_join(root, "sub");
	assert_int_equal(mkdir(sub, 0755), 0);

	assert_true(path_dir_inside(root, root));
	assert_true(path_dir_inside(root, sub));
	/* Not made yet: judged by its deepest existing ancestor. */
	char *future = path_join(root, "sub/not/yet");
	assert_true(path_dir_inside(root, future));
	/* A name that only starts like the root is not in it. */
	assert_false(path_dir_inside(root, outside));
	char *future_out = path_join(outside, "x/y");
	assert_false(path_dir_inside(root, future_out));
	/* ".." leads out, lexically or not. */
	char *up = path_join(root, "sub/../../root-not");
	assert_false(path_dir_inside(root, up));

	/* A link inside the root that leads out is out; one that leads
	 * back in is in. */
	char *out_link = path_join(root, "out-link");
	assert_int_equal(symlink(outside, out_link), 0);
	assert_false(path_dir_inside(root, out_link));
	char *out_deep = path_join(out_link, "new/folder");
	assert_false(path_dir_inside(root, out_deep));
	char *in_link = path_join(root, "in-link");
	assert_int_equal(symlink(sub, in_link), 0);
	assert_true(path_dir_inside(root, in_link));

	free(root);
	free(outside);
	free(sub);
	free(future);
	free(future_out);
	free(up);
	free(out_link);
	free(out_deep);
	free(in_link);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_dirname),
		cmocka_unit_test(test_join_clean),
		cmocka_unit_test(test_dir_inside),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, tu_teardown_tmpdir);
}
