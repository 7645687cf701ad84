/* frontmatter: --- fenced YAML splitting; see frontmatter.h. */
#include "frontmatter.h"

#include <string.h>

#include "diag.h"

/* True when the line [p, end) is a fence of three c's, with trailing blanks. */
static bool frontmatter_fence(const char *p, const char *end, char c)
{
	if (end - p < 3 || p[0] != c || p[1] != c || p[2] != c)
		return false;
	for (p += 3; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	return true;
}

int frontmatter_split(const char *file, const char *text, size_t len, struct frontmatter *out)
{
	memset(out, 0, sizeof *out);
	const char *p = text, *end = text + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *line_end = nl ? nl : end;
	if (frontmatter_fence(p, line_end, '+')) {
		diag_error(file, 1, 1, "TOML front matter (+++) is not supported: write YAML between --- lines");
		return -1;
	}
	if (!frontmatter_fence(p, line_end, '-')) {
		diag_error(file, 1, 1, "no front matter: a post starts with a line '---', then YAML with "
				       "at least title and date, then a line '---'");
		return -1;
	}
	const char *yaml = nl ? nl + 1 : end;
	out->yaml_off = (size_t)(yaml - text);
	out->yaml_line = 2;
	int line = 2;
	for (const char *q = yaml; q < end;) {
		const char *e = memchr(q, '\n', (size_t)(end - q));
		const char *le = e ? e : end;
		if (frontmatter_fence(q, le, '-')) {
			out->yaml_len = (size_t)(q - yaml);
			out->body_off = e ? (size_t)(e + 1 - text) : len;
			out->body_line = line + 1;
			return 0;
		}
		line++;
		q = e ? e + 1 : end;
	}
	out->yaml_len = (size_t)(end - yaml);
	out->body_off = len;
	out->body_line = line;
	out->unterminated = true;
	return 0;
}
