/* cache: the incremental-build manifest. One entry per generated output
 * file: the hash of everything the file depends on, and its size. A file is
 * rebuilt only when its key changed or the file on disk is not the one the
 * manifest describes. Stored as text in the output folder. */
#ifndef FEEDCARD_CACHE_H
#define FEEDCARD_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct cache;

/* A new, empty cache. Free with cache_free. */
struct cache *cache_new(void);
/* Read the manifest at path; a missing or malformed one gives an empty cache
 * (everything is rebuilt). Never fails. Free with cache_free. */
struct cache *cache_load(const char *path);
/* Free the cache; NULL does nothing. */
void cache_free(struct cache *c);
/* True when rel (path relative to the output folder) was built with key;
 * *size is then its recorded size. */
bool cache_lookup(const struct cache *c, const char *rel, unsigned long long key, size_t *size);
/* Record rel's key and size (the cache copies rel). Not thread-safe. */
void cache_set(struct cache *c, const char *rel, unsigned long long key, size_t size);
/* Append the manifest text, entries sorted by path, to out. */
void cache_serialize(const struct cache *c, struct strbuf *out);
/* Hash len bytes into a running key (XXH3-64). */
unsigned long long cache_hash(unsigned long long seed, const void *data, size_t len);

#endif
