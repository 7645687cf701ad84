/* strbuf: what each append leaves in the buffer (bytes, length, the NUL
 * after them), growth past the first allocation and past printf's first
 * guess, embedded NULs, and what reset, detach and release leave behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* The buffer holds exactly want (len bytes) and a NUL after them. */
static void assert_holds(const struct strbuf *sb, const char *want, size_t len)
{
	assert_int_equal(sb->len, len);
	assert_true(sb->cap > sb->len);
	assert_memory_equal(sb->data, want, len);
	assert_int_equal(sb->data[len], '\0');
}

static void test_empty(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_null(sb.data);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_reset(&sb); /* no memory yet: nothing to write the NUL to */
	assert_null(sb.data);
	strbuf_add(&sb, "", 0); /* an empty append still makes a string */
	assert_non_null(sb.data);
	assert_holds(&sb, "", 0);
	strbuf_release(&sb);
	assert_null(sb.data);
	assert_int_equal(sb.cap, 0);
}

static void test_appends(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "feed");
	strbuf_putc(&sb, '/');
	strbuf_add(&sb, "card.jpg-ignored", 8);
	strbuf_printf(&sb, " %d %s %05.1f", 42, "x", 3.14159);
	assert_holds(&sb, "feed/card.jpg 42 x 003.1", 24);
	assert_string_equal(strbuf_str(&sb), "feed/card.jpg 42 x 003.1");
	strbuf_release(&sb);
}

/* Bytes after a NUL are kept: the length, not strlen, is the content. */
static void test_embedded_nul(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "a\0b", 3);
	strbuf_putc(&sb, '\0');
	strbuf_putc(&sb, 'c');
	assert_holds(&sb, "a\0b\0c", 5);
	strbuf_release(&sb);
}

/* Many small appends and one large one: every byte where it belongs. */
static void test_growth(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char want[5000];
	for (size_t i = 0; i < sizeof want; i++) {
		want[i] = (char)('a' + i % 26);
		strbuf_putc(&sb, want[i]);
		assert_int_equal(sb.len, i + 1);
		assert_int_equal(sb.data[i + 1], '\0');
	}
	assert_holds(&sb, want, sizeof want);
	size_t before = sb.len;
	char *big = malloc(1 << 20);
	memset(big, 'z', 1 << 20);
	strbuf_add(&sb, big, 1 << 20);
	assert_int_equal(sb.len, before + (1 << 20));
	assert_memory_equal(sb.data, want, sizeof want);
	assert_memory_equal(sb.data + before, big, 1 << 20);
	assert_int_equal(sb.data[sb.len], '\0');
	free(big);
	strbuf_release(&sb);
}

/* printf formats into the spare room first; output longer than that room
 * (and longer than its first 64-byte guess) must come out whole. */
static void test_printf_long(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "<");
	char arg[300];
	memset(arg, 'q', sizeof arg - 1);
	arg[sizeof arg - 1] = '\0';
	for (int i = 0; i < 3; i++)
		strbuf_printf(&sb, "[%d:%s]", i, arg);
	strbuf_puts(&sb, ">");
	assert_int_equal(sb.len, 1 + 3 * (4 + 299) + 1);
	assert_int_equal(sb.data[0], '<');
	for (int i = 0; i < 3; i++) {
		const char *p = sb.data + 1 + (size_t)i * 303;
		assert_int_equal(p[0], '[');
		assert_int_equal(p[1], '0' + i);
		assert_int_equal(p[2], ':');
		assert_int_equal(p[3], 'q');
		assert_int_equal(p[301], 'q');
		assert_int_equal(p[302], ']');
	}
	assert_int_equal(sb.data[sb.len - 1], '>');
	assert_int_equal(sb.data[sb.len], '\0');
	/* An empty format appends nothing and keeps the string terminated. */
	size_t len = sb.len;
	strbuf_printf(&sb, "%s", "");
	assert_int_equal(sb.len, len);
	assert_int_equal(sb.data[len], '\0');
	strbuf_release(&sb);
}

/* Every split of room and output: the formatted text just fits the spare
 * room, is one byte too long for it, or far too long. */
static void test_printf_every_fit(void **state)
{
	(void)state;
	char text[300];
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (char)('A' + i % 23);
	for (size_t pre = 0; pre < 140; pre++) {
		for (size_t n = 0; n < 140; n++) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_add(&sb, text, pre);
			strbuf_printf(&sb, "%.*s", (int)n, text + pre);
			if (sb.len != pre + n || memcmp(sb.data, text, pre + n) != 0 || sb.data[sb.len] != '\0')
				fail_msg("%zu bytes, then printf of %zu: '%s'", pre, n, sb.data);
			strbuf_release(&sb);
		}
	}
}

static void test_reset_keeps_memory(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "some text that fills the first allocation a little");
	char *mem = sb.data;
	size_t cap = sb.cap;
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_ptr_equal(sb.data, mem);
	assert_int_equal(sb.cap, cap);
	strbuf_puts(&sb, "again");
	assert_holds(&sb, "again", 5);
	strbuf_release(&sb);
}

static void test_detach(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "x\0y", 3);
	size_t len = 0;
	char *s = strbuf_detach(&sb, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "x\0y", 4);
	assert_null(sb.data);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	free(s);
	/* An empty buffer detaches as an allocated "" (the caller frees it). */
	s = strbuf_detach(&sb, NULL);
	assert_string_equal(s, "");
	free(s);
	/* Reusable after detach and after release. */
	strbuf_puts(&sb, "next");
	assert_holds(&sb, "next", 4);
	strbuf_release(&sb);
	strbuf_putc(&sb, 'n');
	assert_holds(&sb, "n", 1);
	strbuf_release(&sb);
}

/* grow makes room without changing the content: no append after it
 * moves the data. */
static void test_grow_reserves(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "ab");
	strbuf_grow(&sb, 1000);
	assert_true(sb.cap >= 2 + 1000 + 1);
	assert_holds(&sb, "ab", 2);
	char *mem = sb.data;
	for (int i = 0; i < 1000; i++)
		strbuf_putc(&sb, 'c');
	assert_ptr_equal(sb.data, mem);
	assert_int_equal(sb.len, 1002);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_embedded_nul),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_printf_long),
		cmocka_unit_test(test_printf_every_fit),
		cmocka_unit_test(test_reset_keeps_memory),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_grow_reserves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
