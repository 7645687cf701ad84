/* fields: the names of feedcard's fields, the built-in aliases a post's
 * keys are matched against (in any ASCII case, with their rank and
 * conditions), a site's own lists replacing them, and dotted names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fields.h"

static void test_names(void **state)
{
	(void)state;
	char list[512] = "";
	for (int id = 0; id < FIELDS_COUNT; id++) {
		const char *name = fields_name((enum fields_id)id);
		assert_int_equal(fields_id_of(name), id);
		if (id)
			strcat(list, ", ");
		strcat(list, name);
	}
	assert_string_equal(fields_names_list(), list);
	assert_string_equal(fields_name(FIELDS_EXPIRY), "expiryDate");
	assert_string_equal(fields_name(FIELDS_COUNT), "?");
	assert_int_equal(fields_id_of("nope"), -1);
	assert_int_equal(fields_id_of("Title"), -1); /* the config's names are exact */
	assert_int_equal(fields_id_of(""), -1);
}

/* The one entry key has for field id in f, or NULL. */
static const struct fields_entry *entry(const struct fields *f, const char *key, enum fields_id id)
{
	const struct fields_entry *e = NULL;
	size_t n = fields_lookup(f, key, strlen(key), &e);
	const struct fields_entry *found = NULL;
	for (size_t i = 0; i < n; i++)
		if (e[i].id == id) {
			assert_null(found);
			found = &e[i];
		}
	return found;
}

static void test_builtin(void **state)
{
	(void)state;
	const struct fields *f = fields_builtin();
	assert_ptr_equal(f, fields_builtin()); /* built once */
	const struct fields_entry *e;
	/* Rank is the place among the field's names. */
	assert_non_null(e = entry(f, "title", FIELDS_TITLE));
	assert_int_equal(e->rank, 0);
	assert_null(e->rest);
	assert_non_null(e = entry(f, "lastmod", FIELDS_UPDATED)); /* Hugo */
	assert_int_equal(e->rank, 1);
	assert_non_null(e = entry(f, "last_modified_at", FIELDS_UPDATED)); /* Jekyll */
	assert_int_equal(e->rank, 4);
	assert_non_null(e = entry(f, "heroImage", FIELDS_IMAGE)); /* Astro */
	assert_int_equal(e->rank, 4);
	/* Any ASCII case: Hugo lowercases keys. */
	assert_non_null(e = entry(f, "HEROIMAGE", FIELDS_IMAGE));
	assert_int_equal(e->rank, 4);
	assert_non_null(entry(f, "ExpiryDate", FIELDS_EXPIRY));
	/* One key, two fields, each with its condition. */
	const struct fields_entry *v = NULL;
	assert_int_equal(fields_lookup(f, "published", 9, &v), 2);
	assert_non_null(e = entry(f, "published", FIELDS_DATE));
	assert_int_equal(e->flags, FIELDS_IF_NOT_BOOL);
	assert_non_null(e = entry(f, "published", FIELDS_DRAFT));
	assert_int_equal(e->flags, FIELDS_IF_BOOL_NOT);
	/* Not names: other keys, prefixes, a key with more after it. */
	static const char *const none[] = { "titles", "titl", "", "params", "date ", "t\xc3\xadtle" };
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		if (fields_lookup(f, none[i], strlen(none[i]), &v) != 0)
			fail_msg("'%s' names a field", none[i]);
	/* len, not the NUL, ends the key. */
	assert_int_equal(fields_lookup(f, "tagsXYZ", 4, &v), 1);
	assert_int_equal(v[0].id, FIELDS_TAGS);
	char buf[256];
	fields_describe(f, FIELDS_SUMMARY, buf, sizeof buf);
	assert_string_equal(buf, "'description', 'summary', 'excerpt', 'subtitle'");
	fields_describe(f, FIELDS_SUMMARY, buf, 10); /* cut to the room given */
	assert_string_equal(buf, "'descript");
}

static void test_site_lists(void **state)
{
	(void)state;
	struct fields *f = fields_new();
	char n0[] = "headline", n1[] = "params.seoTitle", n2[] = "Title";
	char *title[] = { n0, n1, n2 };
	fields_set(f, FIELDS_TITLE, title, 3);
	memcpy(n0, "changed", 8); /* the names were copied */
	const struct fields_entry *e;
	assert_non_null(e = entry(f, "headline", FIELDS_TITLE));
	assert_int_equal(e->rank, 0);
	assert_null(entry(f, "changed", FIELDS_TITLE));
	/* A dotted name is found by its first part, the rest to follow. */
	assert_non_null(e = entry(f, "PARAMS", FIELDS_TITLE));
	assert_int_equal(e->rank, 1);
	assert_string_equal(e->rest, "seoTitle");
	assert_non_null(e = entry(f, "title", FIELDS_TITLE));
	assert_int_equal(e->rank, 2);
	char buf[256];
	fields_describe(f, FIELDS_TITLE, buf, sizeof buf);
	assert_string_equal(buf, "'headline', 'params.seoTitle', 'Title'");
	/* The other fields keep their aliases; the built-in set is unchanged. */
	assert_non_null(entry(f, "pubDate", FIELDS_DATE));
	assert_null(entry(fields_builtin(), "headline", FIELDS_TITLE));
	assert_non_null(e = entry(fields_builtin(), "title", FIELDS_TITLE));
	assert_int_equal(e->rank, 0);
	/* No names: the field is never read. */
	fields_set(f, FIELDS_TAGS, NULL, 0);
	const struct fields_entry *v;
	assert_int_equal(fields_lookup(f, "tags", 4, &v), 0);
	assert_int_equal(fields_lookup(f, "keywords", 8, &v), 0);
	fields_describe(f, FIELDS_TAGS, buf, sizeof buf);
	assert_string_equal(buf, "(no names)");
	fields_free(f);
	fields_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_site_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
