/* xalloc: allocation wrappers that print and exit when memory runs out,
 * so callers never test for NULL. */
#ifndef FEEDCARD_XALLOC_H
#define FEEDCARD_XALLOC_H

#include <stddef.h>

/* malloc(n); never returns NULL. Caller frees. */
void *xmalloc(size_t n);
/* calloc(count, size) with overflow check; never returns NULL. Caller frees. */
void *xcalloc(size_t count, size_t size);
/* realloc(p, n); never returns NULL. */
void *xrealloc(void *p, size_t n);
/* realloc of an array of count elements of size bytes, with overflow check. */
void *xreallocarray(void *p, size_t count, size_t size);
/* strdup(s); s must not be NULL. Caller frees. */
char *xstrdup(const char *s);
/* A NUL-terminated copy of the first n bytes of s. Caller frees. */
char *xstrndup(const char *s, size_t n);
/* printf into a new string. Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
