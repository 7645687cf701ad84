/* gzip: compress bytes into the gzip format (RFC 1952), for serving
 * "Content-Encoding: gzip" copies. The only module that includes zlib. */
#ifndef FEEDCARD_GZIP_H
#define FEEDCARD_GZIP_H

#include <stddef.h>

/* Compress len bytes of data at the highest level. The output is
 * deterministic (no name, no timestamp). Returns 0 with *out (caller frees)
 * and *out_len, or -1 after a diag. */
int gzip_compress(const void *data, size_t len, unsigned char **out, size_t *out_len);

#endif
