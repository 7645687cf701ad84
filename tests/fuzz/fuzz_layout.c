/* Fuzz target: text layout of arbitrary strings as card titles: any
 * script, bidi controls, combining marks by the thousand, joiners, huge
 * titles, and invalid UTF-8 (lone surrogates, overlongs), which must give
 * an error and not a crash.
 *
 * Byte 0 picks the style: bits 0-1 alignment, bits 2-3 case transform,
 * bit 4 italic, bit 5 letter spacing; bits 6-7 the box: 0-1 the default
 * template's title box, 2 a narrow ten-line column, 3 a whole card rendered
 * with the default template (small PNG) with the text as title and
 * description. The rest, up to a NUL, is the text.
 * ORACLE: the call fails exactly when the text is not valid UTF-8. */
#include <stdint.h>

#include <cairo.h>
#include <glib.h>

#include "card.h"
#include "fuzzutil.h"
#include "layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct layout *lay;
	static struct card_renderer *card;
	static cairo_surface_t *surface;
	fuzz_quiet();
	if (!lay) {
		const char *fonts[] = { FEEDCARD_SOURCE_DIR "/fonts" };
		lay = layout_new(fonts, 1);
		card = card_renderer_new(FEEDCARD_SOURCE_DIR "/templates/default.yaml", 240, 126);
		surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 256, 256);
		FUZZ_CHECK(lay && card && !cairo_surface_status(surface), "set-up failed");
	}
	if (size < 1 || size > 200000)
		return 0;
	unsigned opt = data[0];
	char *text = fuzz_cstr(data + 1, size - 1);
	bool valid = g_utf8_validate(text, -1, NULL);
	int rc;
	if ((opt >> 6) == 3) {
		struct card_fields f = { .title = text, .description = text, .author = "A",
					 .site_title = "S", .site_host = "ex.org", .date = 1728468000 };
		char *out = NULL;
		size_t len = 0;
		rc = card_render(card, &f, IMGFMT_PNG, 90, "fuzz", &out, &len);
		FUZZ_CHECK(rc != 0 || (out && len > 0), "a card without bytes");
		free(out);
	} else {
		bool narrow = (opt >> 6) == 2;
		struct layout_style st = {
			.family = "Inter",
			.weight = narrow ? 400 : 800,
			.italic = opt & 16,
			.size_min = narrow ? 10 : 44,
			.size_max = narrow ? 24 : 84,
			.line_height = 1.12,
			.letter_spacing = opt & 32 ? 3 : 0,
			.max_lines = narrow ? 10 : 4,
			.width = narrow ? 60 : 1024,
			.height = narrow ? 200 : 340,
			.align = (enum layout_align)(opt & 3) % 3,
			.transform = (enum layout_transform)((opt >> 2) & 3) % 3,
		};
		struct layout_result res;
		rc = layout_fit(lay, &st, text, "fuzz", &res);
		if (rc == 0) {
			FUZZ_CHECK(res.size >= st.size_min && res.size <= st.size_max, "size %g", res.size);
			cairo_t *cr = cairo_create(surface);
			double rgba[4] = { 0, 0, 0, 1 };
			layout_draw(lay, cr, 0, 0, 256, 256, LAYOUT_VALIGN_MIDDLE, rgba);
			cairo_destroy(cr);
		}
	}
	FUZZ_CHECK((rc == 0) == valid, "rc %d for %s UTF-8", rc, valid ? "valid" : "invalid");
	free(text);
	return 0;
}
