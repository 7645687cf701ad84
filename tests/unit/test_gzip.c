/* gzip: what gzip_compress writes is a gzip member (RFC 1952) that zlib
 * inflates back to the input, byte for byte, for empty, tiny, random and
 * repetitive input; its header carries no name and no time, so the same
 * input gives the same bytes; text that repeats comes out much smaller. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gzip.h"

/* Inflate a gzip member (zlib's gzip wrapper: windowBits 16 + 15) and
 * compare it to want. */
static void assert_inflates_to(const unsigned char *gz, size_t gz_len, const unsigned char *want, size_t len)
{
	unsigned char *back = malloc(len + 1);
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
	z.next_in = (unsigned char *)gz;
	z.avail_in = (uInt)gz_len;
	z.next_out = back;
	z.avail_out = (uInt)(len + 1);
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END); /* also checks the CRC-32 and length */
	assert_int_equal(z.total_out, len);
	assert_int_equal(z.avail_in, 0); /* nothing after the member */
	inflateEnd(&z);
	if (len)
		assert_memory_equal(back, want, len);
	free(back);
}

static void check_round_trip(const unsigned char *data, size_t len)
{
	unsigned char *gz = NULL;
	size_t gz_len = 0;
	assert_int_equal(gzip_compress(data, len, &gz, &gz_len), 0);
	assert_non_null(gz);
	assert_true(gz_len >= 18); /* 10-byte header, 8-byte trailer */
	/* Magic, deflate, no flags (no name, comment or extra), no time. */
	assert_int_equal(gz[0], 0x1f);
	assert_int_equal(gz[1], 0x8b);
	assert_int_equal(gz[2], 8);
	assert_int_equal(gz[3], 0);
	assert_int_equal(gz[4] | gz[5] | gz[6] | gz[7], 0);
	/* The trailer's length is the input's, mod 2^32. */
	size_t isize = (size_t)gz[gz_len - 4] | (size_t)gz[gz_len - 3] << 8 | (size_t)gz[gz_len - 2] << 16 |
		       (size_t)gz[gz_len - 1] << 24;
	assert_int_equal(isize, len & 0xffffffffu);
	assert_inflates_to(gz, gz_len, data, len);
	/* Deterministic. */
	unsigned char *again = NULL;
	size_t again_len = 0;
	assert_int_equal(gzip_compress(data, len, &again, &again_len), 0);
	assert_int_equal(again_len, gz_len);
	assert_memory_equal(again, gz, gz_len);
	free(again);
	free(gz);
}

static void test_small(void **state)
{
	(void)state;
	check_round_trip((const unsigned char *)"", 0);
	check_round_trip((const unsigned char *)"x", 1);
	check_round_trip((const unsigned char *)"<rss version=\"2.0\"/>\n", 21);
	const unsigned char bin[] = { 0, 0xff, 0x1f, 0x8b, 0, 1, 2 };
	check_round_trip(bin, sizeof bin);
}

static void test_random(void **state)
{
	(void)state;
	size_t len = 300000;
	unsigned char *data = malloc(len);
	unsigned x = 2463534242u; /* xorshift: the same bytes every run */
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		data[i] = (unsigned char)x;
	}
	check_round_trip(data, len);
	free(data);
}

/* A feed repeats itself: its gzip copy is a fraction of it. */
static void test_repetitive_is_smaller(void **state)
{
	(void)state;
	const char *item = "<item><title>eBPF</title><link>https://ebpf.io/blog/</link></item>\n";
	size_t n = strlen(item), len = n * 2000;
	unsigned char *data = malloc(len);
	for (size_t i = 0; i < 2000; i++)
		memcpy(data + i * n, item, n);
	check_round_trip(data, len);
	unsigned char *gz = NULL;
	size_t gz_len = 0;
	assert_int_equal(gzip_compress(data, len, &gz, &gz_len), 0);
	assert_true(gz_len * 20 < len);
	free(gz);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_repetitive_is_smaller),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
