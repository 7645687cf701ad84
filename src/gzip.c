/* gzip: zlib glue; see gzip.h. */
#include "gzip.h"

#define ZLIB_CONST /* next_in is then const, as our input is */
#include <limits.h>
#include <stdlib.h>
#include <zlib.h>

#include "diag.h"
#include "xalloc.h"

int gzip_compress(const void *data, size_t len, unsigned char **out, size_t *out_len)
{
	if (len > (size_t)UINT_MAX / 2) {
		diag_error(NULL, 0, 0, "gzip: %zu bytes is too much to compress in one piece", len);
		return -1;
	}
	z_stream z = { 0 };
	/* windowBits 15 + 16 asks for the gzip wrapper instead of zlib's. */
	int zrc = deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
	if (zrc != Z_OK) {
		diag_error(NULL, 0, 0, "gzip: cannot start the compressor (zlib error %d)", zrc);
		return -1;
	}
	uLong cap = deflateBound(&z, (uLong)len) + 32;
	unsigned char *buf = xmalloc(cap);
	z.next_in = data;
	z.avail_in = (uInt)len;
	z.next_out = buf;
	z.avail_out = (uInt)cap;
	zrc = deflate(&z, Z_FINISH);
	if (zrc != Z_STREAM_END) {
		diag_error(NULL, 0, 0, "gzip: compression failed (zlib error %d)", zrc);
		deflateEnd(&z);
		free(buf);
		return -1;
	}
	*out_len = (size_t)z.total_out;
	deflateEnd(&z);
	*out = buf;
	return 0;
}
