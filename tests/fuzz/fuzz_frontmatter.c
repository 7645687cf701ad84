/* Fuzz target: a post file from memory, as post_load reads it: UTF-8
 * check and cleaning, front matter splitting, YAML, every field's
 * validation, slug, permalink and URL derivation. */
#include <stdint.h>

#include "frontmatter.h"
#include "fuzzutil.h"
#include "post.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config cfg;
	static bool ready;
	if (!ready) {
		fuzz_config(&cfg);
		ready = true;
	}
	fuzz_quiet();
	if (size > POST_MAX_FILE_BYTES)
		return 0;
	/* The splitter alone, on the raw bytes (it must cope with anything). */
	struct frontmatter fm;
	if (frontmatter_split("post.md", (const char *)data, size, &fm) == 0) {
		FUZZ_CHECK(fm.text_off <= size && fm.text_off + fm.text_len <= size, "front matter %zu+%zu of %zu",
			   fm.text_off, fm.text_len, size);
		FUZZ_CHECK(fm.body_off <= size, "body at %zu of %zu", fm.body_off, size);
	}
	char *text = fuzz_cstr(data, size);
	struct post *p = post_parse("posts/2024-10-09-fuzz/index.md", text, size, &cfg);
	if (p) {
		FUZZ_CHECK(p->title && p->title[0], "a post without a title");
		FUZZ_CHECK(p->url && p->link && p->slug && p->path, "a post without its links");
		FUZZ_CHECK(p->body_len == strlen(p->body), "body_len %zu, strlen %zu", p->body_len,
			   strlen(p->body));
	}
	post_free(p);
	free(text);
	return 0;
}
