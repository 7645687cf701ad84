/* encode: a finished card image -> JPEG, PNG or WebP bytes.
 *
 * The input is cairo's RGB24 layout: 32 bits per pixel, native-endian
 * 0x00RRGGBB words, rows `stride` bytes apart. libjpeg's and libpng's
 * longjmp error handling is caught in here and turned into a diag. */
#ifndef FEEDCARD_ENCODE_H
#define FEEDCARD_ENCODE_H

#include <stddef.h>

#include "imgfmt.h"

/* Pixels to encode; borrowed for the duration of the call. */
struct encode_image {
	const unsigned char *data;
	int width, height, stride;
};

/* An encoder that keeps its JPEG compressor between calls, so a worker
 * thread pays libjpeg's set-up once. Not thread-safe: one per thread. */
struct encode;

/* A new encoder; never NULL. Free with encode_free. */
struct encode *encode_new(void);
/* Free an encoder; NULL does nothing. */
void encode_free(struct encode *e);

/* Encode img as fmt, one of the formats imgfmt_encodable says cards are
 * written in; any other is an error. quality (1-100) applies to JPEG and lossy WebP; PNG is
 * lossless and ignores it. No metadata is written (JPEG gets only its JFIF
 * header). On success *out (caller frees with free()) and *out_len are set
 * and 0 is returned; -1 after a diag naming diag_name. */
int encode_image(struct encode *e, const struct encode_image *img, enum imgfmt fmt,
		 int quality, const char *diag_name, char **out, size_t *out_len);

#endif
