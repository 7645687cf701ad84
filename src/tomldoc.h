/* tomldoc: TOML 1.0 text -> a libyaml document, through toml++ (the one
 * C++ file of the project, behind this C interface).
 *
 * The document has the shape a YAML reader of the same data would get, so
 * that code walking YAML nodes (post fields, site configs) reads TOML as it
 * is: tables (and inline tables) are mappings in the order their keys
 * appear in the source, arrays are sequences, strings are double-quoted
 * scalars (a string "null" or "" is never taken for a null), integers,
 * floats and booleans are plain scalars ("42", "1.5", "true"), and dates
 * and times are plain scalars in RFC 3339 form: 2021-03-04,
 * 2021-03-04T10:00:00, 2021-03-04T10:00:00.25-05:00, ...Z, 10:00:00.
 * Every node carries its line and column in the TOML text (0-based, as
 * libyaml's marks). */
#ifndef FEEDCARD_TOMLDOC_H
#define FEEDCARD_TOMLDOC_H

#include <stddef.h>
#include <yaml.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Tables and arrays nested deeper than this are refused (toml++ stops
 * arrays and inline tables at 256 levels itself; dotted keys and table
 * headers have no limit there). */
#define TOMLDOC_MAX_DEPTH 100

/* Why a load failed: 1-based line and column in the text (0 when unknown)
 * and a message in English, without a trailing period. */
struct tomldoc_error {
	int line, col;
	char msg[256];
};

/* Parse buf (len bytes; need not end in NUL) as one TOML document into doc,
 * which the caller frees with yaml_document_delete. Returns 0; or -1 with
 * *err set and doc untouched (nothing to free). */
int tomldoc_load(yaml_document_t *doc, const char *buf, size_t len, struct tomldoc_error *err);

#ifdef __cplusplus
}
#endif

#endif
