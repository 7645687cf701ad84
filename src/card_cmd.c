/* card_cmd: render one card from the command line; list templates. */
#include "card_cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "datadir.h"
#include "diag.h"
#include "fsin.h"
#include "fsout.h"
#include "imgfmt.h"
#include "path.h"
#include "template.h"
#include "xalloc.h"

enum {
	CARD_CMD_OPT_TITLE = 1,
	CARD_CMD_OPT_DESCRIPTION,
	CARD_CMD_OPT_DATE,
	CARD_CMD_OPT_AUTHOR,
	CARD_CMD_OPT_CATEGORIES,
	CARD_CMD_OPT_SITE_TITLE,
	CARD_CMD_OPT_SITE_HOST,
	CARD_CMD_OPT_READING_TIME,
	CARD_CMD_OPT_TEMPLATE,
	CARD_CMD_OPT_SIZE,
	CARD_CMD_OPT_QUALITY,
	CARD_CMD_OPT_OUTPUT,
};

const struct cli_option card_cmd_card_options[] = {
	{ CARD_CMD_OPT_TITLE, 't', "title", "TEXT", "the post title" },
	{ CARD_CMD_OPT_DESCRIPTION, 0, "description", "TEXT", "the post summary" },
	{ CARD_CMD_OPT_DATE, 0, "date", "YYYY-MM-DD", "the post date (UTC)" },
	{ CARD_CMD_OPT_AUTHOR, 0, "author", "NAME", "the post author" },
	{ CARD_CMD_OPT_CATEGORIES, 0, "categories", "LIST", "categories, e.g. \"a, b\"" },
	{ CARD_CMD_OPT_SITE_TITLE, 0, "site-title", "TEXT", "the site's title" },
	{ CARD_CMD_OPT_SITE_HOST, 0, "site-host", "HOST", "the site's host name" },
	{ CARD_CMD_OPT_READING_TIME, 0, "reading-time", "MIN", "reading time in minutes" },
	{ CARD_CMD_OPT_TEMPLATE, 'T', "template", "NAME|FILE", "bundled template name or template file (default: default)" },
	{ CARD_CMD_OPT_SIZE, 's', "size", "WxH", "image size (default: the template's, 1200x630)" },
	{ CARD_CMD_OPT_QUALITY, 'q', "quality", "1-100", "JPEG/WebP quality (default 85)" },
	{ CARD_CMD_OPT_OUTPUT, 'o', "output", "FILE", "output file: .jpg, .png or .webp (required)" },
	{ 0, 0, NULL, NULL, NULL },
};

const struct cli_option card_cmd_templates_options[] = {
	{ 0, 0, NULL, NULL, NULL },
};

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long card_cmd_days(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" (UTC). */
static int card_cmd_parse_date(const char *s, time_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	const char *rest = s + n;
	if (*rest == 'T' || *rest == ' ') {
		int m2 = 0;
		if (sscanf(rest + 1, "%2d:%2d%n", &h, &mi, &m2) != 2)
			return -1;
		rest += 1 + m2;
		if (*rest == ':' && sscanf(rest + 1, "%2d%n", &sec, &m2) == 1)
			rest += 1 + m2;
		if (*rest == 'Z')
			rest++;
	}
	if (*rest)
		return -1;
	*out = (time_t)(card_cmd_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec);
	return 0;
}

static int card_cmd_usage(const struct cli_command *cmd, const char *msg, const char *value)
{
	diag_usage(cmd->name, "%s%s%s (see feedcard %s --help)", msg, value ? " " : "", value ? value : "",
		   cmd->name);
	return CLI_EXIT_USAGE;
}

int card_cmd_run(const struct cli_command *cmd, int argc, char **argv)
{
	struct card_fields f = { 0 };
	const char *template = "default", *output = NULL, *value;
	unsigned long quality = 85, width = 0, height = 0, minutes = 0;
	int index = 1, id;
	while ((id = cli_next(cmd, argc, argv, &index, &value)) > 0) {
		switch (id) {
		case CLI_OPT_HELP: cli_print_command_help(cmd, stdout); return CLI_EXIT_OK;
		case CARD_CMD_OPT_TITLE: f.title = value; break;
		case CARD_CMD_OPT_DESCRIPTION: f.description = value; break;
		case CARD_CMD_OPT_AUTHOR: f.author = value; break;
		case CARD_CMD_OPT_CATEGORIES: f.categories = value; break;
		case CARD_CMD_OPT_SITE_TITLE: f.site_title = value; break;
		case CARD_CMD_OPT_SITE_HOST: f.site_host = value; break;
		case CARD_CMD_OPT_TEMPLATE: template = value; break;
		case CARD_CMD_OPT_OUTPUT: output = value; break;
		case CARD_CMD_OPT_DATE:
			if (card_cmd_parse_date(value, &f.date) != 0)
				return card_cmd_usage(cmd, "--date wants YYYY-MM-DD, not", value);
			break;
		case CARD_CMD_OPT_READING_TIME:
			if (cli_parse_uint(cmd, "--reading-time", value, &minutes) != 0)
				return CLI_EXIT_USAGE;
			f.reading_time = minutes > 100000 ? 100000 : (int)minutes;
			break;
		case CARD_CMD_OPT_QUALITY:
			if (cli_parse_uint(cmd, "--quality", value, &quality) != 0)
				return CLI_EXIT_USAGE;
			if (quality < 1 || quality > 100)
				return card_cmd_usage(cmd, "--quality wants 1-100, not", value);
			break;
		case CARD_CMD_OPT_SIZE: {
			char *end;
			width = strtoul(value, &end, 10);
			if (*end != 'x' || value[0] == '-')
				return card_cmd_usage(cmd, "--size wants WIDTHxHEIGHT, not", value);
			height = strtoul(end + 1, &end, 10);
			if (*end || width < 16 || height < 16 || width > 8192 || height > 8192)
				return card_cmd_usage(cmd, "--size wants WIDTHxHEIGHT (16-8192), not", value);
			break;
		}
		}
	}
	if (id < 0)
		return CLI_EXIT_USAGE;
	if (!output)
		return card_cmd_usage(cmd, "-o FILE is required", NULL);
	enum imgfmt fmt;
	if (imgfmt_from_name(output, &fmt) != 0 || !imgfmt_encodable(fmt))
		return card_cmd_usage(cmd, "the output name must end in .jpg, .png or .webp:", output);

	char *path = datadir_template(template);
	if (!path)
		return CLI_EXIT_USAGE;
	int status = CLI_EXIT_CONTENT;
	char *data = NULL;
	size_t len = 0;
	struct card_renderer *r = card_renderer_new(path, (int)width, (int)height);
	if (!r)
		goto out;
	if (card_render(r, &f, fmt, (int)quality, output, &data, &len) != 0)
		goto out;
	if (fsout_write(output, data, len, NULL) != 0)
		goto out;
	status = CLI_EXIT_OK;
out:
	free(data);
	card_renderer_free(r);
	free(path);
	return status;
}

/* Template files: NAME.yaml. */
static bool card_cmd_is_template(const char *name, unsigned char type)
{
	(void)type;
	size_t len = strlen(name);
	return len > 5 && strcmp(name + len - 5, ".yaml") == 0;
}

int card_cmd_templates_run(const struct cli_command *cmd, int argc, char **argv)
{
	const char *value;
	int index = 1, id;
	while ((id = cli_next(cmd, argc, argv, &index, &value)) > 0)
		if (id == CLI_OPT_HELP) {
			cli_print_command_help(cmd, stdout);
			return CLI_EXIT_OK;
		}
	if (id < 0)
		return CLI_EXIT_USAGE;
	char *dir = datadir_path("templates");
	if (!dir)
		return CLI_EXIT_USAGE;
	size_t n;
	char **names = fsin_dir_names(dir, card_cmd_is_template, &n);
	if (!names) {
		diag_error(dir, 0, 0, "cannot list templates");
		free(dir);
		return CLI_EXIT_USAGE;
	}
	for (size_t i = 0; i < n; i++) {
		char *p = path_join(dir, names[i]);
		char *desc = template_read_description(p);
		printf("%-12.*s %s\n", (int)(strlen(names[i]) - 5), names[i], desc ? desc : "");
		free(desc);
		free(p);
		free(names[i]);
	}
	free(names);
	printf("\n(from %s; use with feedcard card --template NAME)\n", dir);
	free(dir);
	return CLI_EXIT_OK;
}
