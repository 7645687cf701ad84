/* feed_json: JSON Feed 1.1 with jansson. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "date.h"
#include "feed.h"

static json_t *feed_json_authors(char *const *names, const char *fallback)
{
	json_t *a = json_array();
	for (size_t k = 0; names[k]; k++)
		json_array_append_new(a, json_pack("{s:s}", "name", names[k]));
	if (!names[0] && fallback)
		json_array_append_new(a, json_pack("{s:s}", "name", fallback));
	return a;
}

void feed_write_json(const struct feed *f, const char *self_url, struct strbuf *out)
{
	const struct config *cfg = f->cfg;
	char date[64];
	json_t *root = json_object();
	json_object_set_new(root, "version", json_string("https://jsonfeed.org/version/1.1"));
	json_object_set_new(root, "title", json_string(f->title));
	json_object_set_new(root, "home_page_url", json_string(f->home_url));
	json_object_set_new(root, "feed_url", json_string(self_url));
	if (cfg->site_description[0])
		json_object_set_new(root, "description", json_string(cfg->site_description));
	if (cfg->site_language[0])
		json_object_set_new(root, "language", json_string(cfg->site_language));
	json_object_set_new(root, "authors", feed_json_authors((char *[]){ NULL }, cfg->site_author));
	json_t *items = json_array();
	for (size_t i = 0; i < f->count; i++) {
		const struct post *p = f->items[i];
		json_t *it = json_object();
		json_object_set_new(it, "id", json_string(f->ids[i]));
		json_object_set_new(it, "url", json_string(p->link));
		if (p->external_url)
			json_object_set_new(it, "external_url", json_string(p->external_url));
		json_object_set_new(it, "title", json_string(p->title));
		/* JSON Feed needs content_html or content_text: a post without a
		 * body gets its summary as text, never an empty content_html. */
		if (cfg->full_content && p->html && p->html[0])
			json_object_set_new(it, "content_html", json_string(p->html));
		else
			json_object_set_new(it, "content_text", json_string(p->summary ? p->summary : ""));
		if (p->summary && p->summary[0])
			json_object_set_new(it, "summary", json_string(p->summary));
		if (p->image_url)
			json_object_set_new(it, "image", json_string(p->image_url));
		date_format_rfc3339(p->date, date, sizeof date);
		json_object_set_new(it, "date_published", json_string(date));
		date_format_rfc3339(p->updated > p->date ? p->updated : p->date, date, sizeof date);
		json_object_set_new(it, "date_modified", json_string(date));
		if (p->categories[0] || p->tags[0]) {
			json_t *tags = json_array();
			for (size_t k = 0; p->categories[k]; k++)
				json_array_append_new(tags, json_string(p->categories[k]));
			for (size_t k = 0; p->tags[k]; k++)
				json_array_append_new(tags, json_string(p->tags[k]));
			json_object_set_new(it, "tags", tags);
		}
		json_object_set_new(it, "authors", feed_json_authors(p->authors, cfg->site_author));
		json_array_append_new(items, it);
	}
	json_object_set_new(root, "items", items);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text) {
		fprintf(stderr, "feedcard: fatal: the JSON writer failed (out of memory)\n");
		exit(70);
	}
	strbuf_puts(out, text);
	strbuf_putc(out, '\n');
	free(text);
	json_decref(root);
}
