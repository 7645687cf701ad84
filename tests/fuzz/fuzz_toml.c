/* Fuzz target: TOML front matter. The bytes are loaded by ydoc_load_toml
 * (toml++ through tomldoc.cpp) and checked: a document whose nodes all have
 * sane positions and clean scalars, or an error. Then the same bytes go
 * between +++ fences through post_parse, as a Hugo or Zola post. */
#include <stdint.h>

#include "fuzzutil.h"
#include "post.h"
#include "ydoc.h"

/* Every node of d: positions inside the text, scalars without the NULs
 * and controls that ydoc removes. */
static void fuzz_check_doc(struct ydoc *d, size_t size)
{
	for (yaml_node_t *n = d->doc.nodes.start; n < d->doc.nodes.top; n++) {
		FUZZ_CHECK(n->start_mark.line <= size, "line %zu of %zu bytes", n->start_mark.line, size);
		FUZZ_CHECK(ydoc_line(d, n) >= 1 && ydoc_col(n) >= 1, "at %d:%d", ydoc_line(d, n), ydoc_col(n));
		if (n->type == YAML_SCALAR_NODE)
			FUZZ_CHECK(strlen((const char *)n->data.scalar.value) == n->data.scalar.length,
				   "a scalar of %zu bytes with a NUL", n->data.scalar.length);
	}
}

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
	struct ydoc d;
	if (ydoc_load_toml(&d, "post.md", (const char *)data, size, 1) == 0) {
		yaml_node_t *root = ydoc_root(&d);
		FUZZ_CHECK(root && root->type == YAML_MAPPING_NODE, "a TOML document that is no table");
		fuzz_check_doc(&d, size);
		ydoc_free(&d);
	}
	char *text = xmalloc(size + 16);
	memcpy(text, "+++\n", 4);
	if (size)
		memcpy(text + 4, data, size);
	memcpy(text + 4 + size, "\n+++\nBody\n", 11);
	struct post *p = post_parse("posts/2024-10-09-fuzz/index.md", text, size + 14, &cfg);
	if (p)
		FUZZ_CHECK(p->title && p->title[0] && p->url, "a post without a title or url");
	post_free(p);
	free(text);
	return 0;
}
