/* frontmatter: split a post into its YAML front matter and its body.
 *
 * Front matter is the text between a first line "---" and the next line
 * "---". When the closing line is missing, the rest of the file is read as
 * front matter (link-only posts end that way) and a warning says so. */
#ifndef FEEDCARD_FRONTMATTER_H
#define FEEDCARD_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

struct frontmatter {
	size_t yaml_off, yaml_len; /* the YAML text, without the fences */
	int yaml_line;             /* 1-based line where the YAML starts */
	size_t body_off;           /* the body: from here to the end */
	int body_line;             /* 1-based line where the body starts */
	bool unterminated;         /* no closing "---" */
};

/* Split text (len bytes, UTF-8). A leading byte-order mark is skipped.
 * Returns 0; or -1 after a diag naming file when there is no front matter. */
int frontmatter_split(const char *file, const char *text, size_t len, struct frontmatter *out);

#endif
