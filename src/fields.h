/* fields: the names a post's front matter gives feedcard's fields.
 *
 * Each of feedcard's fields (title, date, summary, image, ...) is read from
 * the first of a list of front matter keys present in a post: built-in
 * aliases that cover Hugo, Jekyll, Zola, Astro, Eleventy and Gatsby, or the
 * list a site's feedcard.yaml gives under "fields:". A name may be dotted
 * ("params.cover") to reach into a mapping. The lists are compiled once per
 * build into a hash of lowercased first names, so a post's keys are matched
 * in one probe each, in any case (Hugo lowercases keys). This module knows
 * names only; post.c reads the values. */
#ifndef FEEDCARD_FIELDS_H
#define FEEDCARD_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

enum fields_id {
	FIELDS_TITLE,
	FIELDS_DATE,
	FIELDS_UPDATED,
	FIELDS_SUMMARY,
	FIELDS_IMAGE,
	FIELDS_CATEGORIES,
	FIELDS_TAGS,
	FIELDS_AUTHORS,
	FIELDS_SLUG,
	FIELDS_PATH,
	FIELDS_DRAFT,
	FIELDS_EXPIRY,
	FIELDS_LANG,
	FIELDS_EXTERNAL_URL,
	FIELDS_CARD_TEMPLATE,
	FIELDS_COUNT
};

/* The most names one field may have. */
#define FIELDS_MAX_NAMES 16

/* Conditions on a name's value (built-in aliases only). */
enum fields_flag {
	FIELDS_IF_NOT_BOOL = 1, /* taken unless the value is true/false ("published" as a date) */
	FIELDS_IF_BOOL_NOT = 2, /* taken only when true/false, meaning its negation
				 * ("published: false" as draft) */
};

/* One name of a field: where it ranks among the field's names (0 first),
 * and the rest of a dotted name after its first part (NULL when none). */
struct fields_entry {
	enum fields_id id;
	unsigned rank;
	unsigned flags;
	const char *rest;
};

struct fields;

/* The name a field has in feedcard.yaml ("title", "expiryDate", ...). */
const char *fields_name(enum fields_id id);
/* The field named name (exactly as fields_name gives it), or -1. */
int fields_id_of(const char *name);
/* The names of all fields, comma-separated, for messages. Static. */
const char *fields_names_list(void);

/* The built-in aliases, built once; shared, never freed. */
const struct fields *fields_builtin(void);
/* A copy of the built-in aliases to change with fields_set. Caller frees
 * with fields_free. */
struct fields *fields_new(void);
/* Replace the names of field id by names[0..n) (n <= FIELDS_MAX_NAMES),
 * each a name or a dotted path; copied. */
void fields_set(struct fields *f, enum fields_id id, char *const *names, size_t n);
/* Free f; NULL does nothing. */
void fields_free(struct fields *f);

/* The entries for the front matter key (len bytes, any case): *out points
 * at them (borrowed from f) and their count is returned; 0 when the key
 * names no field. */
size_t fields_lookup(const struct fields *f, const char *key, size_t len,
		     const struct fields_entry **out);

/* The names of field id in precedence order, joined with ", ", into buf. */
void fields_describe(const struct fields *f, enum fields_id id, char *buf, size_t size);

#endif
