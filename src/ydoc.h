/* ydoc: a YAML document loaded with libyaml's document API, and typed
 * accessors that report errors at the node's file:line:col. TOML and JSON
 * documents are loaded into the same representation, so one reader of
 * nodes serves the three front matter formats.
 *
 * Aliases are node references in libyaml's document model, never copies, so
 * an alias "bomb" costs nothing to load; the accessors never recurse. */
#ifndef FEEDCARD_YDOC_H
#define FEEDCARD_YDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

struct ydoc {
	yaml_document_t doc;
	const char *file; /* borrowed; names the file in messages */
	int line_offset;  /* added to libyaml's line numbers */
	bool loaded;
};

/* Load the first YAML document of buf (len bytes). line_offset is the number
 * of lines before buf in the file. A syntax error is reported through diag
 * at its line and column; returns -1 then. An empty document gives a NULL root. */
int ydoc_load(struct ydoc *d, const char *file, const char *buf, size_t len, int line_offset);
/* The same contract for a TOML document (TOML 1.0, through tomldoc.h, which
 * says what the nodes look like): errors at TOML's own line and column. */
int ydoc_load_toml(struct ydoc *d, const char *file, const char *buf, size_t len, int line_offset);
/* The same for the JSON object (or array) that buf starts with, after blank
 * space; what follows it is not read. Strings become double-quoted
 * scalars, numbers, true and false plain ones, null a plain "null"; keys
 * keep their order. jansson keeps no positions of values: every node is
 * placed where the JSON starts. A key given twice: a warning, the last
 * value wins. Objects and arrays nested deeper than YDOC_MAX_DEPTH are an
 * error. */
int ydoc_load_json(struct ydoc *d, const char *file, const char *buf, size_t len, int line_offset);
#define YDOC_MAX_DEPTH 100
/* Free the document. */
void ydoc_free(struct ydoc *d);
/* The root node, or NULL for an empty document. Borrowed. */
yaml_node_t *ydoc_root(struct ydoc *d);
/* The node with this id. Borrowed. */
yaml_node_t *ydoc_node(struct ydoc *d, int id);
/* 1-based line and column of a node in the file. */
int ydoc_line(const struct ydoc *d, const yaml_node_t *n);
int ydoc_col(const yaml_node_t *n);

/* Report an error / warning at node n. */
void ydoc_error(struct ydoc *d, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ydoc_warning(struct ydoc *d, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True for an empty plain scalar, "~", "null" or "Null" / "NULL". */
bool ydoc_is_null(const yaml_node_t *n);
/* The scalar's text, or NULL when n is not a scalar. Borrowed. */
const char *ydoc_scalar(const yaml_node_t *n);

/* Report duplicate keys of mapping n (each with both lines). Returns -1 if any. */
int ydoc_check_duplicates(struct ydoc *d, const yaml_node_t *n);

/* Typed values; each reports "KEY must be ..." at the node and returns -1. */
int ydoc_string(struct ydoc *d, const yaml_node_t *n, const char *key, char **out);
int ydoc_bool(struct ydoc *d, const yaml_node_t *n, const char *key, bool *out);
int ydoc_uint(struct ydoc *d, const yaml_node_t *n, const char *key, unsigned long *out);
/* A string or a list of strings. *out is a NULL-terminated array; caller
 * frees each string and the array. */
int ydoc_strings(struct ydoc *d, const yaml_node_t *n, const char *key, char ***out,
		 size_t *count);

/* Free a NULL-terminated array of strings from ydoc_strings. */
void ydoc_strings_free(char **v);

/* ==== Walking a document ====
 *
 * What a reader of nodes needs, so that it need not know libyaml's node
 * layout (yaml_node_t's type and data). Nodes are borrowed from their
 * document until ydoc_free. */

/* What a node is; YDOC_NONE for NULL. */
enum ydoc_kind { YDOC_NONE, YDOC_SCALAR, YDOC_LIST, YDOC_MAP };
enum ydoc_kind ydoc_kind(const yaml_node_t *n);
/* How many items list n has, or key-value pairs map n has; 0 for a scalar
 * or NULL. */
size_t ydoc_count(const yaml_node_t *n);
/* The key / the value of pair i of map n, in the order of the text.
 * Borrowed; NULL when n is not a map or i >= ydoc_count(n). */
yaml_node_t *ydoc_key(struct ydoc *d, const yaml_node_t *n, size_t i);
yaml_node_t *ydoc_value(struct ydoc *d, const yaml_node_t *n, size_t i);

#endif
