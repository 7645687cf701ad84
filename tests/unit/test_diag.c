/* Unit tests for diag: paths relative to the current folder, repeated
 * kinds of messages summed up in one line (or listed with --verbose), the
 * messages of a command (usage errors, status and log lines) and the
 * internal errors that end the run (diag_fatal, xalloc's out-of-memory). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "diag.h"
#include "testutil.h"
#include "xalloc.h"

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

/* ---- messages of a command ---- */

static void test_usage(void **state)
{
	(void)state;
	diag_reset();
	err_begin();
	diag_usage("build", "unknown option '%s' (see feedcard %s --help)", "--frob", "build");
	diag_usage(NULL, "unknown command '%s' (see feedcard --help)", "frob");
	diag_set_quiet(true); /* errors are printed all the same */
	diag_usage("serve", "--timeout wants seconds from 1 to %d", 3600);
	diag_set_quiet(false);
	char *text = err_end();
	assert_string_equal(text, "feedcard build: error: unknown option '--frob' (see feedcard build --help)\n"
				  "feedcard: error: unknown command 'frob' (see feedcard --help)\n"
				  "feedcard serve: error: --timeout wants seconds from 1 to 3600\n");
	free(text);
	assert_int_equal(diag_error_count(), 3);
	assert_int_equal(diag_warning_count(), 0);
	/* Muted: dropped, not counted. Captured: kept in order with the rest. */
	diag_reset();
	diag_mute(true);
	diag_usage("build", "hidden");
	diag_mute(false);
	assert_int_equal(diag_error_count(), 0);
	tu_capture();
	diag_error("a.md", 1, 2, "first");
	diag_usage("card", "-o FILE is required");
	assert_string_equal(tu_release(), "a.md:1:2: error: first\nfeedcard card: error: -o FILE is required\n");
	assert_int_equal(diag_error_count(), 2);
	diag_reset();
}

static void test_status_and_info(void **state)
{
	(void)state;
	diag_reset();
	err_begin();
	diag_status(NULL, "%d error%s in %d of %d posts; nothing was written", 1, "", 1, 2);
	diag_status("serve", "the build failed; still serving the last good output");
	diag_info("serve", "%s \"%s\" %u", "127.0.0.1", "GET /", 200u);
	diag_info(NULL, "100%% plain"); /* the text is a format */
	/* Quiet hides the log, not what became of the run. */
	diag_set_quiet(true);
	diag_info("serve", "hidden");
	diag_status("serve", "still serving the previous output");
	diag_set_quiet(false);
	/* Muted: neither. */
	diag_mute(true);
	diag_info("serve", "muted");
	diag_status("serve", "muted");
	diag_mute(false);
	char *text = err_end();
	assert_string_equal(text, "feedcard: 1 error in 1 of 2 posts; nothing was written\n"
				  "feedcard serve: the build failed; still serving the last good output\n"
				  "feedcard serve: 127.0.0.1 \"GET /\" 200\n"
				  "feedcard: 100% plain\n"
				  "feedcard serve: still serving the previous output\n");
	free(text);
	/* Neither counts, as an error or a warning. */
	assert_int_equal(diag_error_count(), 0);
	assert_int_equal(diag_warning_count(), 0);
	/* A long line is whole. */
	char big[2000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	tu_capture();
	diag_info("serve", "%s", big);
	const char *got = tu_release();
	assert_int_equal(strlen(got), strlen("feedcard serve: \n") + sizeof big - 1);
	assert_memory_equal(got + strlen("feedcard serve: "), big, sizeof big - 1);
	diag_reset();
}

/* Another thread's log line is its own: not caught by this thread's
 * capture, printed at once. */
static void *info_thread(void *arg)
{
	(void)arg;
	diag_info("serve", "from the HTTP thread");
	return NULL;
}

static void test_info_per_thread(void **state)
{
	(void)state;
	diag_reset();
	err_begin();
	tu_capture();
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, info_thread, NULL), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	diag_status("build", "from the main thread");
	assert_string_equal(tu_release(), "feedcard build: from the main thread\n");
	char *text = err_end();
	assert_string_equal(text, "feedcard serve: from the HTTP thread\n");
	free(text);
	diag_reset();
}

/* ---- internal errors ---- */

/* Run fn in a child process with stderr to a file; its exit status (-1
 * when it did not exit) and what it printed (*text, caller frees). */
static int child_run(void (*fn)(void), char **text)
{
	fflush(NULL); /* the child's exit must not print our buffers twice */
	FILE *f = tmpfile();
	assert_non_null(f);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (dup2(fileno(f), 2) < 0)
			_exit(99);
		fn();
		_exit(98); /* fn returned */
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	*text = calloc(1, (size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(*text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void fatal_plain(void)
{
	diag_fatal("the XML writer failed (out of memory)");
}

/* Not captured, muted or quiet: the run ends before a capture is flushed. */
static void fatal_captured(void)
{
	static struct strbuf buf = STRBUF_INIT;
	diag_capture_begin(&buf, true);
	diag_set_quiet(true);
	diag_mute(true);
	diag_fatal("out of memory (%zu bytes)", (size_t)12);
}

static void fatal_long(void)
{
	char big[1000];
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	diag_fatal("%s", big);
}

/* xalloc's out-of-memory goes through diag_fatal: a size that overflows
 * fails before malloc is asked, so no allocator (or sanitizer) is in the way. */
static void fatal_xalloc(void)
{
	void *p = xreallocarray(NULL, SIZE_MAX / 2 + 1, 2);
	free(p);
}

static void test_fatal(void **state)
{
	(void)state;
	assert_int_equal(DIAG_EXIT_INTERNAL, 70); /* documented: sysexits.h's EX_SOFTWARE */
	char *text;
	assert_int_equal(child_run(fatal_plain, &text), DIAG_EXIT_INTERNAL);
	assert_string_equal(text, "feedcard: fatal: the XML writer failed (out of memory)\n");
	free(text);
	assert_int_equal(child_run(fatal_captured, &text), DIAG_EXIT_INTERNAL);
	assert_string_equal(text, "feedcard: fatal: out of memory (12 bytes)\n");
	free(text);
	/* A long text is cut, the line still whole: 511 bytes with its newline. */
	assert_int_equal(child_run(fatal_long, &text), DIAG_EXIT_INTERNAL);
	assert_int_equal(strlen(text), 511);
	assert_memory_equal(text, "feedcard: fatal: yyy", 20);
	assert_int_equal(text[510], '\n');
	free(text);
	char want[80];
	snprintf(want, sizeof want, "feedcard: fatal: out of memory (%zu bytes)\n", (size_t)SIZE_MAX);
	assert_int_equal(child_run(fatal_xalloc, &text), DIAG_EXIT_INTERNAL);
	assert_string_equal(text, want);
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
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_status_and_info),
		cmocka_unit_test(test_info_per_thread),
		cmocka_unit_test(test_fatal),
	};
	return cmocka_run_group_tests(tests, paths_setup, paths_teardown);
}
