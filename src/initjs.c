/* initjs: plain reading of JavaScript configs; see initjs.h. */
#include "initjs.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

/* src with every comment blanked out (newlines kept, so offsets and lines
 * stay), string literals left as they are. Caller frees. */
static char *initjs_strip(const char *src)
{
	char *out = xstrdup(src);
	char quote = 0;
	for (char *p = out; *p; p++) {
		if (quote) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"' || *p == '`') {
			quote = *p;
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				*p++ = ' ';
			if (!*p)
				break;
		} else if (p[0] == '/' && p[1] == '*') {
			char *end = strstr(p + 2, "*/");
			char *stop = end ? end + 2 : p + strlen(p);
			for (; p < stop; p++)
				if (*p != '\n')
					*p = ' ';
			p--;
		}
	}
	return out;
}

static bool initjs_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

/* The end of the string literal starting at p (at its closing quote). */
static const char *initjs_skip_string(const char *p)
{
	char q = *p++;
	while (*p && *p != q) {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	return p;
}

/* In the stripped source [p, end): the offset just after `key:` or `key =`
 * (key also quoted), searching from p; at depth 0 only when top_only. Returns
 * NULL when not found. */
static const char *initjs_find(const char *begin, const char *p, const char *end, const char *key,
				   bool top_only)
{
	size_t klen = strlen(key);
	int depth = 0;
	for (; p < end && *p; p++) {
		char c = *p;
		const char *name = NULL;
		if (c == '\'' || c == '"' || c == '`') {
			const char *close = initjs_skip_string(p);
			if ((size_t)(close - p - 1) == klen && strncmp(p + 1, key, klen) == 0 && c != '`')
				name = close + 1;
			p = close;
			if (!*p)
				break;
		} else if (c == '{' || c == '[' || c == '(') {
			depth++;
			continue;
		} else if (c == '}' || c == ']' || c == ')') {
			depth--;
			continue;
		} else if (initjs_ident(c)) {
			/* A whole name (the loop never stops inside one), and not a
			 * member access such as a.key. */
			const char *start = p;
			while (p < end && initjs_ident(*p))
				p++;
			if ((start == begin || start[-1] != '.') && (size_t)(p - start) == klen &&
			    strncmp(start, key, klen) == 0)
				name = p;
			p--;
		}
		if (!name || (top_only && depth != 0))
			continue;
		const char *q = name;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == ':' || (*q == '=' && q[1] != '=' && q[1] != '>')) {
			q++;
			while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
				q++;
			return q;
		}
	}
	return NULL;
}

/* The literal starting at p decoded, or NULL when p is not a plain string. */
static char *initjs_literal(const char *p)
{
	if (*p != '\'' && *p != '"' && *p != '`')
		return NULL;
	char q = *p++;
	struct strbuf sb = STRBUF_INIT;
	for (; *p && *p != q; p++) {
		if (q == '`' && p[0] == '$' && p[1] == '{') {
			strbuf_release(&sb);
			return NULL;
		}
		if (*p == '\\' && p[1]) {
			p++;
			strbuf_putc(&sb, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
			continue;
		}
		strbuf_putc(&sb, *p);
	}
	if (*p != q) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* The expression written at p, up to a ',' or the end of its line or of
 * the object it is in (strings and brackets in it skipped), trimmed.
 * Caller frees. */
static char *initjs_expr(const char *p)
{
	const char *q = p;
	int depth = 0;
	for (; *q; q++) {
		if (*q == '\'' || *q == '"' || *q == '`') {
			q = initjs_skip_string(q);
			if (!*q)
				break;
		} else if (*q == '{' || *q == '[' || *q == '(') {
			depth++;
		} else if (*q == '}' || *q == ']' || *q == ')') {
			if (depth-- == 0)
				break;
		} else if (depth == 0 && (*q == ',' || *q == '\n' || *q == ';')) {
			break;
		}
	}
	size_t n = (size_t)(q - p);
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	return xstrndup(p, n);
}

/* The matching close of the bracket at p, or NULL. */
static const char *initjs_close(const char *p)
{
	int depth = 0;
	for (; *p; p++) {
		if (*p == '\'' || *p == '"' || *p == '`') {
			p = initjs_skip_string(p);
			if (!*p)
				return NULL;
		} else if (*p == '{' || *p == '[' || *p == '(') {
			depth++;
		} else if (*p == '}' || *p == ']' || *p == ')') {
			if (--depth == 0)
				return p;
		}
	}
	return NULL;
}

char *initjs_string(const char *src, const char *object, const char *key, char **expr)
{
	if (expr)
		*expr = NULL;
	char *code = initjs_strip(src);
	const char *start = code, *end = code + strlen(code);
	char *out = NULL;
	bool top_only = false;
	if (object) {
		const char *v = initjs_find(code, code, end, object, false);
		if (!v || *v != '{' || !(end = initjs_close(v)))
			goto out;
		start = v + 1;
		top_only = true;
	}
	const char *v = initjs_find(code, start, end, key, top_only);
	if (!v)
		goto out;
	out = initjs_literal(v);
	if (!out && expr)
		*expr = initjs_expr(v);
out:
	free(code);
	return out;
}

char *initjs_object(const char *src, const char *key)
{
	char *code = initjs_strip(src);
	const char *end = code + strlen(code);
	const char *v = initjs_find(code, code, end, key, false);
	const char *close = v && *v == '{' ? initjs_close(v) : NULL;
	char *out = close ? xstrndup(src + (v + 1 - code), (size_t)(close - v - 1)) : NULL;
	free(code);
	return out;
}

void initjs_each(const char *src, const char *key, void (*fn)(void *ctx, const char *value), void *ctx)
{
	char *code = initjs_strip(src);
	const char *end = code + strlen(code);
	for (const char *p = code; (p = initjs_find(code, p, end, key, false));) {
		char *lit = initjs_literal(p);
		if (lit)
			fn(ctx, lit);
		free(lit);
	}
	free(code);
}
