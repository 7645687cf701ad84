/* config: feedcard.yaml loading and validation; see config.h. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fields.h"
#include "fsin.h"
#include "path.h"
#include "strbuf.h"
#include "url.h"
#include "xalloc.h"
#include "ydoc.h"

#define CONFIG_MAX_BYTES (1u << 20)

char *config_language(const char *s)
{
	/* language[-script][-region][-variant...]: subtags of letters and digits,
	 * the first of 2-3 letters (ISO 639), each of 1-8 characters. */
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return NULL;
	char *out = xstrdup(s);
	size_t sub = 0, len = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = out[i];
		if (c == '_')
			c = out[i] = '-';
		if (c == '-' || c == '\0') {
			if (len == 0 || len > 8 || (sub == 0 && (len < 2 || len > 3)))
				goto bad;
			sub++;
			len = 0;
			continue;
		}
		if (!isalnum((unsigned char)c) || (sub == 0 && !isalpha((unsigned char)c)))
			goto bad;
		len++;
	}
	/* Case conventions: language lower, region upper, script title. */
	sub = 0;
	for (char *p = out; *p;) {
		char *end = strchr(p, '-');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		for (size_t i = 0; i < l; i++)
			p[i] = (char)tolower((unsigned char)p[i]);
		if (sub > 0 && l == 2)
			for (size_t i = 0; i < l; i++)
				p[i] = (char)toupper((unsigned char)p[i]);
		else if (sub > 0 && l == 4 && isalpha((unsigned char)p[0]))
			p[0] = (char)toupper((unsigned char)p[0]);
		sub++;
		p += l;
		if (*p == '-')
			p++;
	}
	return out;
bad:
	free(out);
	return NULL;
}

/* A mapping's value for a key, checking the key against a list of known ones. */
struct config_key {
	const char *name;
	yaml_node_t **slot;
};

static int config_map(struct ydoc *d, yaml_node_t *map, const char *what,
		      struct config_key *keys)
{
	if (!map || ydoc_is_null(map))
		return 0;
	if (ydoc_kind(map) != YDOC_MAP) {
		ydoc_error(d, map, "'%s' must be a mapping of keys to values", what);
		return -1;
	}
	int rc = ydoc_check_duplicates(d, map);
	for (size_t p = 0; p < ydoc_count(map); p++) {
		yaml_node_t *k = ydoc_key(d, map, p);
		const char *name = ydoc_scalar(k);
		struct config_key *found = NULL;
		for (struct config_key *ck = keys; name && ck->name; ck++)
			if (strcmp(ck->name, name) == 0)
				found = ck;
		if (!found) {
			ydoc_error(d, k, "unknown key '%s' in %s (see the README for the keys)",
				   name ? name : "?", what);
			rc = -1;
			continue;
		}
		*found->slot = ydoc_value(d, map, p);
	}
	return rc;
}

static int config_str(struct ydoc *d, yaml_node_t *n, const char *key, char **out, const char *def)
{
	if (!n || ydoc_is_null(n)) {
		*out = def ? xstrdup(def) : NULL;
		return 0;
	}
	return ydoc_string(d, n, key, out);
}

/* Check the permalink pattern *pattern (given at n), a Jekyll style name
 * replaced by its pattern. Returns 0, or -1 after an error. */
static int config_permalink(struct ydoc *d, yaml_node_t *n, char **pattern)
{
	size_t at;
	const char *style = url_permalink_style(*pattern);
	if (style) {
		free(*pattern);
		*pattern = xstrdup(style);
	}
	if (!url_permalink_valid(*pattern, &at)) {
		ydoc_error(d, n, "permalink: unknown placeholder at '%s' (see the README's table of "
				 "placeholders, such as :year or {slug})", *pattern + at);
		return -1;
	}
	if ((*pattern)[0] != '/' || !url_permalink_names_post(*pattern)) {
		ydoc_error(d, n, "permalink must start with '/' and name the post with {slug}, :slug, "
				 ":title or :filename");
		return -1;
	}
	return 0;
}

static char *config_trim_slashes(const char *s)
{
	while (*s == '/')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '/')
		n--;
	return xstrndup(s, n);
}

/* A name under "fields:": a front matter key, or keys joined by '.' into
 * nested mappings ("params.cover"); no empty part. */
static bool config_field_name_ok(const char *s)
{
	if (!s[0] || s[0] == '.')
		return false;
	for (const char *p = s; *p; p++)
		if (*p == '.' && (p[1] == '.' || p[1] == '\0'))
			return false;
	return true;
}

/* "fields:": feedcard's field names to the front matter names that give
 * them, first present first; each list replaces the field's built-in
 * aliases. *out stays NULL when there is none (the built-in table). */
static int config_fields(struct ydoc *d, yaml_node_t *map, struct fields **out)
{
	if (!map || ydoc_is_null(map))
		return 0;
	if (ydoc_kind(map) != YDOC_MAP) {
		ydoc_error(d, map, "'fields' must be a mapping of feedcard's field names to front matter names");
		return -1;
	}
	int rc = ydoc_check_duplicates(d, map);
	struct fields *f = fields_new();
	for (size_t p = 0; p < ydoc_count(map); p++) {
		yaml_node_t *k = ydoc_key(d, map, p), *v = ydoc_value(d, map, p);
		const char *name = ydoc_scalar(k);
		int id = name ? fields_id_of(name) : -1;
		if (id < 0) {
			ydoc_error(d, k, "unknown field '%s' in fields (feedcard's fields are %s)",
				   name ? name : "?", fields_names_list());
			rc = -1;
			continue;
		}
		char **names = NULL, key[64];
		size_t n = 0;
		snprintf(key, sizeof key, "fields.%s", name);
		if (ydoc_strings(d, v, key, &names, &n) != 0) {
			rc = -1;
			continue;
		}
		if (n == 0 || n > FIELDS_MAX_NAMES) {
			ydoc_error(d, v, "fields.%s must list 1 to %d front matter names", name, FIELDS_MAX_NAMES);
			rc = -1;
		}
		for (size_t i = 0; i < n; i++)
			if (!config_field_name_ok(names[i])) {
				ydoc_error(d, v, "fields.%s: '%s' is not a front matter name (a key, or keys "
						 "joined by '.' such as params.cover)", name, names[i]);
				rc = -1;
			}
		if (rc == 0)
			fields_set(f, (enum fields_id)id, names, n);
		ydoc_strings_free(names);
	}
	if (rc != 0) {
		fields_free(f);
		return -1;
	}
	*out = f;
	return 0;
}

/* The nodes of the config's keys, NULL for a key not given: the top
 * level's, then those of the site, feeds and cards mappings. */
struct config_nodes {
	yaml_node_t *site, *content, *permalink, *feeds, *output, *cards, *fields, *layout;
	yaml_node_t *title, *url, *desc, *lang, *author, *tz;
	yaml_node_t *fdir, *limit, *formats, *full, *percat, *pertag, *sanitize, *ids, *maxb, *sumw,
		*sumsep;
	yaml_node_t *cwhen, *ctemplate, *cname, *cquality, *csize;
};

/* Find every key's node, reporting each unknown or repeated key (all of
 * them, before any value is read). Returns 0, or -1 after an error. */
static int config_find_keys(struct ydoc *d, yaml_node_t *root, struct config_nodes *n)
{
	memset(n, 0, sizeof *n);
	struct config_key top[] = { { "site", &n->site },	    { "content", &n->content },
				    { "permalink", &n->permalink }, { "feeds", &n->feeds },
				    { "output", &n->output },	    { "cards", &n->cards },
				    { "fields", &n->fields },	    { "layout", &n->layout },
				    { NULL, NULL } };
	int bad = config_map(d, root, "the config", top);
	struct config_key site[] = { { "title", &n->title },	   { "url", &n->url },
				     { "description", &n->desc }, { "language", &n->lang },
				     { "author", &n->author },	   { "timezone", &n->tz },
				     { NULL, NULL } };
	bad |= config_map(d, n->site, "site", site);
	struct config_key feeds[] = { { "dir", &n->fdir },
				      { "limit", &n->limit },
				      { "formats", &n->formats },
				      { "full_content", &n->full },
				      { "per_category", &n->percat },
				      { "per_tag", &n->pertag },
				      { "sanitize", &n->sanitize },
				      { "ids", &n->ids },
				      { "max_bytes", &n->maxb },
				      { "summary_words", &n->sumw },
				      { "summary_separator", &n->sumsep },
				      { NULL, NULL } };
	bad |= config_map(d, n->feeds, "feeds", feeds);
	struct config_key cards[] = { { "when", &n->cwhen },	     { "template", &n->ctemplate },
				      { "name", &n->cname },	     { "quality", &n->cquality },
				      { "size", &n->csize },	     { NULL, NULL } };
	bad |= config_map(d, n->cards, "cards", cards);
	return bad ? -1 : 0;
}

/* site.url: absolute http(s), its trailing '/' dropped. */
static int config_site_url(struct ydoc *d, const struct config_nodes *n, struct config *cfg)
{
	char *s = NULL;
	if (!n->url || ydoc_is_null(n->url)) {
		diag_error(cfg->file, n->site ? ydoc_line(d, n->site) : 1, n->site ? ydoc_col(n->site) : 1,
			   "site.url is required (the absolute URL of the site, such as https://example.org)");
		return -1;
	}
	if (ydoc_string(d, n->url, "site.url", &s) != 0)
		return -1;
	size_t len = strlen(s);
	while (len > 0 && s[len - 1] == '/')
		s[--len] = '\0';
	if (!url_is_absolute_http(s)) {
		ydoc_error(d, n->url, "site.url must be an absolute http or https URL, not '%s'", s);
		free(s);
		return -1;
	}
	cfg->site_url = s;
	cfg->site_host = url_host(s);
	return 0;
}

/* site: title, url, description, author, language, timezone. */
static int config_load_site(struct ydoc *d, const struct config_nodes *n, struct config *cfg)
{
	int bad = 0;
	if (!n->title || ydoc_is_null(n->title)) {
		diag_error(cfg->file, n->site ? ydoc_line(d, n->site) : 1, n->site ? ydoc_col(n->site) : 1,
			   "site.title is required");
		bad = -1;
	} else {
		bad |= ydoc_string(d, n->title, "site.title", &cfg->site_title);
	}
	bad |= config_site_url(d, n, cfg);
	bad |= config_str(d, n->desc, "site.description", &cfg->site_description, "");
	bad |= config_str(d, n->author, "site.author", &cfg->site_author, NULL);
	char *s = NULL;
	bad |= config_str(d, n->lang, "site.language", &s, "en");
	if (s) {
		cfg->site_language = s[0] ? config_language(s) : xstrdup("");
		if (!cfg->site_language) {
			ydoc_error(d, n->lang, "site.language '%s' is not a language tag such as en or en-US", s);
			bad = -1;
		}
		free(s);
	}
	s = NULL;
	bad |= config_str(d, n->tz, "site.timezone", &s, "UTC");
	if (s && date_zone_parse(s, &cfg->zone) != 0) {
		ydoc_error(d, n->tz, "site.timezone '%s' is not UTC, an offset such as +02:00, or a zone name such as Europe/Berlin", s);
		bad = -1;
	}
	free(s);
	return bad;
}

/* permalink: one pattern, or (Hugo's [permalinks]) a pattern per top-level
 * section; the other sections keep Hugo's default, their path in the
 * content folder. */
static int config_load_permalink(struct ydoc *d, yaml_node_t *permalink, struct config *cfg)
{
	if (ydoc_kind(permalink) != YDOC_MAP) {
		int bad = config_str(d, permalink, "permalink", &cfg->permalink, "/blog/{year}/{month}/{day}/{slug}/");
		if (cfg->permalink)
			bad |= config_permalink(d, permalink, &cfg->permalink);
		return bad;
	}
	int bad = 0;
	size_t n = ydoc_count(permalink), k = 0;
	cfg->permalink_sections = xcalloc(n + 1, sizeof(char *));
	cfg->permalink_patterns = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *key = ydoc_key(d, permalink, i), *val = ydoc_value(d, permalink, i);
		const char *name = ydoc_scalar(key);
		if (!name || !name[0] || strchr(name, '/')) {
			ydoc_error(d, key, "permalink: a section's name, such as posts, is wanted here");
			bad = -1;
			continue;
		}
		char *pattern = NULL;
		if (config_str(d, val, "permalink", &pattern, NULL) != 0 || !pattern) {
			if (!pattern)
				ydoc_error(d, val, "permalink: the pattern of section '%s' is missing", name);
			bad = -1;
			continue;
		}
		bad |= config_permalink(d, val, &pattern);
		cfg->permalink_sections[k] = xstrdup(name);
		cfg->permalink_patterns[k++] = pattern;
	}
	cfg->permalink = xstrdup("/:sections/:slugorcontentbasename/");
	return bad;
}

/* content, output, permalink, layout: where posts are read from and how
 * they are found, where the output goes and where each post lives. */
static int config_load_paths(struct ydoc *d, const struct config_nodes *n, struct config *cfg)
{
	char *s = NULL;
	int bad = config_str(d, n->content, "content", &s, "posts");
	if (s) {
		cfg->content_dir = path_join_clean(cfg->dir, s);
		free(s);
	}
	s = NULL;
	bad |= config_str(d, n->output, "output", &s, "out");
	if (s) {
		cfg->output_dir = path_join_clean(cfg->dir, s);
		free(s);
	}
	bad |= config_load_permalink(d, n->permalink, cfg);
	s = NULL;
	bad |= config_str(d, n->layout, "layout", &s, "auto");
	if (s) {
		if (strcmp(s, "jekyll") == 0)
			cfg->layout = CONFIG_LAYOUT_JEKYLL;
		else if (strcmp(s, "plain") == 0)
			cfg->layout = CONFIG_LAYOUT_PLAIN;
		else if (strcmp(s, "auto") == 0)
			cfg->layout = CONFIG_LAYOUT_AUTO;
		else {
			ydoc_error(d, n->layout, "layout must be auto, jekyll or plain, not '%s'", s);
			bad = -1;
		}
		free(s);
	}
	return bad;
}

/* feeds.formats: a name or a list of rss, atom, json. */
static int config_feed_formats(struct ydoc *d, yaml_node_t *formats, struct config *cfg)
{
	cfg->formats = CONFIG_RSS | CONFIG_ATOM | CONFIG_JSON;
	if (!formats)
		return 0;
	char **v = NULL;
	if (ydoc_strings(d, formats, "feeds.formats", &v, NULL) != 0)
		return -1;
	int bad = 0;
	cfg->formats = 0;
	for (size_t i = 0; v[i]; i++) {
		if (strcmp(v[i], "rss") == 0)
			cfg->formats |= CONFIG_RSS;
		else if (strcmp(v[i], "atom") == 0)
			cfg->formats |= CONFIG_ATOM;
		else if (strcmp(v[i], "json") == 0)
			cfg->formats |= CONFIG_JSON;
		else {
			ydoc_error(d, formats, "feeds.formats: unknown format '%s' (use rss, atom, json)", v[i]);
			bad = -1;
		}
	}
	ydoc_strings_free(v);
	return bad;
}

/* feeds: where they go, which ones, and what their items hold. */
static int config_load_feeds(struct ydoc *d, const struct config_nodes *n, struct config *cfg)
{
	char *s = NULL;
	int bad = config_str(d, n->fdir, "feeds.dir", &s, "");
	if (s) {
		cfg->feeds_dir = config_trim_slashes(s);
		if (!url_path_safe(cfg->feeds_dir)) {
			ydoc_error(d, n->fdir, "feeds.dir must stay inside the output folder");
			bad = -1;
		}
		free(s);
	}
	cfg->feeds_limit = 20;
	if (n->limit)
		bad |= ydoc_uint(d, n->limit, "feeds.limit", &cfg->feeds_limit);
	bad |= config_feed_formats(d, n->formats, cfg);
	cfg->full_content = cfg->per_category = cfg->per_tag = cfg->sanitize = true;
	if (n->full)
		bad |= ydoc_bool(d, n->full, "feeds.full_content", &cfg->full_content);
	if (n->percat)
		bad |= ydoc_bool(d, n->percat, "feeds.per_category", &cfg->per_category);
	if (n->pertag)
		bad |= ydoc_bool(d, n->pertag, "feeds.per_tag", &cfg->per_tag);
	if (n->sanitize)
		bad |= ydoc_bool(d, n->sanitize, "feeds.sanitize", &cfg->sanitize);
	cfg->ids = CONFIG_IDS_LINK;
	if (n->ids) {
		const char *v = ydoc_scalar(n->ids);
		if (v && strcmp(v, "tag") == 0)
			cfg->ids = CONFIG_IDS_TAG;
		else if (!v || strcmp(v, "link") != 0) {
			ydoc_error(d, n->ids, "feeds.ids must be 'link' or 'tag'");
			bad = -1;
		}
	}
	if (n->maxb)
		bad |= ydoc_uint(d, n->maxb, "feeds.max_bytes", &cfg->max_bytes);
	cfg->summary_words = 70;
	if (n->sumw)
		bad |= ydoc_uint(d, n->sumw, "feeds.summary_words", &cfg->summary_words);
	/* Hugo's <!--more-->, or what _config.yml's excerpt_separator says. */
	bad |= config_str(d, n->sumsep, "feeds.summary_separator", &cfg->summary_separator, "<!--more-->");
	return bad;
}

/* cards: when they are made, from which template, named, encoded and
 * sized how. */
static int config_load_cards(struct ydoc *d, const struct config_nodes *n, struct config *cfg)
{
	int bad = 0;
	cfg->cards_when = CONFIG_CARDS_MISSING;
	if (n->cwhen) {
		const char *v = ydoc_scalar(n->cwhen);
		if (v && strcmp(v, "always") == 0)
			cfg->cards_when = CONFIG_CARDS_ALWAYS;
		else if (v && strcmp(v, "never") == 0)
			cfg->cards_when = CONFIG_CARDS_NEVER;
		else if (!v || strcmp(v, "missing") != 0) {
			ydoc_error(d, n->cwhen, "cards.when must be missing, always or never");
			bad = -1;
		}
	}
	char *s = NULL;
	bad |= config_str(d, n->ctemplate, "cards.template", &s, "");
	if (s) {
		/* A bare name picks a bundled template; anything with a '/' or an
		 * extension is a path relative to the config file. */
		cfg->cards_template = (strchr(s, '/') || strchr(s, '.')) ? path_join(cfg->dir, s) : xstrdup(s);
		free(s);
	}
	bad |= config_str(d, n->cname, "cards.name", &cfg->cards_name, "ogimage.jpg");
	cfg->cards_quality = 85;
	if (n->cquality) {
		bad |= ydoc_uint(d, n->cquality, "cards.quality", &cfg->cards_quality);
		if (cfg->cards_quality < 1 || cfg->cards_quality > 100) {
			ydoc_error(d, n->cquality, "cards.quality must be from 1 to 100");
			bad = -1;
		}
	}
	if (n->csize && !ydoc_is_null(n->csize)) {
		const char *v = ydoc_scalar(n->csize);
		int w = 0, h = 0;
		char x = 0, extra = 0;
		if (!v || sscanf(v, "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' || w < 16 ||
		    h < 16 || w > 8192 || h > 8192) {
			ydoc_error(d, n->csize, "cards.size must be WIDTHxHEIGHT, such as 1200x630");
			bad = -1;
		} else {
			cfg->cards_width = w;
			cfg->cards_height = h;
		}
	}
	return bad;
}

int config_load(const char *path, struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->file = xstrdup(path);
	cfg->dir = path_dirname(path);
	char *buf = NULL;
	size_t len = 0;
	struct ydoc d;
	struct config_nodes n;
	int rc = -1;
	memset(&d, 0, sizeof d);
	if (fsin_read_file(path, CONFIG_MAX_BYTES, &buf, &len) != 0)
		goto out;
	if (ydoc_load(&d, cfg->file, buf, len, 0) != 0)
		goto out;
	if (!ydoc_root(&d)) {
		diag_error(path, 1, 1, "the config is empty: it needs at least site.title and site.url");
		goto out;
	}
	if (config_find_keys(&d, ydoc_root(&d), &n) != 0)
		goto out;
	int bad = config_load_site(&d, &n, cfg);
	bad |= config_load_paths(&d, &n, cfg);
	bad |= config_load_feeds(&d, &n, cfg);
	bad |= config_load_cards(&d, &n, cfg);
	bad |= config_fields(&d, n.fields, &cfg->fields);
	if (!cfg->site_author && cfg->site_title)
		cfg->site_author = xstrdup(cfg->site_title);
	rc = bad ? -1 : 0;
out:
	ydoc_free(&d);
	free(buf);
	return rc;
}

void config_release(struct config *cfg)
{
	free(cfg->file);
	free(cfg->dir);
	free(cfg->site_title);
	free(cfg->site_url);
	free(cfg->site_host);
	free(cfg->site_description);
	free(cfg->site_language);
	free(cfg->site_author);
	date_zone_release(&cfg->zone);
	free(cfg->content_dir);
	free(cfg->output_dir);
	free(cfg->permalink);
	for (size_t i = 0; cfg->permalink_sections && cfg->permalink_sections[i]; i++) {
		free(cfg->permalink_sections[i]);
		free(cfg->permalink_patterns[i]);
	}
	free(cfg->permalink_sections);
	free(cfg->permalink_patterns);
	free(cfg->feeds_dir);
	free(cfg->summary_separator);
	free(cfg->cards_template);
	free(cfg->cards_name);
	fields_free(cfg->fields);
	memset(cfg, 0, sizeof *cfg);
}
