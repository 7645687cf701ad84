/* Unit tests for card: text ink stays inside its box, the static cache is
 * reused, sizes and formats. The cache key is card_key's (test_card_key.c). */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cmocka.h>

#include "card.h"
#include "xalloc.h"

static char tmpdir[] = "/tmp/feedcard-test-card-XXXXXX";
static char *box_template;

/* One text box [200, 150, 600, 250] on a flat background. */
static const char box_yaml[] =
	"width: 1000\nheight: 500\nbackground: \"#203040\"\n"
	"layers:\n"
	"  - type: text\n    text: \"{title}\"\n    box: [200, 150, 600, 250]\n"
	"    size: [20, 200]\n    max_lines: 4\n    color: \"#ffffff\"\n    weight: bold\n";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	box_template = xasprintf("%s/box.yaml", tmpdir);
	FILE *f = fopen(box_template, "w");
	fputs(box_yaml, f);
	fclose(f);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(box_template);
	rmdir(tmpdir);
	free(box_template);
	return 0;
}

struct reader {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t read_mem(void *closure, unsigned char *buf, unsigned int n)
{
	struct reader *r = closure;
	if (n > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(buf, r->p, n);
	r->p += n;
	r->left -= n;
	return CAIRO_STATUS_SUCCESS;
}

/* Render f as PNG and decode it. Caller destroys. */
static cairo_surface_t *render_png(struct card_renderer *r, const struct card_fields *f)
{
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(card_render(r, f, IMGFMT_PNG, 85, "t", &out, &len), 0);
	struct reader rd = { (const unsigned char *)out, len };
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_mem, &rd);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	free(out);
	return s;
}

static uint32_t px(cairo_surface_t *s, int x, int y)
{
	unsigned char *d = cairo_image_surface_get_data(s);
	return ((uint32_t *)(void *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(s)))[x] & 0xffffff;
}

static void check_ink_in_box(struct card_renderer *r, const char *title)
{
	struct card_fields empty = { 0 }, f = { .title = title };
	cairo_surface_t *bg = render_png(r, &empty);
	cairo_surface_t *card = render_png(r, &f);
	int w = cairo_image_surface_get_width(card), h = cairo_image_surface_get_height(card);
	long inside = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			bool in = x >= 200 && x < 800 && y >= 150 && y < 400;
			if (px(bg, x, y) == px(card, x, y))
				continue;
			if (!in)
				fail_msg("'%s': pixel %d,%d outside the box changed", title, x, y);
			inside++;
		}
	/* And the text was drawn at all. */
	assert_true(inside > 500);
	cairo_surface_destroy(bg);
	cairo_surface_destroy(card);
}

static void test_ink_inside_box(void **state)
{
	(void)state;
	struct card_renderer *r = card_renderer_new(box_template, 0, 0);
	assert_non_null(r);
	check_ink_in_box(r, "Hi");
	check_ink_in_box(r, "gjpqy ÅÉÎ Descenders and Åccents fill the whole box gjpqy");
	char longt[400];
	for (int i = 0; i < 399; i++)
		longt[i] = "Wrapping ggg "[i % 13];
	longt[399] = '\0';
	check_ink_in_box(r, longt);
	check_ink_in_box(r, "「eBPF」がクラウドネイティブを超強力にする。eBPFとは何か？");
	check_ink_in_box(r, "مقدمة إلى eBPF 🚀");
	card_renderer_free(r);
}

static void test_bundled_jpeg_sizes(void **state)
{
	(void)state;
	const char *names[] = { "default", "summit", "dark" };
	struct card_fields f = { .title = "eBPF Summit 2024", .description = "D", .author = "A",
				 .categories = "a, b", .site_title = "S", .site_host = "h.io",
				 .date = 1728432000, .reading_time = 5 };
	for (size_t i = 0; i < 3; i++) {
		char *p = xasprintf("%s/templates/%s.yaml", FEEDCARD_TEST_SRC, names[i]);
		for (int half = 0; half < 2; half++) {
			struct card_renderer *r = card_renderer_new(p, half ? 600 : 0, half ? 315 : 0);
			assert_non_null(r);
			int w, h;
			card_renderer_size(r, &w, &h);
			assert_int_equal(w, half ? 600 : 1200);
			assert_int_equal(h, half ? 315 : 630);
			char *out = NULL;
			size_t len = 0;
			assert_int_equal(card_render(r, &f, IMGFMT_JPEG, 85, "t", &out, &len), 0);
			const unsigned char *u = (const unsigned char *)out;
			assert_true(u[0] == 0xff && u[1] == 0xd8);
			/* Find SOF0 and read the size from it. */
			size_t k = 2;
			while (k + 9 < len && !(u[k] == 0xff && u[k + 1] == 0xc0))
				k += 2 + (size_t)((u[k + 2] << 8) | u[k + 3]);
			assert_true(k + 9 < len);
			assert_int_equal((u[k + 5] << 8) | u[k + 6], h);
			assert_int_equal((u[k + 7] << 8) | u[k + 8], w);
			free(out);
			card_renderer_free(r);
		}
		free(p);
	}
}

/* Rendering the same fields twice gives the same bytes (the cached static
 * layers are not disturbed by a card drawn in between). */
static void test_repeatable(void **state)
{
	(void)state;
	char *p = xasprintf("%s/templates/summit.yaml", FEEDCARD_TEST_SRC);
	struct card_renderer *r = card_renderer_new(p, 0, 0);
	assert_non_null(r);
	struct card_fields f1 = { .title = "First" }, f2 = { .title = "A different, longer second title" };
	char *o1, *o2, *o3;
	size_t l1, l2, l3;
	assert_int_equal(card_render(r, &f1, IMGFMT_PNG, 85, "t", &o1, &l1), 0);
	assert_int_equal(card_render(r, &f2, IMGFMT_PNG, 85, "t", &o2, &l2), 0);
	assert_int_equal(card_render(r, &f1, IMGFMT_PNG, 85, "t", &o3, &l3), 0);
	assert_int_equal(l1, l3);
	assert_memory_equal(o1, o3, l1);
	assert_true(l1 != l2 || memcmp(o1, o2, l1) != 0);
	free(o1);
	free(o2);
	free(o3);
	assert_int_equal(card_render(r, &f1, IMGFMT_GIF, 85, "t", &o1, &l1), -1);
	card_renderer_free(r);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ink_inside_box),
		cmocka_unit_test(test_bundled_jpeg_sizes),
		cmocka_unit_test(test_repeatable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
