/* Fuzz target: card template parsing from bytes (YAML, every key's
 * validation, text with {field} placeholders). Relative paths resolve
 * against the bundled templates/ folder, so seeds naming its images load. */
#include <stdint.h>

#include "fuzzutil.h"
#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	if (size > (1u << 20))
		return 0;
	struct template *t = template_parse("templates/fuzz.yaml", FEEDCARD_SOURCE_DIR "/templates",
					    (const char *)data, size);
	if (t) {
		FUZZ_CHECK(t->width > 0 && t->height > 0, "size %dx%d", t->width, t->height);
		for (size_t i = 0; i < t->nlayers; i++) {
			const struct template_layer *l = &t->layers[i];
			if (l->kind != TEMPLATE_TEXT)
				continue;
			FUZZ_CHECK(l->font && l->separator, "text layer %zu without font or separator", i);
			FUZZ_CHECK(l->size_min > 0 && l->size_min <= l->size_max && l->max_lines >= 1,
				   "layer %zu: size %g..%g, %d lines", i, l->size_min, l->size_max,
				   l->max_lines);
		}
	}
	template_free(t);
	return 0;
}
