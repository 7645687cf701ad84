/* frontmatter: YAML, TOML and JSON front matter splitting; see frontmatter.h. */
#include "frontmatter.h"

#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "diag.h"

static bool frontmatter_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* True when the line [p, end) is a fence of three c's after at most indent
 * blanks, followed by blanks only. */
static bool frontmatter_fence(const char *p, const char *end, char c, size_t indent)
{
	for (size_t i = 0; i < indent && p < end && (*p == ' ' || *p == '\t'); i++)
		p++;
	if (end - p < 3 || p[0] != c || p[1] != c || p[2] != c)
		return false;
	for (p += 3; p < end; p++)
		if (!frontmatter_blank(*p))
			return false;
	return true;
}

/* The format a first line "---LANG" names (Eleventy's front matter in
 * another language: ---json, ---js, ---yaml, ---toml), or FRONTMATTER_NONE
 * when the line is not one. */
static enum frontmatter_format frontmatter_lang_fence(const char *p, const char *end, size_t indent)
{
	static const struct {
		const char *name;
		enum frontmatter_format format;
	} langs[] = {
		{ "yaml", FRONTMATTER_YAML }, { "yml", FRONTMATTER_YAML },    { "json", FRONTMATTER_JSON },
		{ "toml", FRONTMATTER_TOML }, { "js", FRONTMATTER_JS },        { "javascript", FRONTMATTER_JS },
	};
	p += indent;
	if (end - p < 4 || memcmp(p, "---", 3) != 0)
		return FRONTMATTER_NONE;
	p += 3;
	const char *w = p;
	while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		p++;
	size_t n = (size_t)(p - w);
	for (const char *q = p; q < end; q++)
		if (!frontmatter_blank(*q))
			return FRONTMATTER_NONE;
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
		if (strlen(langs[i].name) == n && strncasecmp(w, langs[i].name, n) == 0)
			return langs[i].format;
	return FRONTMATTER_NONE;
}

const char *frontmatter_fence_name(enum frontmatter_format f)
{
	switch (f) {
	case FRONTMATTER_YAML:
		return "---";
	case FRONTMATTER_TOML:
		return "+++";
	case FRONTMATTER_JSON:
		return "{";
	case FRONTMATTER_JS:
		return "---js";
	case FRONTMATTER_NONE:
		break;
	}
	return "";
}

/* The JSON object at text + off: its end is where jansson stops reading. */
static int frontmatter_json(const char *file, const char *text, size_t len, size_t off, int line,
			    struct frontmatter *out)
{
	json_error_t err;
	json_t *v = json_loadb(text + off, len - off, JSON_DISABLE_EOF_CHECK, &err);
	if (!v) {
		diag_error(file, line - 1 + (err.line > 0 ? err.line : 1), err.column > 0 ? err.column : 1,
			   "invalid JSON front matter: %s", err.text);
		return -1;
	}
	json_decref(v);
	size_t end = off + err.position;
	out->text_off = off;
	out->text_len = err.position;
	out->text_line = line;
	for (size_t i = off; i < end; i++)
		line += text[i] == '\n';
	/* The rest of the closing brace's line, when blank, is not body. */
	size_t e = end;
	while (e < len && frontmatter_blank(text[e]))
		e++;
	if (e < len && text[e] == '\n') {
		end = e + 1;
		line++;
	}
	out->body_off = end;
	out->body_line = line;
	return 0;
}

int frontmatter_split(const char *file, const char *text, size_t len, struct frontmatter *out)
{
	memset(out, 0, sizeof *out);
	const char *p = text, *end = text + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	/* Blank lines before the front matter, and the first line's indent. */
	int line = 1;
	const char *start = p;
	for (;;) {
		const char *q = start;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < end && *q == '\n') {
			start = q + 1;
			line++;
			continue;
		}
		p = q;
		break;
	}
	size_t indent = (size_t)(p - start);
	if (p < end && *p == '{') {
		out->format = FRONTMATTER_JSON;
		return frontmatter_json(file, text, len, (size_t)(p - text), line, out);
	}
	const char *nl = memchr(start, '\n', (size_t)(end - start));
	const char *line_end = nl ? nl : end;
	char fence;
	if (frontmatter_fence(start, line_end, '-', indent)) {
		out->format = FRONTMATTER_YAML;
		fence = '-';
	} else if (frontmatter_fence(start, line_end, '+', indent)) {
		out->format = FRONTMATTER_TOML;
		fence = '+';
	} else if ((out->format = frontmatter_lang_fence(start, line_end, indent)) != FRONTMATTER_NONE) {
		fence = '-'; /* "---json" ... "---" */
	} else {
		out->format = FRONTMATTER_NONE;
		out->body_off = (size_t)(p == end ? len : (size_t)(start - text));
		out->body_line = line;
		out->text_line = line;
		return 0;
	}
	const char *fm = nl ? nl + 1 : end;
	out->text_off = (size_t)(fm - text);
	out->text_line = ++line;
	for (const char *q = fm; q < end;) {
		const char *e = memchr(q, '\n', (size_t)(end - q));
		const char *le = e ? e : end;
		/* YAML's own end-of-document marker closes it too (Jekyll). */
		if (frontmatter_fence(q, le, fence, indent) ||
		    (fence == '-' && frontmatter_fence(q, le, '.', indent))) {
			out->text_len = (size_t)(q - fm);
			out->body_off = e ? (size_t)(e + 1 - text) : len;
			out->body_line = line + 1;
			return 0;
		}
		line++;
		q = e ? e + 1 : end;
	}
	out->text_len = (size_t)(end - fm);
	out->body_off = len;
	out->body_line = line;
	out->unterminated = true;
	return 0;
}
