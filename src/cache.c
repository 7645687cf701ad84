/* cache: incremental-build manifest; see cache.h. */
#include "cache.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "fsin.h"
#include "xalloc.h"

#define CACHE_MAGIC "feedcard-cache 1\n"

struct cache_entry {
	unsigned long long key;
	size_t size;
};

struct cache {
	GHashTable *map; /* char *rel -> struct cache_entry * */
};

struct cache *cache_new(void)
{
	struct cache *c = xcalloc(1, sizeof *c);
	c->map = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	return c;
}

struct cache *cache_load(const char *path)
{
	struct cache *c = cache_new();
	FILE *f = fsin_fopen_regular(path);
	if (!f)
		return c;
	char line[8192];
	if (!fgets(line, sizeof line, f) || strcmp(line, CACHE_MAGIC) != 0) {
		fclose(f);
		return c;
	}
	while (fgets(line, sizeof line, f)) {
		unsigned long long key;
		size_t size;
		int off = 0;
		size_t n = strlen(line);
		if (n == 0 || line[n - 1] != '\n')
			break; /* truncated: ignore the rest */
		line[n - 1] = '\0';
		if (sscanf(line, "%16llx %zu %n", &key, &size, &off) != 2 || off <= 0 || !line[off])
			continue;
		cache_set(c, line + off, key, size);
	}
	fclose(f);
	return c;
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	g_hash_table_destroy(c->map);
	free(c);
}

bool cache_lookup(const struct cache *c, const char *rel, unsigned long long key, size_t *size)
{
	const struct cache_entry *e = g_hash_table_lookup(c->map, rel);
	if (!e || e->key != key)
		return false;
	*size = e->size;
	return true;
}

void cache_set(struct cache *c, const char *rel, unsigned long long key, size_t size)
{
	struct cache_entry *e = xmalloc(sizeof *e);
	e->key = key;
	e->size = size;
	g_hash_table_replace(c->map, xstrdup(rel), e);
}

void cache_serialize(const struct cache *c, struct strbuf *out)
{
	guint n = 0;
	gpointer *keys = g_hash_table_get_keys_as_array(c->map, &n);
	qsort(keys, n, sizeof *keys, fsin_cmp_paths);
	strbuf_puts(out, CACHE_MAGIC);
	for (guint i = 0; i < n; i++) {
		const struct cache_entry *e = g_hash_table_lookup(c->map, keys[i]);
		strbuf_printf(out, "%016llx %zu %s\n", e->key, e->size, (const char *)keys[i]);
	}
	g_free(keys);
}

unsigned long long cache_hash(unsigned long long seed, const void *data, size_t len)
{
	return XXH3_64bits_withSeed(data, len, seed);
}
