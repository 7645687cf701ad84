/* strbuf: a growable, always NUL-terminated byte buffer. */
#ifndef FEEDCARD_STRBUF_H
#define FEEDCARD_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

/* Make room for n more bytes. */
void strbuf_grow(struct strbuf *sb, size_t n);
/* Append n bytes of s. */
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
/* Append a NUL-terminated string. */
void strbuf_puts(struct strbuf *sb, const char *s);
/* Append one byte. */
void strbuf_putc(struct strbuf *sb, char c);
/* Append printf output. */
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Drop the contents but keep the memory. */
void strbuf_reset(struct strbuf *sb);
/* The contents as a string ("" when empty); borrowed until the next change. */
const char *strbuf_str(const struct strbuf *sb);
/* Hand the contents to the caller (caller frees) and reset the buffer to empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Free the memory; the buffer is empty and reusable afterwards. */
void strbuf_release(struct strbuf *sb);

#endif
