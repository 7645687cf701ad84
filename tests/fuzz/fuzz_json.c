/* Fuzz target: JSON front matter. The bytes are split as a post (a JSON
 * object at the top: its end is where jansson stops) and loaded by
 * ydoc_load_json; then parsed as a whole post by post_parse. */
#include <stdint.h>

#include "frontmatter.h"
#include "fuzzutil.h"
#include "post.h"
#include "ydoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config cfg;
	static bool ready;
	if (!ready) {
		fuzz_config(&cfg);
		ready = true;
	}
	fuzz_quiet();
	if (size > POST_MAX_FRONTMATTER_BYTES)
		return 0;
	char *text = fuzz_cstr(data, size);
	struct frontmatter fm;
	if (frontmatter_split("post.md", text, size, &fm) == 0 && fm.format == FRONTMATTER_JSON) {
		FUZZ_CHECK(fm.text_off + fm.text_len <= fm.body_off && fm.body_off <= size,
			   "json %zu+%zu, body at %zu of %zu", fm.text_off, fm.text_len, fm.body_off, size);
		FUZZ_CHECK(text[fm.text_off] == '{', "the JSON starts with 0x%02x", (unsigned char)text[fm.text_off]);
		struct ydoc d;
		if (ydoc_load_json(&d, "post.md", text + fm.text_off, fm.text_len, fm.text_line - 1) == 0) {
			yaml_node_t *root = ydoc_root(&d);
			FUZZ_CHECK(root && root->type == YAML_MAPPING_NODE, "a JSON front matter that is no object");
			for (yaml_node_t *n = d.doc.nodes.start; n < d.doc.nodes.top; n++)
				if (n->type == YAML_SCALAR_NODE)
					FUZZ_CHECK(strlen((const char *)n->data.scalar.value) == n->data.scalar.length,
						   "a scalar with a NUL");
			ydoc_free(&d);
		}
	}
	struct post *p = post_parse("posts/2024-10-09-fuzz/index.md", text, size, &cfg);
	if (p)
		FUZZ_CHECK(p->title && p->title[0] && p->url, "a post without a title or url");
	post_free(p);
	free(text);
	return 0;
}
