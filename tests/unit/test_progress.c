/* progress: no bar unless stderr is a terminal (and not quiet, and there
 * is something to count); on a terminal (a pseudo-terminal here), the
 * last item always draws the full bar with its count, and done erases the
 * line. No check depends on the 100 ms between redraws. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progress.h"

static void test_no_terminal(void **state)
{
	(void)state;
	/* stderr onto a file that is not a terminal. */
	fflush(stderr);
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	assert_true(saved >= 0 && null >= 0);
	assert_int_equal(dup2(null, STDERR_FILENO), STDERR_FILENO);
	struct progress *p = progress_new("cards", 10, false);
	assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
	close(saved);
	close(null);
	assert_null(p);
	/* Every function takes NULL. */
	progress_tick(NULL);
	progress_done(NULL);
}

static int saved_stderr = -1, master = -1;

/* stderr onto a new pseudo-terminal; its other end in master. */
static void to_pty(void)
{
	int slave;
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	assert_true(saved_stderr >= 0);
	assert_int_equal(dup2(slave, STDERR_FILENO), STDERR_FILENO);
	close(slave);
}

/* stderr back; what was written to the terminal, NUL-terminated (caller frees). */
static char *from_pty(void)
{
	fflush(stderr);
	assert_int_equal(dup2(saved_stderr, STDERR_FILENO), STDERR_FILENO);
	close(saved_stderr);
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	for (ssize_t r; len + 1 < cap && (r = read(master, buf + len, cap - 1 - len)) > 0;)
		len += (size_t)r;
	buf[len] = '\0';
	close(master);
	return buf;
}

static void test_terminal(void **state)
{
	(void)state;
	to_pty();
	struct progress *quiet = progress_new("cards", 3, true);
	struct progress *none = progress_new("cards", 0, false);
	struct progress *p = progress_new("cards", 3, false);
	int drawn = p != NULL;
	for (int i = 0; i < 3; i++)
		progress_tick(p);
	progress_done(p);
	char *out = from_pty();
	assert_null(quiet);
	assert_null(none);
	assert_true(drawn);
	/* The last tick drew the whole bar; done erased it. */
	const char *full = strstr(out, "\rcards [##############################] 3/3  ");
	if (!full)
		fail_msg("no full bar in '%s'", out);
	assert_non_null(strstr(full, " ETA 0s "));
	size_t n = strlen(out);
	assert_true(n >= 4);
	assert_string_equal(out + n - 4, "\r\033[K");
	/* Never more than the items. */
	assert_null(strstr(out, "4/3"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_terminal),
		cmocka_unit_test(test_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
