/* feed_json: JSON Feed 1.1 with jansson. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "feed.h"

static json_t *feed_json_authors(char *const *names, char *const *urls, const char *fallback)
{
	json_t *a = json_array();
	for (size_t k = 0; names[k]; k++)
		if (urls && urls[k][0])
			json_array_append_new(a, json_pack("{s:s,s:s}", "name", names[k], "url", urls[k]));
		else
			json_array_append_new(a, json_pack("{s:s}", "name", names[k]));
	if (!names[0] && fallback)
		json_array_append_new(a, json_pack("{s:s}", "name", fallback));
	return a;
}

/* jansson's output callback for one item: the item is dumped on its own,
 * so its lines are indented as at the top level; every raw newline in
 * jansson's output is a line break between values (a newline inside a string
 * is written \\n), so four more spaces after each put it at the depth
 * of the feed's items, byte for byte as a whole-feed dump would be. */
static int feed_json_item_out(const char *buffer, size_t size, void *data)
{
	struct feed_out *out = data;
	for (const char *p = buffer, *end = buffer + size; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			feed_out_add(out, p, (size_t)(end - p));
			break;
		}
		feed_out_add(out, p, (size_t)(nl - p) + 1);
		feed_out_add(out, "    ", 4);
		p = nl + 1;
	}
	return 0;
}

static void feed_json_fatal(void)
{
	diag_fatal("the JSON writer failed (out of memory)");
}

#define FEED_JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* One item, as a JSON Feed item object (the caller decrefs it). */
static json_t *feed_json_item(const struct feed *f, size_t i)
{
	const struct config *cfg = f->cfg;
	const struct post *p = f->items[i];
	char date[64];
	json_t *it = json_object();
	json_object_set_new(it, "id", json_string(f->ids[i]));
	json_object_set_new(it, "url", json_string(p->link));
	if (p->external_url)
		json_object_set_new(it, "external_url", json_string(p->external_url));
	json_object_set_new(it, "title", json_string(p->title));
	/* JSON Feed needs content_html or content_text: a post without a
	 * body gets its summary as text (see feed_item_summary), never an
	 * empty content_html. */
	char *text_owned;
	const char *text = feed_item_summary(cfg, p, &text_owned);
	if (feed_item_has_content(cfg, p))
		json_object_set_new(it, "content_html", json_string(p->html));
	else
		json_object_set_new(it, "content_text", json_string(text));
	if (p->summary && p->summary[0])
		json_object_set_new(it, "summary", json_string(p->summary));
	free(text_owned);
	if (p->image_url)
		json_object_set_new(it, "image", json_string(p->image_url));
	date_format_rfc3339(p->date, date, sizeof date);
	json_object_set_new(it, "date_published", json_string(date));
	date_format_rfc3339(feed_item_updated(p), date, sizeof date);
	json_object_set_new(it, "date_modified", json_string(date));
	if (p->categories[0] || p->tags[0]) {
		json_t *tags = json_array();
		for (size_t k = 0; p->categories[k]; k++)
			json_array_append_new(tags, json_string(p->categories[k]));
		for (size_t k = 0; p->tags[k]; k++)
			json_array_append_new(tags, json_string(p->tags[k]));
		json_object_set_new(it, "tags", tags);
	}
	json_object_set_new(it, "authors", feed_json_authors(p->authors, p->author_urls, cfg->site_author));
	return it;
}

/* The feed's own fields, then its items one at a time, so that no feed is
 * ever whole in memory: jansson writes every value, and only the top
 * object's braces and the "items" key around the items are put here. */
void feed_write_json(const struct feed *f, const char *self_url, struct feed_out *out)
{
	const struct config *cfg = f->cfg;
	json_t *root = json_object();
	json_object_set_new(root, "version", json_string("https://jsonfeed.org/version/1.1"));
	json_object_set_new(root, "title", json_string(f->title));
	json_object_set_new(root, "home_page_url", json_string(f->home_url));
	json_object_set_new(root, "feed_url", json_string(self_url));
	if (cfg->site_description[0])
		json_object_set_new(root, "description", json_string(cfg->site_description));
	if (cfg->site_language[0])
		json_object_set_new(root, "language", json_string(cfg->site_language));
	json_object_set_new(root, "authors", feed_json_authors((char *[]){ NULL }, NULL, cfg->site_author));
	/* Embedded: "\n  \"version\": ...\n" without the braces. */
	char *head = json_dumps(root, FEED_JSON_FLAGS | JSON_EMBED);
	json_decref(root);
	if (!head)
		feed_json_fatal();
	size_t hl = strlen(head);
	while (hl > 0 && head[hl - 1] == '\n')
		hl--;
	feed_out_add(out, "{", 1);
	feed_out_add(out, head, hl);
	free(head);
	if (!f->count) {
		feed_out_puts(out, ",\n  \"items\": []\n}\n");
		return;
	}
	feed_out_puts(out, ",\n  \"items\": [\n    ");
	for (size_t i = 0; i < f->count; i++) {
		if (i)
			feed_out_puts(out, ",\n    ");
		json_t *it = feed_json_item(f, i);
		if (json_dump_callback(it, feed_json_item_out, out, FEED_JSON_FLAGS) != 0)
			feed_json_fatal();
		json_decref(it);
	}
	feed_out_puts(out, "\n  ]\n}\n");
}
