/* cli: option parsing and generated help; see cli.h. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

int cli_next(const struct cli_command *cmd, int argc, char **argv, int *index,
	     const char **value)
{
	*value = NULL;
	if (*index >= argc)
		return 0;
	const char *a = argv[*index];
	if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
		(*index)++;
		return CLI_OPT_HELP;
	}
	if (a[0] != '-' || a[1] == '\0') {
		diag_usage(cmd->name, "unexpected argument '%s' (see feedcard %s --help)", a, cmd->name);
		return -1;
	}
	const struct cli_option *found = NULL;
	const char *inline_value = NULL;
	if (a[1] == '-') {
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		for (const struct cli_option *o = cmd->options; o && o->id; o++)
			if (o->long_name && strlen(o->long_name) == n && strncmp(o->long_name, name, n) == 0)
				found = o;
		if (eq)
			inline_value = eq + 1;
	} else {
		for (const struct cli_option *o = cmd->options; o && o->id; o++)
			if (o->short_name && o->short_name == a[1])
				found = o;
		if (found && a[2] != '\0')
			inline_value = a + 2;
	}
	if (!found) {
		diag_usage(cmd->name, "unknown option '%s' (see feedcard %s --help)", a, cmd->name);
		return -1;
	}
	(*index)++;
	if (!found->arg) {
		if (inline_value) {
			diag_usage(cmd->name, "option '%s' takes no value", a);
			return -1;
		}
		return found->id;
	}
	if (inline_value) {
		*value = inline_value;
	} else {
		if (*index >= argc) {
			diag_usage(cmd->name, "option '%s' needs a value (%s)", a, found->arg);
			return -1;
		}
		*value = argv[(*index)++];
	}
	return found->id;
}

int cli_parse_uint(const struct cli_command *cmd, const char *opt, const char *value,
		   unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(value, &end, 10);
	if (errno || end == value || *end || value[0] == '-') {
		diag_usage(cmd->name, "%s wants a whole number, not '%s'", opt, value);
		return -1;
	}
	*out = v;
	return 0;
}

void cli_print_command_help(const struct cli_command *cmd, FILE *out)
{
	fprintf(out, "Usage: feedcard %s [options]%s%s\n\n%s.\n\nOptions:\n", cmd->name,
		cmd->operands ? " " : "", cmd->operands ? cmd->operands : "", cmd->summary);
	for (const struct cli_option *o = cmd->options; o && o->id; o++) {
		char left[64];
		if (o->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->long_name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->long_name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		fprintf(out, "  %-28s %s\n", left, o->help);
	}
	fprintf(out, "  %-28s %s\n", "-h, --help", "show this help");
}
