/* frontmatter: split a post into its front matter and its body, in the three
 * formats Hugo knows (Jekyll, Zola, Eleventy, Astro and Gatsby use one):
 *
 *   YAML  between a line "---" and the next line "---" (or "...");
 *   TOML  between a line "+++" and the next line "+++";
 *   JSON  an object at the top of the file: "{" ... "}".
 *
 * Eleventy's "---LANG" first line names the language of what follows, up to
 * a line "---": yaml, json and toml are read as such; js (JavaScript) is
 * recognised as FRONTMATTER_JS, which only a JavaScript engine could read.
 *
 * Before the first fence or "{" the file may have a byte-order mark and
 * blank lines; the opening fence may be indented, the closing one no more
 * than it; fences may end in blanks and "\r" (CRLF files). When the closing
 * fence is missing, the rest of the file is read as front matter (link-only
 * posts end that way) and the caller warns. */
#ifndef FEEDCARD_FRONTMATTER_H
#define FEEDCARD_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

enum frontmatter_format {
	FRONTMATTER_NONE, /* no front matter: the whole file is the body */
	FRONTMATTER_YAML,
	FRONTMATTER_TOML,
	FRONTMATTER_JSON,
	FRONTMATTER_JS, /* Eleventy's "---js": JavaScript, which feedcard does not run */
};

struct frontmatter {
	enum frontmatter_format format;
	size_t text_off, text_len; /* the front matter, without its fences (JSON: the object) */
	int text_line;             /* 1-based line where that text starts */
	size_t body_off;           /* the body: from here to the end */
	int body_line;             /* 1-based line where the body starts */
	bool unterminated;         /* no closing fence */
};

/* Split text (len bytes, UTF-8). Returns 0 (format FRONTMATTER_NONE when
 * the file has no front matter); or -1 after a diag naming file when a JSON
 * front matter is not valid JSON (its end cannot be told then). */
int frontmatter_split(const char *file, const char *text, size_t len, struct frontmatter *out);

/* The fence of a format, for messages: "---", "+++", "{", or "". */
const char *frontmatter_fence_name(enum frontmatter_format f);

#endif
