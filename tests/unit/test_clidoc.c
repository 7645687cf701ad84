/* Unit tests for clidoc: the man page and completions hold every command
 * and option of the tables, escaped for roff and for the shells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card_module.h"
#include "cli.h"
#include "cli_table.h"
#include "clidoc.h"

/* The bytes written to f since it was opened (caller frees). A temporary
 * file, not open_memstream: gcc 12 takes the latter's buffer for a
 * dangling pointer. */
static char *slurp(FILE *f)
{
	long n = ftell(f);
	assert_true(n >= 0);
	char *buf = malloc((size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static char *capture_man(void)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(clidoc_man(f), 0);
	return slurp(f);
}

static char *capture_completion(const char *shell, int *rc)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	*rc = clidoc_completion(f, shell);
	return slurp(f);
}

/* "--name" as roff writes it: \-\-name, with the name's hyphens escaped. */
static void roff_long(char *out, size_t n, const char *name)
{
	size_t k = (size_t)snprintf(out, n, "\\fB\\-\\-");
	for (const char *p = name; *p && k + 3 < n; p++) {
		if (*p == '-')
			out[k++] = '\\';
		out[k++] = *p;
	}
	out[k] = '\0';
}

static void test_man_has_every_option(void **state)
{
	(void)state;
	char *man = capture_man();
	assert_non_null(strstr(man, ".TH FEEDCARD 1 "));
	size_t options = 0;
	for (const struct cli_command *c = cli_table; c->name; c++) {
		char want[256];
		snprintf(want, sizeof want, ".SS \"feedcard %s [options]\"\n", c->name);
		char *sec = strstr(man, want);
		assert_non_null(sec);
		const struct cli_option *o = card_module_command_options(c);
		assert_non_null(o);
		for (; o->id; o++, options++) {
			roff_long(want, sizeof want, o->long_name);
			assert_non_null(strstr(sec, want));
		}
	}
	assert_true(options > 20);
	/* Every line that starts with '.' is a request of man(7): no help text
	 * or summary starts a line with one unescaped. */
	for (const char *l = man; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (*l != '.')
			continue;
		static const char *const req[] = { ".\\\"", ".TH ", ".SH ", ".SS ", ".TP\n", ".B ", ".I ",
						   ".IR ", ".RI ", ".BR ", ".br\n", ".PP\n" };
		int ok = 0;
		for (size_t i = 0; i < sizeof req / sizeof req[0]; i++)
			ok |= strncmp(l, req[i], strlen(req[i])) == 0;
		if (!ok)
			fail_msg("not a man(7) request: %.40s", l);
	}
	/* No hyphen goes out unescaped in an option's tag or help. */
	for (const char *l = strstr(man, ".SH COMMANDS"); l && strncmp(l, ".SH EXIT", 8) != 0;
	     l = strchr(l, '\n') + 1) {
		const char *end = strchr(l, '\n');
		for (const char *p = l; p < end; p++)
			if (*p == '-' && (p == l || p[-1] != '\\'))
				fail_msg("unescaped '-' in: %.*s", (int)(end - l), l);
	}
	free(man);
}

static void test_completions(void **state)
{
	(void)state;
	int rc;
	char *bash = capture_completion("bash", &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(bash, "complete -o filenames -F _feedcard feedcard\n"));
	char *zsh = capture_completion("zsh", &rc);
	assert_int_equal(rc, 0);
	assert_true(strncmp(zsh, "#compdef feedcard\n", 18) == 0);
	for (const struct cli_command *c = cli_table; c->name; c++) {
		char want[128];
		snprintf(want, sizeof want, "\t%s)\n", c->name);
		assert_non_null(strstr(bash, want));
		assert_non_null(strstr(zsh, want));
		for (const struct cli_option *o = card_module_command_options(c); o->id; o++) {
			snprintf(want, sizeof want, " --%s ", o->long_name);
			assert_non_null(strstr(bash, want));
			snprintf(want, sizeof want, "--%s%s[", o->long_name, o->arg ? "=" : "");
			if (o->short_name)
				snprintf(want, sizeof want, ",--%s%s}'[", o->long_name, o->arg ? "=" : "");
			assert_non_null(strstr(zsh, want));
		}
	}
	/* The site's title: a quote inside the zsh single quotes is closed and
	 * reopened, and ':' in a description is escaped. */
	assert_non_null(strstr(zsh, "[the site'\\''s title]"));
	assert_non_null(strstr(zsh, "(default\\: feedcard.yaml)"));
	free(bash);
	free(zsh);
	char *none = capture_completion("fish", &rc);
	assert_int_equal(rc, -1);
	assert_string_equal(none, "");
	free(none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_man_has_every_option),
		cmocka_unit_test(test_completions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
