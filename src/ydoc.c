/* ydoc: libyaml document glue; see ydoc.h. */
#include "ydoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "diag.h"
#include "strbuf.h"
#include "tomldoc.h"
#include "xalloc.h"

/* Remove from scalar n the characters XML 1.0 forbids (C0 controls but tab,
 * newline and CR; U+FFFE, U+FFFF), which double-quoted escapes such as
 * "\x01" or "\uFFFE" produce after the file's own text was checked, and
 * which would make every feed carrying the value ill-formed. Returns how
 * many were removed. */
static size_t ydoc_clean_scalar(yaml_node_t *n)
{
	unsigned char *s = n->data.scalar.value;
	size_t len = n->data.scalar.length, w = 0, removed = 0;
	for (size_t r = 0; r < len; r++) {
		if ((s[r] < 0x20 && s[r] != '\t' && s[r] != '\n' && s[r] != '\r') ||
		    (s[r] == 0xEF && r + 2 < len && s[r + 1] == 0xBF && (s[r + 2] == 0xBE || s[r + 2] == 0xBF))) {
			removed++;
			if (s[r] == 0xEF)
				r += 2;
			continue;
		}
		s[w++] = s[r];
	}
	s[w] = '\0';
	n->data.scalar.length = w;
	return removed;
}

/* The document is in: clean its scalars (every format's loader ends here). */
static void ydoc_loaded(struct ydoc *d)
{
	d->loaded = true;
	for (yaml_node_t *n = d->doc.nodes.start; n < d->doc.nodes.top; n++) {
		size_t removed = n->type == YAML_SCALAR_NODE ? ydoc_clean_scalar(n) : 0;
		if (removed)
			ydoc_warning(d, n, "removed %zu character%s that XML does not allow", removed,
				     removed == 1 ? "" : "s");
	}
}

int ydoc_load(struct ydoc *d, const char *file, const char *buf, size_t len, int line_offset)
{
	memset(d, 0, sizeof *d);
	d->file = file;
	d->line_offset = line_offset;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		diag_error(file, 0, 0, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	int rc = 0;
	if (!yaml_parser_load(&parser, &d->doc)) {
		const yaml_mark_t *m = parser.problem_mark.line || parser.problem_mark.column
					       ? &parser.problem_mark
					       : &parser.context_mark;
		const char *problem = parser.problem ? parser.problem : "syntax error";
		if (parser.context)
			diag_error(file, (int)m->line + 1 + line_offset, (int)m->column + 1,
				   "invalid YAML: %s %s", problem, parser.context);
		else
			diag_error(file, (int)m->line + 1 + line_offset, (int)m->column + 1,
				   "invalid YAML: %s", problem);
		rc = -1;
	} else {
		ydoc_loaded(d);
	}
	yaml_parser_delete(&parser);
	return rc;
}

int ydoc_load_toml(struct ydoc *d, const char *file, const char *buf, size_t len, int line_offset)
{
	memset(d, 0, sizeof *d);
	d->file = file;
	d->line_offset = line_offset;
	struct tomldoc_error err;
	if (tomldoc_load(&d->doc, buf, len, &err) != 0) {
		diag_error(file, err.line ? err.line + line_offset : line_offset + 1, err.col ? err.col : 1,
			   "invalid TOML: %s", err.msg);
		return -1;
	}
	ydoc_loaded(d);
	return 0;
}

/* ==== JSON, through jansson ==== */

/* What the JSON loader builds: nodes in d, all placed at mark (jansson
 * keeps no positions of values). */
struct ydoc_json {
	struct ydoc *d;
	yaml_mark_t mark;
};

static int ydoc_json_scalar(struct ydoc_json *j, const char *s, size_t len, yaml_scalar_style_t style)
{
	int id = yaml_document_add_scalar(&j->d->doc, NULL, (yaml_char_t *)s, (int)len, style);
	if (id) {
		yaml_node_t *n = ydoc_node(j->d, id);
		n->start_mark = n->end_mark = j->mark;
	}
	return id;
}

/* The node for v, depth levels below the root; 0 after a diag. */
static int ydoc_json_value(struct ydoc_json *j, json_t *v, int depth)
{
	struct ydoc *d = j->d;
	char num[64];
	int id = 0;
	if ((json_is_object(v) || json_is_array(v)) && depth >= YDOC_MAX_DEPTH) {
		diag_error(d->file, (int)j->mark.line + 1 + d->line_offset, (int)j->mark.column + 1,
			   "invalid JSON: objects and arrays nested more than %d deep", YDOC_MAX_DEPTH);
		return 0;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		id = yaml_document_add_mapping(&d->doc, NULL, YAML_ANY_MAPPING_STYLE);
		if (!id)
			break;
		ydoc_node(d, id)->start_mark = ydoc_node(d, id)->end_mark = j->mark;
		const char *key;
		size_t klen;
		json_t *val;
		/* jansson keeps an object's keys in the order of the text. */
		json_object_keylen_foreach(v, key, klen, val) {
			int k = ydoc_json_scalar(j, key, klen, YAML_PLAIN_SCALAR_STYLE);
			if (!k) {
				id = 0;
				break;
			}
			int w = ydoc_json_value(j, val, depth + 1);
			if (!w)
				return 0;
			if (!yaml_document_append_mapping_pair(&d->doc, id, k, w)) {
				id = 0;
				break;
			}
		}
		break;
	}
	case JSON_ARRAY: {
		id = yaml_document_add_sequence(&d->doc, NULL, YAML_ANY_SEQUENCE_STYLE);
		if (!id)
			break;
		ydoc_node(d, id)->start_mark = ydoc_node(d, id)->end_mark = j->mark;
		size_t i;
		json_t *val;
		json_array_foreach(v, i, val) {
			int w = ydoc_json_value(j, val, depth + 1);
			if (!w)
				return 0;
			if (!yaml_document_append_sequence_item(&d->doc, id, w)) {
				id = 0;
				break;
			}
		}
		break;
	}
	case JSON_STRING:
		id = ydoc_json_scalar(j, json_string_value(v), json_string_length(v),
				      YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		id = ydoc_json_scalar(j, num, strlen(num), YAML_PLAIN_SCALAR_STYLE);
		break;
	case JSON_REAL:
		/* As the number was most likely written: 15 digits when they
		 * read back as the same double, else glib's 17. */
		g_ascii_formatd(num, sizeof num, "%.15g", json_real_value(v));
		if (g_ascii_strtod(num, NULL) != json_real_value(v))
			g_ascii_dtostr(num, sizeof num, json_real_value(v));
		id = ydoc_json_scalar(j, num, strlen(num), YAML_PLAIN_SCALAR_STYLE);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		id = ydoc_json_scalar(j, json_is_true(v) ? "true" : "false", json_is_true(v) ? 4 : 5,
				      YAML_PLAIN_SCALAR_STYLE);
		break;
	case JSON_NULL:
		id = ydoc_json_scalar(j, "null", 4, YAML_PLAIN_SCALAR_STYLE);
		break;
	}
	if (!id)
		diag_error(d->file, (int)j->mark.line + 1 + d->line_offset, (int)j->mark.column + 1,
			   "invalid JSON: a value libyaml cannot hold (out of memory, or not UTF-8)");
	return id;
}

int ydoc_load_json(struct ydoc *d, const char *file, const char *buf, size_t len, int line_offset)
{
	memset(d, 0, sizeof *d);
	d->file = file;
	d->line_offset = line_offset;
	json_error_t err;
	/* Keys given twice: the last wins, as in Hugo, with a warning. */
	json_t *v = json_loadb(buf, len, JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &err);
	if (!v && json_error_code(&err) == json_error_duplicate_key) {
		diag_warning(file, err.line + line_offset, err.column > 0 ? err.column : 1,
			     "%s: the last value given is used", err.text);
		v = json_loadb(buf, len, JSON_DISABLE_EOF_CHECK, &err);
	}
	if (!v) {
		diag_error(file, (err.line > 0 ? err.line : 1) + line_offset, err.column > 0 ? err.column : 1,
			   "invalid JSON: %s", err.text);
		return -1;
	}
	/* Every node sits where the JSON starts. */
	struct ydoc_json j = { .d = d };
	for (size_t i = 0; i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'); i++) {
		if (buf[i] == '\n') {
			j.mark.line++;
			j.mark.column = 0;
		} else {
			j.mark.column++;
		}
	}
	int rc = -1;
	if (!yaml_document_initialize(&d->doc, NULL, NULL, NULL, 1, 1)) {
		diag_error(file, line_offset + 1, 1, "out of memory");
		json_decref(v);
		return -1;
	}
	d->loaded = true;
	if (ydoc_json_value(&j, v, 0)) {
		ydoc_loaded(d);
		rc = 0;
	} else {
		ydoc_free(d);
	}
	json_decref(v);
	return rc;
}

void ydoc_free(struct ydoc *d)
{
	if (d->loaded)
		yaml_document_delete(&d->doc);
	d->loaded = false;
}

yaml_node_t *ydoc_root(struct ydoc *d)
{
	return d->loaded ? yaml_document_get_root_node(&d->doc) : NULL;
}

yaml_node_t *ydoc_node(struct ydoc *d, int id)
{
	return yaml_document_get_node(&d->doc, id);
}

int ydoc_line(const struct ydoc *d, const yaml_node_t *n)
{
	return (int)n->start_mark.line + 1 + d->line_offset;
}

int ydoc_col(const yaml_node_t *n)
{
	return (int)n->start_mark.column + 1;
}

/* A message at n's line and column, as an error or a warning. */
static void ydoc_report(bool error, struct ydoc *d, const yaml_node_t *n, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
static void ydoc_report(bool error, struct ydoc *d, const yaml_node_t *n, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (error)
		diag_error(d->file, ydoc_line(d, n), ydoc_col(n), "%s", msg);
	else
		diag_warning(d->file, ydoc_line(d, n), ydoc_col(n), "%s", msg);
}

void ydoc_error(struct ydoc *d, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ydoc_report(true, d, n, fmt, ap);
	va_end(ap);
}

void ydoc_warning(struct ydoc *d, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ydoc_report(false, d, n, fmt, ap);
	va_end(ap);
}

const char *ydoc_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

bool ydoc_is_null(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = (const char *)n->data.scalar.value;
	return !s[0] || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

int ydoc_check_duplicates(struct ydoc *d, const yaml_node_t *n)
{
	if (!n || n->type != YAML_MAPPING_NODE)
		return 0;
	int rc = 0;
	for (yaml_node_pair_t *a = n->data.mapping.pairs.start; a < n->data.mapping.pairs.top; a++) {
		const char *ka = ydoc_scalar(ydoc_node(d, a->key));
		if (!ka)
			continue;
		for (yaml_node_pair_t *b = n->data.mapping.pairs.start; b < a; b++) {
			const char *kb = ydoc_scalar(ydoc_node(d, b->key));
			if (kb && strcmp(ka, kb) == 0) {
				ydoc_error(d, ydoc_node(d, a->key),
					   "duplicate key '%s' (first given on line %d)", ka,
					   ydoc_line(d, ydoc_node(d, b->key)));
				rc = -1;
				break;
			}
		}
	}
	return rc;
}

int ydoc_string(struct ydoc *d, const yaml_node_t *n, const char *key, char **out)
{
	const char *s = ydoc_scalar(n);
	if (!s) {
		ydoc_error(d, n, "'%s' must be a string, not a %s", key,
			   n->type == YAML_SEQUENCE_NODE ? "list" : "mapping");
		return -1;
	}
	*out = xstrdup(ydoc_is_null(n) ? "" : s);
	return 0;
}

int ydoc_bool(struct ydoc *d, const yaml_node_t *n, const char *key, bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" };
	static const char *const no[] = { "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" };
	const char *s = ydoc_scalar(n);
	for (size_t i = 0; s && i < sizeof yes / sizeof *yes; i++) {
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	ydoc_error(d, n, "'%s' must be true or false", key);
	return -1;
}

int ydoc_uint(struct ydoc *d, const yaml_node_t *n, const char *key, unsigned long *out)
{
	const char *s = ydoc_scalar(n);
	char *end = NULL;
	errno = 0;
	unsigned long v = s && s[0] != '-' ? strtoul(s, &end, 10) : 0;
	if (!s || !s[0] || s[0] == '-' || *end || errno) {
		ydoc_error(d, n, "'%s' must be a whole number of 0 or more", key);
		return -1;
	}
	*out = v;
	return 0;
}

void ydoc_strings_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

int ydoc_strings(struct ydoc *d, const yaml_node_t *n, const char *key, char ***out,
		 size_t *count)
{
	if (n->type == YAML_MAPPING_NODE) {
		ydoc_error(d, n, "'%s' must be a string or a list of strings, not a mapping", key);
		return -1;
	}
	size_t cap = n->type == YAML_SEQUENCE_NODE
			     ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start)
			     : 1;
	char **v = xcalloc(cap + 1, sizeof *v);
	size_t k = 0;
	if (n->type == YAML_SCALAR_NODE) {
		if (!ydoc_is_null(n))
			v[k++] = xstrdup(ydoc_scalar(n));
	} else {
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			yaml_node_t *item = ydoc_node(d, *it);
			const char *s = ydoc_scalar(item);
			if (!s) {
				ydoc_error(d, item, "each entry of '%s' must be a string", key);
				ydoc_strings_free(v);
				return -1;
			}
			if (!ydoc_is_null(item))
				v[k++] = xstrdup(s);
		}
	}
	*out = v;
	if (count)
		*count = k;
	return 0;
}

/* ==== Walking a document ==== */

enum ydoc_kind ydoc_kind(const yaml_node_t *n)
{
	switch (n ? n->type : YAML_NO_NODE) {
	case YAML_SCALAR_NODE: return YDOC_SCALAR;
	case YAML_SEQUENCE_NODE: return YDOC_LIST;
	case YAML_MAPPING_NODE: return YDOC_MAP;
	default: return YDOC_NONE;
	}
}

size_t ydoc_count(const yaml_node_t *n)
{
	switch (ydoc_kind(n)) {
	case YDOC_LIST: return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	case YDOC_MAP: return (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	default: return 0;
	}
}

yaml_node_t *ydoc_key(struct ydoc *d, const yaml_node_t *n, size_t i)
{
	if (ydoc_kind(n) != YDOC_MAP || i >= ydoc_count(n))
		return NULL;
	return ydoc_node(d, n->data.mapping.pairs.start[i].key);
}

yaml_node_t *ydoc_value(struct ydoc *d, const yaml_node_t *n, size_t i)
{
	if (ydoc_kind(n) != YDOC_MAP || i >= ydoc_count(n))
		return NULL;
	return ydoc_node(d, n->data.mapping.pairs.start[i].value);
}
