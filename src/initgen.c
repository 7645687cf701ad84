/* initgen: a site's generator and what its config says; see initgen.h. */
#include "initgen.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config.h"
#include "date.h"
#include "diag.h"
#include "fsin.h"
#include "initjs.h"
#include "path.h"
#include "strbuf.h"
#include "url.h"
#include "xalloc.h"
#include "ydoc.h"

#define INITGEN_MAX_CONFIG (1u << 20)

const char *initgen_name(enum initgen_kind kind)
{
	switch (kind) {
	case INITGEN_HUGO: return "Hugo";
	case INITGEN_JEKYLL: return "Jekyll";
	case INITGEN_ZOLA: return "Zola";
	case INITGEN_ASTRO: return "Astro";
	case INITGEN_ELEVENTY: return "Eleventy";
	case INITGEN_GATSBY: return "Gatsby";
	case INITGEN_UNKNOWN: break;
	}
	return "no generator";
}

static bool initgen_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool initgen_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The first of names (NULL-terminated) that is a file in dir, or NULL. */
static const char *initgen_first_file(const char *dir, const char *const *names)
{
	for (; *names; names++) {
		char *p = path_join(dir, *names);
		bool ok = initgen_is_file(p);
		free(p);
		if (ok)
			return *names;
	}
	return NULL;
}

static void initgen_set(struct initgen_value *v, const char *value, const char *config,
			const char *key)
{
	free(v->value);
	free(v->from);
	free(v->todo); /* found after all */
	v->todo = NULL;
	v->value = xstrdup(value);
	v->from = key ? xasprintf("%s: %s", config, key) : xstrdup(config);
}

static void initgen_todo(struct initgen_value *v, const char *todo)
{
	free(v->todo);
	v->todo = xstrdup(todo);
}

/* A value the config gives that feedcard cannot use: dropped, and a TODO
 * saying why ("KEY is 'VALUE', WHY"). */
static void initgen_reject(struct initgen_value *v, const char *why)
{
	char *todo = xasprintf("%s is '%s', %s", v->from, v->value, why);
	free(v->value);
	free(v->from);
	v->value = v->from = NULL;
	initgen_todo(v, todo);
	free(todo);
}

static void initgen_value_release(struct initgen_value *v)
{
	free(v->value);
	free(v->from);
	free(v->todo);
}

/* ---- Reading a TOML, YAML or JSON config --------------------------------- */

/* A mapping's value for a dotted key ("params.description"). Keys compare
 * without regard to case, as Hugo's do; an exact match wins. */
static yaml_node_t *initgen_get(struct ydoc *d, yaml_node_t *map, const char *dotted)
{
	char *keys = xstrdup(dotted);
	yaml_node_t *n = map;
	for (char *save = NULL, *k = strtok_r(keys, ".", &save); k && n; k = strtok_r(NULL, ".", &save)) {
		if (ydoc_kind(n) != YDOC_MAP) {
			n = NULL;
			break;
		}
		yaml_node_t *found = NULL;
		for (size_t i = 0, count = ydoc_count(n); i < count; i++) {
			const char *name = ydoc_scalar(ydoc_key(d, n, i));
			if (name && strcmp(name, k) == 0) {
				found = ydoc_value(d, n, i);
				break;
			}
			if (name && !found && strcasecmp(name, k) == 0)
				found = ydoc_value(d, n, i);
		}
		n = found;
	}
	free(keys);
	return n;
}

/* The text of a non-empty scalar at a dotted key, or NULL. Borrowed. */
static const char *initgen_str(struct ydoc *d, yaml_node_t *map, const char *dotted)
{
	yaml_node_t *n = initgen_get(d, map, dotted);
	const char *s = ydoc_scalar(n);
	return s && s[0] && !ydoc_is_null(n) ? s : NULL;
}

/* A value that is a string, or a mapping with a name (authors), or a list
 * whose first entry is one of those. Borrowed. */
static const char *initgen_name_of(struct ydoc *d, yaml_node_t *n)
{
	if (ydoc_kind(n) == YDOC_LIST && ydoc_count(n) > 0)
		n = ydoc_item(d, n, 0);
	if (ydoc_kind(n) == YDOC_MAP)
		n = initgen_get(d, n, "name");
	const char *s = ydoc_scalar(n);
	return s && s[0] && !ydoc_is_null(n) ? s : NULL;
}

/* Take value at key into v when it is there. */
static void initgen_take(struct initgen_value *v, struct ydoc *d, yaml_node_t *root,
			 const char *config, const char *key)
{
	const char *s = v->value ? NULL : initgen_str(d, root, key);
	if (s)
		initgen_set(v, s, config, key);
}

/* Load a config file (TOML, JSON or YAML by its extension) into d; *buf
 * holds its text, which the caller frees after d. Errors are reported at
 * their line in path. */
static int initgen_load_file(const char *path, struct ydoc *d, char **buf)
{
	size_t len = 0;
	*buf = NULL;
	memset(d, 0, sizeof *d);
	if (fsin_read_file(path, INITGEN_MAX_CONFIG, buf, &len) != 0)
		return -1;
	size_t n = strlen(path);
	if (n > 5 && strcmp(path + n - 5, ".toml") == 0)
		return ydoc_load_toml(d, path, *buf, len, 0);
	if (n > 5 && strcmp(path + n - 5, ".json") == 0)
		return ydoc_load_json(d, path, *buf, len, 0);
	return ydoc_load(d, path, *buf, len, 0);
}

static void initgen_add_candidate(struct initgen_site *s, char *folder, const char *from)
{
	if (!s->candidates_from)
		s->candidates_from = xstrdup(from);
	size_t n = 0;
	while (s->candidates && s->candidates[n])
		n++;
	s->candidates = xreallocarray(s->candidates, n + 2, sizeof *s->candidates);
	s->candidates[n] = folder;
	s->candidates[n + 1] = NULL;
}

static void initgen_add_feed(struct initgen_site *s, const char *path, const char *from)
{
	size_t n = 0;
	while (s->feeds && s->feeds[n])
		n++;
	s->feeds = xreallocarray(s->feeds, n + 2, sizeof *s->feeds);
	while (*path == '/')
		path++;
	s->feeds[n] = xstrdup(path);
	s->feeds[n + 1] = NULL;
	if (!s->feeds_from)
		s->feeds_from = xstrdup(from);
}

static void initgen_add_pattern(struct initgen_site *s, const char *key, const char *pattern,
				const char *file)
{
	s->patterns = xreallocarray(s->patterns, s->n_patterns + 1, sizeof *s->patterns);
	s->patterns[s->n_patterns].key = xstrdup(key);
	s->patterns[s->n_patterns].pattern = xstrdup(pattern);
	s->patterns[s->n_patterns].file = xstrdup(file);
	s->n_patterns++;
}

/* The site's URL with the path prefix a generator puts before every page
 * (Jekyll's baseurl, Astro's base, Gatsby's and Eleventy's pathPrefix). */
static void initgen_url_prefix(struct initgen_site *s, const char *prefix, const char *from)
{
	if (!s->url.value || !prefix || !prefix[0] || strcmp(prefix, "/") == 0)
		return;
	size_t n = strlen(s->url.value);
	while (n > 0 && s->url.value[n - 1] == '/')
		n--;
	while (*prefix == '/')
		prefix++;
	char *joined = xasprintf("%.*s/%s", (int)n, s->url.value, prefix);
	char *config = xstrdup(s->config);
	initgen_set(&s->url, joined, config, from);
	free(config);
	free(joined);
}

/* One part of a Hugo config: the site config itself, a language's table,
 * or a file of the config folder holding one key (config/_default/params.toml
 * is the `params` table). Keys are looked up by their full dotted name. */
struct initgen_hugo_src {
	struct ydoc *d;
	yaml_node_t *root;
	const char *file;   /* the file, for "from" */
	const char *prefix; /* the key root stands for ("params"), or "" */
	const char *label;  /* written before keys in "from" ("languages.en."), or "" */
};

static yaml_node_t *initgen_hget(const struct initgen_hugo_src *h, const char *key)
{
	size_t n = strlen(h->prefix);
	if (!n)
		return initgen_get(h->d, h->root, key);
	if (strncasecmp(key, h->prefix, n) != 0)
		return NULL;
	if (key[n] == '\0')
		return h->root;
	return key[n] == '.' ? initgen_get(h->d, h->root, key + n + 1) : NULL;
}

static const char *initgen_hstr(const struct initgen_hugo_src *h, const char *key)
{
	yaml_node_t *n = initgen_hget(h, key);
	const char *v = ydoc_scalar(n);
	return v && v[0] && !ydoc_is_null(n) ? v : NULL;
}

static void initgen_htake(struct initgen_site *s, struct initgen_value *v,
			  const struct initgen_hugo_src *h, const char *key)
{
	const char *val = v->value ? NULL : initgen_hstr(h, key);
	if (!val)
		return;
	char *where = xasprintf("%s%s", h->label, key);
	initgen_set(v, val, h->file, where);
	free(where);
	(void)s;
}

static void initgen_hugo(struct initgen_site *s, const struct initgen_hugo_src *h)
{
	struct ydoc *d = h->d;
	initgen_htake(s, &s->title, h, "title");
	initgen_htake(s, &s->url, h, "baseURL");
	initgen_htake(s, &s->description, h, "params.description");
	initgen_htake(s, &s->description, h, "description");
	initgen_htake(s, &s->language, h, "languageCode");
	initgen_htake(s, &s->timezone, h, "timeZone");
	initgen_htake(s, &s->output, h, "publishDir");
	static const char *const author_keys[] = { "params.author", "author" };
	for (size_t i = 0; i < 2 && !s->author.value; i++) {
		const char *a = initgen_name_of(d, initgen_hget(h, author_keys[i]));
		if (a) {
			char *where = xasprintf("%s%s", h->label, author_keys[i]);
			initgen_set(&s->author, a, h->file, where);
			free(where);
		}
	}
	const char *cdir = initgen_hstr(h, "contentDir");
	if (cdir && !s->content_base)
		s->content_base = xstrdup(cdir);
	yaml_node_t *ms = initgen_hget(h, "params.mainSections");
	if (ydoc_kind(ms) == YDOC_SCALAR && ydoc_scalar(ms)[0])
		initgen_add_candidate(s, xstrdup(ydoc_scalar(ms)), h->file);
	for (size_t i = 0, count = ydoc_kind(ms) == YDOC_LIST ? ydoc_count(ms) : 0; i < count; i++) {
		const char *sec = ydoc_scalar(ydoc_item(d, ms, i));
		if (sec && sec[0])
			initgen_add_candidate(s, xstrdup(sec), h->file);
	}
	/* [permalinks] section = pattern, or since Hugo 0.112 [permalinks.page]. */
	yaml_node_t *pl = initgen_hget(h, "permalinks");
	yaml_node_t *page = initgen_get(d, pl, "page");
	for (int pass = 0; pass < 2; pass++) {
		yaml_node_t *m = pass ? page : pl;
		if (ydoc_kind(m) != YDOC_MAP)
			continue;
		for (size_t i = 0, count = ydoc_count(m); i < count; i++) {
			const char *k = ydoc_scalar(ydoc_key(d, m, i));
			const char *v = ydoc_scalar(ydoc_value(d, m, i));
			if (k && v && v[0])
				initgen_add_pattern(s, k, v, h->file);
		}
	}
	yaml_node_t *fmdate = initgen_hget(h, "frontmatter.date");
	for (size_t i = 0, count = ydoc_kind(fmdate) == YDOC_LIST ? ydoc_count(fmdate) : 0; i < count; i++) {
		const char *v = ydoc_scalar(ydoc_item(d, fmdate, i));
		if (v && strcmp(v, ":filename") == 0)
			s->date_from_filename = true;
	}
	const char *ugly = initgen_hstr(h, "uglyURLs");
	if (ugly && strcmp(ugly, "true") == 0)
		s->ugly_urls = true;
}

/* A Hugo site's config: the language's own table first (its title and
 * params win, as in Hugo), then the site config, then the files of Hugo's
 * config folder that hold one key each (params, permalinks, languages). */
static int initgen_hugo_site(struct initgen_site *s, struct ydoc *d, yaml_node_t *root)
{
	int rc = 0;
	const char *dl = initgen_str(d, root, "defaultContentLanguage");
	char *lang = xstrdup(dl ? dl : "en");
	for (char *p = lang; *p; p++)
		if (*p == '.') /* a key, not a path */
			*p = '_';
	char *label = xasprintf("languages.%s.", lang);
	yaml_node_t *lt = initgen_get(d, initgen_get(d, root, "languages"), lang);
	if (ydoc_kind(lt) == YDOC_MAP) {
		struct initgen_hugo_src h = { d, lt, s->config, "", label };
		initgen_hugo(s, &h);
	}
	struct initgen_hugo_src main = { d, root, s->config, "", "" };
	initgen_hugo(s, &main);
	/* config/_default/<key>.<ext>, and languages.<lang>.<ext> */
	char *lang_file = xasprintf("languages.%s", lang);
	const char *const keys[] = { lang_file, "languages", "params", "permalinks", NULL };
	static const char *const exts[] = { "toml", "yaml", "yml", "json" };
	for (const char *const *k = keys; *k; k++) {
		for (size_t e = 0; e < sizeof exts / sizeof *exts; e++) {
			char *rel = xasprintf("config/_default/%s.%s", *k, exts[e]);
			char *path = path_join(s->dir, rel);
			if (strcmp(rel, s->config) == 0 || !initgen_is_file(path)) {
				free(rel);
				free(path);
				continue;
			}
			struct ydoc kd;
			char *buf = NULL;
			int lrc = initgen_load_file(path, &kd, &buf);
			if (lrc == 0 && ydoc_root(&kd)) {
				yaml_node_t *kroot = ydoc_root(&kd);
				struct initgen_hugo_src h = { &kd, kroot, rel, *k, "" };
				if (*k == lang_file) {
					h.prefix = "";
					h.label = label;
				} else if (strcmp(*k, "languages") == 0) {
					h.root = initgen_get(&kd, kroot, lang);
					h.prefix = "";
					h.label = label;
				}
				if (ydoc_kind(h.root) == YDOC_MAP)
					initgen_hugo(s, &h);
			}
			else if (lrc != 0)
				rc = -1; /* reported at its line */
			ydoc_free(&kd);
			free(buf);
			free(path);
			free(rel);
			break;
		}
	}
	if (!s->language.value && dl)
		initgen_set(&s->language, dl, s->config, "defaultContentLanguage");
	if (!s->content_base)
		s->content_base = xstrdup("content");
	/* mainSections name sections: folders of the content folder. */
	for (size_t i = 0; s->candidates && s->candidates[i]; i++) {
		char *full = path_join(s->content_base, s->candidates[i]);
		free(s->candidates[i]);
		s->candidates[i] = full;
	}
	free(lang_file);
	free(label);
	free(lang);
	return rc;
}

static void initgen_jekyll(struct initgen_site *s, struct ydoc *d, yaml_node_t *root)
{
	const char *c = s->config;
	initgen_take(&s->title, d, root, c, "title");
	initgen_take(&s->title, d, root, c, "name");
	initgen_take(&s->url, d, root, c, "url");
	/* Jekyll's permalinks are below baseurl: it is part of the site URL. */
	initgen_url_prefix(s, initgen_str(d, root, "baseurl"), "url + baseurl");
	initgen_take(&s->description, d, root, c, "description");
	initgen_take(&s->language, d, root, c, "lang");
	initgen_take(&s->language, d, root, c, "locale");
	initgen_take(&s->timezone, d, root, c, "timezone");
	initgen_take(&s->output, d, root, c, "destination");
	const char *a = initgen_name_of(d, initgen_get(d, root, "author"));
	if (a)
		initgen_set(&s->author, a, c, "author");
	const char *src = initgen_str(d, root, "source");
	const char *cdir = initgen_str(d, root, "collections_dir");
	char *base_dir = xstrdup(src ? src : ".");
	if (cdir) {
		char *j = path_join(base_dir, cdir);
		free(base_dir);
		base_dir = j;
	}
	s->content_base = base_dir;
	const char *pattern = initgen_str(d, root, "collections.posts.permalink");
	if (pattern)
		initgen_add_pattern(s, "collections.posts.permalink", pattern, c);
	else if ((pattern = initgen_str(d, root, "permalink")))
		initgen_add_pattern(s, "permalink", pattern, c);
}

static void initgen_zola(struct initgen_site *s, struct ydoc *d, yaml_node_t *root)
{
	const char *c = s->config;
	initgen_take(&s->title, d, root, c, "title");
	initgen_take(&s->url, d, root, c, "base_url");
	initgen_take(&s->description, d, root, c, "description");
	initgen_take(&s->language, d, root, c, "default_language");
	initgen_take(&s->author, d, root, c, "author");
	initgen_take(&s->output, d, root, c, "output_dir");
	s->content_base = xstrdup("content");
	/* The site's own feed: generate_feeds (0.19) or generate_feed, named by
	 * feed_filenames or feed_filename, atom.xml by default. */
	const char *gen = initgen_str(d, root, "generate_feeds");
	if (!gen)
		gen = initgen_str(d, root, "generate_feed");
	if (gen && strcmp(gen, "true") == 0) {
		char *from = xasprintf("Zola (%s: generate_feeds)", c);
		yaml_node_t *names = initgen_get(d, root, "feed_filenames");
		const char *one = initgen_str(d, root, "feed_filename");
		for (size_t i = 0, count = ydoc_kind(names) == YDOC_LIST ? ydoc_count(names) : 0; i < count; i++) {
			const char *v = ydoc_scalar(ydoc_item(d, names, i));
			if (v && v[0])
				initgen_add_feed(s, v, from);
		}
		if (!s->feeds)
			initgen_add_feed(s, one ? one : "atom.xml", from);
		free(from);
	}
}

/* Read a TOML/YAML/JSON config and fill the site from it. */
static int initgen_read_doc(struct initgen_site *s)
{
	struct ydoc d;
	char *buf = NULL;
	int rc = initgen_load_file(s->config_path, &d, &buf);
	if (rc == 0) {
		yaml_node_t *root = ydoc_root(&d);
		if (root && ydoc_kind(root) != YDOC_MAP) {
			ydoc_error(&d, root, "%s's config should be a mapping of keys to values",
				   initgen_name(s->kind));
			rc = -1;
		} else if (root) {
			/* Zola and Hugo may share the name config.toml. */
			if (s->kind == INITGEN_HUGO && initgen_get(&d, root, "base_url") &&
			    !initgen_get(&d, root, "baseURL"))
				s->kind = INITGEN_ZOLA;
			if (s->kind == INITGEN_HUGO)
				rc = initgen_hugo_site(s, &d, root);
			else if (s->kind == INITGEN_JEKYLL)
				initgen_jekyll(s, &d, root);
			else
				initgen_zola(s, &d, root);
		}
	}
	ydoc_free(&d);
	free(buf);
	return rc;
}

/* Read a JS file of the site (the first of names that exists) into *src. */
static const char *initgen_js_read(const struct initgen_site *s, const char *const *names, char **src)
{
	*src = NULL;
	const char *name = initgen_first_file(s->dir, names);
	if (!name)
		return NULL;
	char *path = path_join(s->dir, name);
	size_t len;
	if (fsin_read_file(path, INITGEN_MAX_CONFIG, src, &len) != 0)
		name = NULL; /* reported; read as absent */
	free(path);
	return name;
}

/* Take key from a JS source into v, or note in v why it could not. */
static void initgen_js_take(struct initgen_value *v, const char *src, const char *file,
			    const char *object, const char *key)
{
	if (v->value || !src)
		return;
	char *expr = NULL;
	char *lit = initjs_string(src, object, key, &expr);
	char *where = object ? xasprintf("%s.%s", object, key) : xstrdup(key);
	if (lit && lit[0]) {
		initgen_set(v, lit, file, where);
	} else if (expr && !v->todo) {
		/* The expression's first line, at most 60 bytes, in the message. */
		size_t line = strcspn(expr, "\n"), n = line > 60 ? 60 : line;
		while (n > 0 && n < line && ((unsigned char)expr[n] & 0xC0) == 0x80)
			n--; /* not inside a UTF-8 sequence */
		char *todo = xasprintf("%s sets %s to `%.*s%s`, which init does not run", file, where,
				       (int)n, expr, expr[n] ? " ..." : "");
		initgen_todo(v, todo);
		free(todo);
	}
	free(where);
	free(expr);
	free(lit);
}

static void initgen_astro_base(void *ctx, const char *base)
{
	struct initgen_site *s = ctx;
	char *clean = xstrdup(base[0] == '.' && base[1] == '/' ? base + 2 : base);
	size_t n = strlen(clean);
	while (n > 1 && clean[n - 1] == '/')
		clean[--n] = '\0';
	if (clean[0] && clean[0] != '/')
		initgen_add_candidate(s, clean, s->candidates_from);
	else
		free(clean);
}

/* Astro's page route for entries: a file [slug].astro, [...slug].astro,
 * [id].astro or [...id].astro under src/pages, searched two levels deep. */
static void initgen_astro_route(struct initgen_site *s)
{
	static const char *const names[] = { "[...slug].astro", "[slug].astro", "[...id].astro",
					      "[id].astro", NULL };
	char *pages = path_join(s->dir, "src/pages");
	DIR *dir = opendir(pages);
	struct dirent *e;
	/* The pages folder itself first, then each of its folders (readdir's
	 * order is not stable: the first in bytewise order wins). */
	const char *found = initgen_first_file(pages, names);
	if (found) {
		s->route = xstrdup("/");
		s->route_from = xasprintf("src/pages/%s", found);
	}
	char *best = NULL;
	while (!found && dir && (e = readdir(dir))) {
		if (e->d_name[0] == '.' || e->d_name[0] == '[')
			continue;
		char *sub = path_join(pages, e->d_name);
		const char *f = initgen_is_dir(sub) ? initgen_first_file(sub, names) : NULL;
		if (f && (!best || strcmp(e->d_name, best) < 0)) {
			free(best);
			best = xstrdup(e->d_name);
			free(s->route_from);
			s->route_from = xasprintf("src/pages/%s/%s", e->d_name, f);
		}
		free(sub);
	}
	if (best)
		s->route = xasprintf("/%s/", best);
	free(best);
	if (dir)
		closedir(dir);
	free(pages);
}

static void initgen_astro(struct initgen_site *s, const char *src)
{
	const char *c = s->config;
	initgen_js_take(&s->url, src, c, NULL, "site");
	initgen_js_take(&s->output, src, c, NULL, "outDir");
	initgen_js_take(&s->language, src, c, "i18n", "defaultLocale");
	char *base = initjs_string(src, NULL, "base", NULL);
	initgen_url_prefix(s, base, "site + base");
	free(base);
	/* The blog template keeps the title in src/consts.ts. */
	static const char *const consts[] = { "src/consts.ts", "src/consts.js", "src/consts.mjs",
					      "src/config.ts", "src/config.js", NULL };
	char *csrc = NULL;
	const char *cname = initgen_js_read(s, consts, &csrc);
	if (cname) {
		initgen_js_take(&s->title, csrc, cname, NULL, "SITE_TITLE");
		initgen_js_take(&s->description, csrc, cname, NULL, "SITE_DESCRIPTION");
		initgen_js_take(&s->title, csrc, cname, NULL, "title");
		initgen_js_take(&s->description, csrc, cname, NULL, "description");
		initgen_js_take(&s->author, csrc, cname, NULL, "author");
	}
	free(csrc);
	/* Content collections: src/content/<name>/, or a loader's glob base. */
	static const char *const collections[] = { "src/content.config.ts", "src/content.config.mjs",
						   "src/content.config.js", "src/content/config.ts",
						   "src/content/config.mjs", "src/content/config.js", NULL };
	char *ksrc = NULL;
	const char *kname = initgen_js_read(s, collections, &ksrc);
	if (kname) {
		s->candidates_from = xstrdup(kname);
		initjs_each(ksrc, "base", initgen_astro_base, s);
	}
	free(ksrc);
	s->content_base = xstrdup("src/content");
	initgen_astro_route(s);
}

static void initgen_eleventy(struct initgen_site *s, const char *src)
{
	const char *c = s->config;
	char *input = initjs_string(src, "dir", "input", NULL);
	char *data = initjs_string(src, "dir", "data", NULL);
	initgen_js_take(&s->output, src, c, "dir", "output");
	char *prefix = initjs_string(src, NULL, "pathPrefix", NULL);
	s->content_base = xstrdup(input ? input : ".");
	/* The site's data, as eleventy-base-blog keeps it: _data/metadata.* */
	char *dfolder = path_join(s->content_base, data ? data : "_data");
	char *json = path_join(dfolder, "metadata.json");
	char *jspath = path_join(dfolder, "metadata.js");
	const char *const names[] = { json, jspath, NULL };
	char *msrc = NULL;
	const char *mname = initgen_js_read(s, names, &msrc);
	if (mname && mname == json) {
		struct ydoc d;
		if (ydoc_load_json(&d, mname, msrc, strlen(msrc), 0) == 0 && ydoc_root(&d)) {
			yaml_node_t *root = ydoc_root(&d);
			initgen_take(&s->title, &d, root, mname, "title");
			initgen_take(&s->url, &d, root, mname, "url");
			initgen_take(&s->language, &d, root, mname, "language");
			initgen_take(&s->description, &d, root, mname, "description");
			const char *a = initgen_name_of(&d, initgen_get(&d, root, "author"));
			if (a)
				initgen_set(&s->author, a, mname, "author");
		}
		ydoc_free(&d);
	} else if (mname) {
		initgen_js_take(&s->title, msrc, mname, NULL, "title");
		initgen_js_take(&s->url, msrc, mname, NULL, "url");
		initgen_js_take(&s->language, msrc, mname, NULL, "language");
		initgen_js_take(&s->description, msrc, mname, NULL, "description");
		char *name = initjs_string(msrc, "author", "name", NULL);
		if (name && name[0])
			initgen_set(&s->author, name, mname, "author.name");
		else
			initgen_js_take(&s->author, msrc, mname, NULL, "author");
		free(name);
	}
	initgen_url_prefix(s, prefix, "url + pathPrefix");
	free(msrc);
	free(json);
	free(jspath);
	free(dfolder);
	free(input);
	free(data);
	free(prefix);
}

static void initgen_gatsby_feed(void *ctx, const char *output)
{
	size_t n = strlen(output);
	if (n > 4 && (strcmp(output + n - 4, ".xml") == 0 || strcmp(output + n - 5, ".json") == 0))
		initgen_add_feed(ctx, output, "gatsby-plugin-feed");
}

static void initgen_gatsby(struct initgen_site *s, const char *src)
{
	const char *c = s->config;
	initgen_js_take(&s->title, src, c, "siteMetadata", "title");
	initgen_js_take(&s->url, src, c, "siteMetadata", "siteUrl");
	initgen_js_take(&s->description, src, c, "siteMetadata", "description");
	initgen_js_take(&s->language, src, c, "siteMetadata", "lang");
	initgen_js_take(&s->language, src, c, "siteMetadata", "language");
	/* author: 'name', or author: { name: 'name', ... } */
	char *meta = initjs_object(src, "siteMetadata");
	char *name = meta ? initjs_string(meta, "author", "name", NULL) : NULL;
	if (name && name[0])
		initgen_set(&s->author, name, c, "siteMetadata.author.name");
	else
		initgen_js_take(&s->author, src, c, "siteMetadata", "author");
	free(name);
	free(meta);
	char *prefix = initjs_string(src, NULL, "pathPrefix", NULL);
	initgen_url_prefix(s, prefix, "siteMetadata.siteUrl + pathPrefix");
	/* gatsby-plugin-feed writes /rss.xml unless its feeds name an output. */
	if (strstr(src, "gatsby-plugin-feed")) {
		char *from = xasprintf("gatsby-plugin-feed (%s)", c);
		initjs_each(src, "output", initgen_gatsby_feed, s);
		if (!s->feeds)
			initgen_add_feed(s, "rss.xml", from);
		free(s->feeds_from);
		s->feeds_from = from;
	}
	free(prefix);
	s->content_base = xstrdup(".");
}

/* ---- Recognising the generator ------------------------------------------- */

struct initgen_probe {
	const char *name;
	enum initgen_kind kind;
};

/* In the order the generators themselves look (Hugo prefers hugo.* to
 * config.*); a config.toml with base_url and no baseURL is Zola's. */
static const struct initgen_probe initgen_probes[] = {
	{ "hugo.toml", INITGEN_HUGO },
	{ "hugo.yaml", INITGEN_HUGO },
	{ "hugo.yml", INITGEN_HUGO },
	{ "hugo.json", INITGEN_HUGO },
	{ "_config.yml", INITGEN_JEKYLL },
	{ "_config.yaml", INITGEN_JEKYLL },
	{ "config.toml", INITGEN_HUGO },
	{ "config.yaml", INITGEN_HUGO },
	{ "config.yml", INITGEN_HUGO },
	{ "config.json", INITGEN_HUGO },
	{ "config/_default/hugo.toml", INITGEN_HUGO },
	{ "config/_default/hugo.yaml", INITGEN_HUGO },
	{ "config/_default/config.toml", INITGEN_HUGO },
	{ "config/_default/config.yaml", INITGEN_HUGO },
	{ "astro.config.mjs", INITGEN_ASTRO },
	{ "astro.config.js", INITGEN_ASTRO },
	{ "astro.config.ts", INITGEN_ASTRO },
	{ "astro.config.mts", INITGEN_ASTRO },
	{ "astro.config.cjs", INITGEN_ASTRO },
	{ "eleventy.config.js", INITGEN_ELEVENTY },
	{ "eleventy.config.mjs", INITGEN_ELEVENTY },
	{ "eleventy.config.cjs", INITGEN_ELEVENTY },
	{ ".eleventy.js", INITGEN_ELEVENTY },
	{ "gatsby-config.js", INITGEN_GATSBY },
	{ "gatsby-config.mjs", INITGEN_GATSBY },
	{ "gatsby-config.ts", INITGEN_GATSBY },
	{ NULL, INITGEN_UNKNOWN },
};

/* A host name from a GitHub Pages CNAME file, as https://HOST. */
static void initgen_cname(struct initgen_site *s)
{
	static const char *const names[] = { "CNAME", "static/CNAME", "public/CNAME", "source/CNAME", NULL };
	const char *name = initgen_first_file(s->dir, names);
	if (!name)
		return;
	char *path = path_join(s->dir, name);
	char *buf = NULL;
	size_t len;
	if (fsin_read_file(path, 4096, &buf, &len) == 0) {
		size_t n = strcspn(buf, " \t\r\n");
		buf[n] = '\0';
		char *url = xasprintf("https://%s", buf);
		if (n > 0 && url_is_absolute_http(url) && !strchr(buf, '/')) {
			initgen_set(&s->url, url, name, NULL);
			initgen_todo(&s->url, "taken from the CNAME file: check the scheme and path");
		}
		free(url);
	}
	free(buf);
	free(path);
}

/* Check the values read against what feedcard.yaml accepts; a value that
 * does not fit is dropped with a note saying why. */
static void initgen_check(struct initgen_site *s)
{
	if (s->url.value) {
		char *u = s->url.value;
		size_t n = strlen(u);
		while (n > 0 && u[n - 1] == '/')
			u[--n] = '\0';
		if (!url_is_absolute_http(u)) {
			char *todo = xasprintf("%s is '%s', not an absolute http(s) URL", s->url.from, u);
			free(u);
			free(s->url.from);
			s->url.value = s->url.from = NULL;
			initgen_todo(&s->url, todo);
			free(todo);
		} else {
			char *host = url_host(u);
			static const char *const examples[] = { "example.org", "example.com", "example.net",
								"localhost", "127.0.0.1" };
			size_t hn = host ? strlen(host) : 0;
			for (size_t i = 0; host && i < sizeof examples / sizeof *examples; i++) {
				size_t en = strlen(examples[i]);
				if (hn >= en && strcmp(host + hn - en, examples[i]) == 0 &&
				    (hn == en || host[hn - en - 1] == '.'))
					initgen_todo(&s->url, "this is a placeholder address: write the site's real URL");
			}
			free(host);
		}
	}
	if (s->language.value) {
		char *tag = config_language(s->language.value);
		if (!tag) {
			initgen_reject(&s->language, "not a language tag such as en or en-US");
		} else {
			free(s->language.value);
			s->language.value = tag;
		}
	}
	if (s->timezone.value) {
		struct date_zone z;
		if (date_zone_parse(s->timezone.value, &z) != 0) {
			initgen_reject(&s->timezone, "which is not a zone this system knows");
		} else {
			date_zone_release(&z);
		}
	}
}

int initgen_read(const char *dir, struct initgen_site *s)
{
	memset(s, 0, sizeof *s);
	s->dir = xstrdup(dir);
	const struct initgen_probe *found = NULL;
	for (const struct initgen_probe *p = initgen_probes; p->name && !found; p++) {
		char *path = path_join(dir, p->name);
		if (initgen_is_file(path))
			found = p;
		free(path);
	}
	int rc = 0;
	if (found) {
		s->kind = found->kind;
		s->config = xstrdup(found->name);
		s->config_path = path_join(dir, found->name);
		if (s->kind == INITGEN_HUGO || s->kind == INITGEN_JEKYLL) {
			rc = initgen_read_doc(s);
		} else {
			const char *const one[] = { found->name, NULL };
			char *src = NULL;
			if (!initgen_js_read(s, one, &src)) {
				rc = -1;
			} else if (s->kind == INITGEN_ASTRO) {
				initgen_astro(s, src);
			} else if (s->kind == INITGEN_ELEVENTY) {
				initgen_eleventy(s, src);
			} else {
				initgen_gatsby(s, src);
			}
			free(src);
		}
	}
	if (rc != 0)
		return -1;
	if (!s->content_base)
		s->content_base = xstrdup(".");
	if (!s->output.value) {
		static const char *const defaults[] = {
			[INITGEN_UNKNOWN] = "out", [INITGEN_HUGO] = "public",
			[INITGEN_JEKYLL] = "_site",	     [INITGEN_ZOLA] = "public",
			[INITGEN_ASTRO] = "dist",	     [INITGEN_ELEVENTY] = "_site",
			[INITGEN_GATSBY] = "public",
		};
		s->output.value = xstrdup(defaults[s->kind]);
	}
	if (!s->url.value)
		initgen_cname(s);
	initgen_check(s);
	return 0;
}

void initgen_release(struct initgen_site *s)
{
	free(s->dir);
	free(s->config);
	free(s->config_path);
	initgen_value_release(&s->title);
	initgen_value_release(&s->url);
	initgen_value_release(&s->description);
	initgen_value_release(&s->language);
	initgen_value_release(&s->author);
	initgen_value_release(&s->timezone);
	initgen_value_release(&s->output);
	free(s->content_base);
	for (size_t i = 0; s->candidates && s->candidates[i]; i++)
		free(s->candidates[i]);
	free(s->candidates);
	free(s->candidates_from);
	for (size_t i = 0; i < s->n_patterns; i++) {
		free(s->patterns[i].key);
		free(s->patterns[i].pattern);
		free(s->patterns[i].file);
	}
	free(s->patterns);
	for (size_t i = 0; s->feeds && s->feeds[i]; i++)
		free(s->feeds[i]);
	free(s->feeds);
	free(s->feeds_from);
	free(s->route);
	free(s->route_from);
	memset(s, 0, sizeof *s);
}

