/* cache: the incremental-build manifest. What a lookup answers (the key
 * must match, the size comes back), the manifest text (its first line,
 * entries sorted bytewise, one a line), that it reads back what it wrote,
 * and that a manifest that is missing, foreign, damaged or cut short costs
 * rebuilds, never a wrong answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "cache.h"
#include "strbuf.h"
#include "testutil.h"
#include "xalloc.h"

static void test_lookup(void **state)
{
	(void)state;
	struct cache *c = cache_new();
	size_t size = 7;
	assert_false(cache_lookup(c, "rss.xml", 1, &size));
	assert_int_equal(size, 7); /* untouched when not found */
	cache_set(c, "rss.xml", 0xabcdef, 1234);
	assert_true(cache_lookup(c, "rss.xml", 0xabcdef, &size));
	assert_int_equal(size, 1234);
	size = 7;
	assert_false(cache_lookup(c, "rss.xml", 0xabcdee, &size)); /* another key: rebuild */
	assert_int_equal(size, 7);
	assert_false(cache_lookup(c, "atom.xml", 0xabcdef, &size)); /* another file */
	assert_false(cache_lookup(c, "rss.xml/", 0xabcdef, &size));
	/* A later set replaces the entry. */
	cache_set(c, "rss.xml", 5, 99);
	assert_false(cache_lookup(c, "rss.xml", 0xabcdef, &size));
	assert_true(cache_lookup(c, "rss.xml", 5, &size));
	assert_int_equal(size, 99);
	cache_free(c);
	cache_free(NULL);
}

/* cache_set copies the path: the caller's buffer may change afterwards. */
static void test_set_copies_path(void **state)
{
	(void)state;
	struct cache *c = cache_new();
	char rel[] = "blog/feed.json";
	cache_set(c, rel, 1, 2);
	rel[0] = 'X';
	size_t size = 0;
	assert_true(cache_lookup(c, "blog/feed.json", 1, &size));
	assert_int_equal(size, 2);
	assert_false(cache_lookup(c, rel, 1, &size));
	cache_free(c);
}

static void test_serialize(void **state)
{
	(void)state;
	struct cache *c = cache_new();
	struct strbuf sb = STRBUF_INIT;
	cache_serialize(c, &sb);
	assert_string_equal(strbuf_str(&sb), "feedcard-cache 1\n");
	strbuf_reset(&sb);
	/* Set out of order; written sorted bytewise ('/' < 'a', 'B' < 'a'),
	 * keys as 16 hex digits, paths with spaces kept whole. */
	cache_set(c, "blog/z.jpg", 0x1, 0);
	cache_set(c, "blog/a b.jpg", 0xffffffffffffffffULL, 5);
	cache_set(c, "Blog.xml", 0x0123456789abcdefULL, 42);
	cache_set(c, "blog/", 0x10, 3);
	cache_set(c, "blog/z.jpg", 0x2, 8); /* replaces, no second line */
	cache_serialize(c, &sb);
	assert_string_equal(strbuf_str(&sb), "feedcard-cache 1\n"
					     "0123456789abcdef 42 Blog.xml\n"
					     "0000000000000010 3 blog/\n"
					     "ffffffffffffffff 5 blog/a b.jpg\n"
					     "0000000000000002 8 blog/z.jpg\n");
	/* Appended: what was in the buffer stays in front. */
	strbuf_reset(&sb);
	strbuf_puts(&sb, "HEAD\n");
	cache_serialize(c, &sb);
	assert_int_equal(strncmp(strbuf_str(&sb), "HEAD\nfeedcard-cache 1\n", 22), 0);
	strbuf_release(&sb);
	cache_free(c);
}

static char *write_manifest(const char *name, const char *text)
{
	return tu_write(tu_dir, name, text, strlen(text));
}

/* What cache_serialize writes, cache_load reads back, entry for entry. */
static void test_round_trip(void **state)
{
	(void)state;
	struct cache *c = cache_new();
	char rel[64];
	for (int i = 0; i < 500; i++) {
		snprintf(rel, sizeof rel, "blog/%03d/card %d.jpg", i, i);
		cache_set(c, rel, cache_hash((unsigned long long)i, rel, strlen(rel)), (size_t)i * 1000);
	}
	struct strbuf sb = STRBUF_INIT;
	cache_serialize(c, &sb);
	char *path = write_manifest("round.cache", strbuf_str(&sb));
	struct cache *back = cache_load(path);
	for (int i = 0; i < 500; i++) {
		snprintf(rel, sizeof rel, "blog/%03d/card %d.jpg", i, i);
		size_t size = 1;
		unsigned long long key = cache_hash((unsigned long long)i, rel, strlen(rel));
		assert_true(cache_lookup(back, rel, key, &size));
		assert_int_equal(size, (size_t)i * 1000);
		assert_false(cache_lookup(back, rel, key ^ 1, &size));
	}
	struct strbuf again = STRBUF_INIT;
	cache_serialize(back, &again);
	assert_string_equal(strbuf_str(&again), strbuf_str(&sb));
	strbuf_release(&again);
	strbuf_release(&sb);
	cache_free(back);
	cache_free(c);
	free(path);
}

/* Count what a loaded manifest answers for: each of rels with key 1. */
static size_t found(const struct cache *c, const char *const *rels, size_t n)
{
	size_t k = 0, size;
	for (size_t i = 0; i < n; i++)
		k += cache_lookup(c, rels[i], 1, &size);
	return k;
}

static void test_load_damaged(void **state)
{
	(void)state;
	const char *rels[] = {"a", "b", "c"};
	char *path;
	struct cache *c;

	/* Missing, and a folder in its place: empty. */
	char *missing = xasprintf("%s/none.cache", tu_dir);
	c = cache_load(missing);
	assert_int_equal(found(c, rels, 3), 0);
	cache_free(c);
	assert_int_equal(mkdir(missing, 0755), 0);
	c = cache_load(missing);
	assert_int_equal(found(c, rels, 3), 0);
	cache_free(c);
	free(missing);

	/* Another file's first line (or another version): all of it ignored. */
	path = write_manifest("foreign.cache", "feedcard-cache 2\n0000000000000001 1 a\n");
	c = cache_load(path);
	assert_int_equal(found(c, rels, 3), 0);
	cache_free(c);
	free(path);
	path = write_manifest("nomagic.cache", "0000000000000001 1 a\n");
	c = cache_load(path);
	assert_int_equal(found(c, rels, 3), 0);
	cache_free(c);
	free(path);

	/* Bad lines are skipped, the good ones around them kept. */
	path = write_manifest("bad.cache", "feedcard-cache 1\n"
					   "0000000000000001 1 a\n"
					   "zzzz 1 b\n"
					   "0000000000000001 1\n"
					   "0000000000000001 1 \n"
					   "0000000000000001 x b\n"
					   "0000000000000001 3 c\n");
	c = cache_load(path);
	size_t size = 0;
	assert_true(cache_lookup(c, "a", 1, &size));
	assert_false(cache_lookup(c, "b", 1, &size));
	assert_true(cache_lookup(c, "c", 1, &size));
	assert_int_equal(size, 3);
	cache_free(c);
	free(path);

	/* Cut short (a build killed while writing it, say): the last line,
	 * without its newline, may be a prefix of the real path; it is dropped. */
	path = write_manifest("cut.cache", "feedcard-cache 1\n0000000000000001 1 a\n0000000000000001 1 b");
	c = cache_load(path);
	assert_true(cache_lookup(c, "a", 1, &size));
	assert_false(cache_lookup(c, "b", 1, &size));
	cache_free(c);
	free(path);
}

static void test_hash(void **state)
{
	(void)state;
	/* XXH3-64 of nothing with seed 0, as xxHash documents it: a manifest
	 * written by one build must match the next build's keys. */
	assert_true(cache_hash(0, "", 0) == 0x2D06800538D394C2ULL);
	unsigned long long a = cache_hash(0, "title", 5);
	assert_true(a == cache_hash(0, "title", 5));
	assert_true(a != cache_hash(0, "Title", 5));
	assert_true(a != cache_hash(1, "title", 5));
	assert_true(a != cache_hash(0, "title", 4));
	/* Chained, the order of the parts counts. */
	unsigned long long ab = cache_hash(cache_hash(0, "a", 1), "b", 1);
	unsigned long long ba = cache_hash(cache_hash(0, "b", 1), "a", 1);
	assert_true(ab != ba);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_set_copies_path),
		cmocka_unit_test(test_serialize),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_load_damaged),
		cmocka_unit_test(test_hash),
	};
	return cmocka_run_group_tests(tests, tu_setup_tmpdir, tu_teardown_tmpdir);
}
