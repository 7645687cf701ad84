/* Unit tests for diag: paths relative to the current folder, and repeated
 * kinds of messages summed up in one line (or listed with --verbose). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <sys/stat.h>

#include "diag.h"
#include "testutil.h"

/* ---- stderr, read back ---- */

static FILE *err_file;
static int err_saved = -1;

static void err_begin(void)
{
	fflush(stderr);
	err_file = tmpfile();
	assert_non_null(err_file);
	err_saved = dup(2);
	assert_true(dup2(fileno(err_file), 2) >= 0);
}

/* What was printed since err_begin; caller frees. */
static char *err_end(void)
{
	fflush(stderr);
	assert_true(dup2(err_saved, 2) >= 0);
	close(err_saved);
	long n = ftell(err_file);
	assert_true(n >= 0);
	char *text = calloc(1, (size_t)n + 1);
	rewind(err_file);
	assert_int_equal(fread(text, 1, (size_t)n, err_file), (size_t)n);
	fclose(err_file);
	return text;
}

/* ---- paths ---- */

/* The process works in <tmp>/top/site, reached through $PWD as the link
 * <tmp>/alias: set before diag first reads the current folder. */
static char *top;
static char cwd[PATH_MAX];

static int paths_setup(void **state)
{
	(void)state;
	top = tu_tmpdir();
	if (!top)
		return -1;
	char site[PATH_MAX], alias[PATH_MAX];
	snprintf(site, sizeof site, "%s/top", top);
	if (mkdir(site, 0700) != 0)
		return -1;
	snprintf(site, sizeof site, "%s/top/site", top);
	snprintf(alias, sizeof alias, "%s/alias", top);
	if (mkdir(site, 0700) != 0 || symlink(site, alias) != 0 || chdir(site) != 0 || !getcwd(cwd, sizeof cwd))
		return -1;
	setenv("PWD", alias, 1);
	return 0;
}

static int paths_teardown(void **state)
{
	(void)state;
	int rc = chdir("/") == 0 ? tu_rmtree(top) : -1;
	free(top);
	return rc;
}

static void test_path_relative(void **state)
{
	(void)state;
	char p[PATH_MAX * 2];
	/* Under the current folder, named absolutely: what follows it. */
	snprintf(p, sizeof p, "%s/content/x.md", cwd);
	assert_string_equal(diag_path(p), "content/x.md");
	assert_ptr_equal(diag_path(p), p + strlen(cwd) + 1); /* a pointer into it */
	snprintf(p, sizeof p, "%s//x.md", cwd);
	assert_string_equal(diag_path(p), "x.md");
	assert_string_equal(diag_path(cwd), ".");
	/* Through the shell's name for it ($PWD, a symbolic link here). */
	snprintf(p, sizeof p, "%s/alias/content/x.md", top);
	assert_string_equal(diag_path(p), "content/x.md");
	/* "./" goes; ".." that comes back down into the current folder too. */
	assert_string_equal(diag_path("./x.md"), "x.md");
	assert_string_equal(diag_path("././content/x.md"), "content/x.md");
	assert_string_equal(diag_path("../site/x.md"), "x.md");
	assert_string_equal(diag_path("../../top/site/a/x.md"), "a/x.md");
	assert_string_equal(diag_path("../site"), ".");
	/* Outside it: as given. */
	const char *out[] = { "../other/x.md", "../sitex/x.md", "../../top/other/x.md", "../x.md",
			      "/elsewhere/x.md", "../../../../../../../../../../../../x.md" };
	for (size_t i = 0; i < sizeof out / sizeof *out; i++)
		assert_ptr_equal(diag_path(out[i]), out[i]);
	snprintf(p, sizeof p, "%sx/x.md", cwd); /* a sibling whose name starts alike */
	assert_ptr_equal(diag_path(p), p);
	/* Plain relative paths are returned as they are, without a look. */
	const char *plain = "content/x.md";
	assert_ptr_equal(diag_path(plain), plain);
	assert_null(diag_path(NULL));
}

static void test_path_in_messages(void **state)
{
	(void)state;
	char p[PATH_MAX * 2];
	snprintf(p, sizeof p, "%s/posts/a.md", cwd);
	tu_capture();
	diag_error(p, 3, 5, "bad");
	diag_warning("../site/posts/b.md", 0, 0, "odd");
	diag_note("/elsewhere/c.md", 1, 0, "fyi");
	assert_string_equal(tu_release(), "posts/a.md:3:5: error: bad\n"
					  "posts/b.md: warning: odd\n"
					  "/elsewhere/c.md:1: note: fyi\n");
	diag_reset();
}

/* ---- repeated kinds ---- */

static struct diag_kind kind_same = DIAG_KIND(DIAG_NOTE, "%d pairs of posts have the same date");
static struct diag_kind kind_shortcode = DIAG_KIND(DIAG_WARNING, "%d shortcodes were removed");

static void test_kind_summary(void **state)
{
	(void)state;
	diag_reset();
	diag_set_verbose(false);
	err_begin();
	diag_kind(&kind_same, "a.md", 0, 0, "has the same date as %s", "b.md");
	diag_kind(&kind_same, "c.md", 0, 0, "has the same date as %s", "d.md");
	diag_kind(&kind_shortcode, "e.md", 4, 2, "removed Hugo shortcode '%s'", "tweet");
	diag_kind(&kind_same, "e.md", 0, 0, "has the same date as %s", "f.md");
	assert_int_equal(diag_kind_count(&kind_same), 3);
	assert_int_equal(diag_kind_count(&kind_shortcode), 1);
	/* Nothing is printed as they come; the warning counts at once. */
	fflush(stderr);
	assert_int_equal(ftell(err_file), 0);
	assert_int_equal(diag_warning_count(), 1);
	diag_kinds_end();
	char *text = err_end();
	/* One line per kind; a kind seen once is printed as it was reported. */
	assert_string_equal(text, "feedcard: note: 3 pairs of posts have the same date (the first: a.md: has the "
				  "same date as b.md; --verbose lists them all)\n"
				  "e.md:4:2: warning: removed Hugo shortcode 'tweet'\n");
	free(text);
	/* The counts start again after the summary. */
	assert_int_equal(diag_kind_count(&kind_same), 0);
	err_begin();
	diag_kinds_end();
	text = err_end();
	assert_string_equal(text, "");
	free(text);
	diag_reset();
}

static void test_kind_verbose(void **state)
{
	(void)state;
	diag_reset();
	diag_set_verbose(true);
	err_begin();
	for (int i = 0; i < 3; i++)
		diag_kind(&kind_shortcode, "p.md", i + 1, 1, "removed Hugo shortcode 'x%d'", i);
	diag_kinds_end();
	char *text = err_end();
	assert_string_equal(text, "p.md:1:1: warning: removed Hugo shortcode 'x0'\n"
				  "p.md:2:1: warning: removed Hugo shortcode 'x1'\n"
				  "p.md:3:1: warning: removed Hugo shortcode 'x2'\n");
	assert_int_equal(diag_warning_count(), 3);
	free(text);
	diag_set_verbose(false);
	diag_reset();
}

/* Captured messages (one buffer per post, flushed in file order by the
 * build) count in flush order, so the first named is the first in input
 * order whichever thread reported first. */
static void test_kind_captured_order(void **state)
{
	(void)state;
	diag_reset();
	struct strbuf first = STRBUF_INIT, second = STRBUF_INIT;
	diag_capture_begin(&second, false);
	diag_kind(&kind_same, "2.md", 0, 0, "same");
	diag_warning("2.md", 0, 0, "a plain warning");
	diag_capture_end();
	diag_capture_begin(&first, false);
	diag_kind(&kind_same, "1.md", 0, 0, "same");
	diag_capture_end();
	/* The marker travels with the line, for diag_flush. */
	assert_non_null(strchr(first.data, DIAG_KIND_MARK));
	err_begin();
	diag_flush(&first);
	diag_flush(&second);
	diag_kinds_end();
	char *text = err_end();
	assert_string_equal(text, "2.md: warning: a plain warning\n"
				  "feedcard: note: 2 pairs of posts have the same date (the first: 1.md: same; "
				  "--verbose lists them all)\n");
	free(text);
	/* With --verbose, flushing prints them in place. */
	diag_set_verbose(true);
	err_begin();
	diag_flush(&second);
	diag_flush(&first);
	diag_kinds_end();
	text = err_end();
	assert_string_equal(text, "2.md: note: same\n2.md: warning: a plain warning\n1.md: note: same\n");
	free(text);
	diag_set_verbose(false);
	strbuf_release(&first);
	strbuf_release(&second);
	diag_reset();
}

static void test_kind_quiet_and_mute(void **state)
{
	(void)state;
	diag_reset();
	diag_set_quiet(true);
	err_begin();
	diag_kind(&kind_shortcode, "q.md", 0, 0, "removed");
	diag_kind(&kind_shortcode, "q.md", 0, 0, "removed");
	diag_kinds_end();
	char *text = err_end();
	assert_string_equal(text, "");
	assert_int_equal(diag_warning_count(), 2); /* quiet hides, it still counts */
	free(text);
	diag_set_quiet(false);
	diag_reset();
	diag_mute(true);
	diag_kind(&kind_shortcode, "m.md", 0, 0, "removed");
	diag_mute(false);
	assert_int_equal(diag_warning_count(), 0);
	assert_int_equal(diag_kind_count(&kind_shortcode), 0);
	/* diag_reset forgets what was reported and not yet summed up. */
	diag_kind(&kind_shortcode, "r.md", 0, 0, "removed");
	diag_reset();
	err_begin();
	diag_kinds_end();
	text = err_end();
	assert_string_equal(text, "");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_relative),
		cmocka_unit_test(test_path_in_messages),
		cmocka_unit_test(test_kind_summary),
		cmocka_unit_test(test_kind_verbose),
		cmocka_unit_test(test_kind_captured_order),
		cmocka_unit_test(test_kind_quiet_and_mute),
	};
	return cmocka_run_group_tests(tests, paths_setup, paths_teardown);
}
