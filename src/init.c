/* init: write a feedcard.yaml for a site as it is; see init.h. */
#define _DEFAULT_SOURCE /* realpath */
#include "init.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "fsin.h"
#include "fsout.h"
#include "initgen.h"
#include "initperm.h"
#include "path.h"
#include "strbuf.h"
#include "xalloc.h"
#include "ydoc.h"

enum { OPT_OUTPUT = 1, OPT_FORCE, OPT_TITLE, OPT_URL };

const struct cli_option init_options[] = {
	{ OPT_OUTPUT, 'o', "output", "FILE", "the config file to write (default: DIR/feedcard.yaml)" },
	{ OPT_FORCE, 'f', "force", NULL, "replace FILE when it exists" },
	{ OPT_TITLE, 0, "title", "TITLE", "the site's title (instead of the one its config gives)" },
	{ OPT_URL, 0, "url", "URL", "the site's address (instead of the one its config gives)" },
	{ 0, 0, NULL, NULL, NULL },
};

/* How much of each Markdown file is read to find its date, how deep and
 * how far (entries looked at) the walk goes: a site's posts are found long
 * before. */
#define INIT_HEAD_BYTES 16384
#define INIT_MAX_DEPTH 12
#define INIT_MAX_FILES 500000

/* ---- Recognising posts ------------------------------------------------- */

bool init_dated_name(const char *name)
{
	const char *p = name;
	for (int i = 0; i < 4; i++, p++)
		if (!isdigit((unsigned char)*p))
			return false;
	for (int part = 0; part < 2; part++) {
		if (*p++ != '-' || !isdigit((unsigned char)*p))
			return false;
		p += isdigit((unsigned char)p[1]) ? 2 : 1;
	}
	return *p == '\0' || *p == '-' || *p == '_' || *p == '.';
}

/* The keys generators take a post's date from. */
static const char *const init_date_keys[] = { "date", "pubDate", "publishDate", "published",
					      "pubDatetime", NULL };

/* One line of a front matter: a top-level date key (maybe quoted) followed
 * by ':' or '=' and a value. */
static bool init_date_line(const char *line, const char *end)
{
	const char *p = line;
	if (p < end && *p == ' ') /* a front matter indented by one space */
		p++;
	char q = (*p == '"' || *p == '\'') ? *p++ : 0;
	for (const char *const *k = init_date_keys; *k; k++) {
		size_t n = strlen(*k);
		if ((size_t)(end - p) <= n || strncasecmp(p, *k, n) != 0)
			continue;
		const char *v = p + n;
		if (q && *v++ != q)
			continue;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= end || (*v != ':' && *v != '='))
			continue;
		v++;
		while (v < end && (*v == ' ' || *v == '\t' || *v == '"' || *v == '\''))
			v++;
		/* Any value but none, a list or a mapping, or Jekyll's
		 * `published: true`: a date in whatever form. */
		size_t vlen = (size_t)(end - v);
		while (vlen > 0 && strchr(" \t\"',", v[vlen - 1]))
			vlen--;
		static const char *const not_dates[] = { "true", "false", "null", "~", "yes", "no" };
		for (size_t i = 0; i < sizeof not_dates / sizeof *not_dates; i++)
			if (vlen == strlen(not_dates[i]) && strncasecmp(v, not_dates[i], vlen) == 0)
				return false;
		return vlen > 0 && *v != '[' && *v != '{' && *v != '|' && *v != '>';
	}
	return false;
}

bool init_has_dated_front_matter(const char *text)
{
	const char *p = text;
	if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
		p += 3;
	while (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')
		p++;
	const char *close;
	if (strncmp(p, "---", 3) == 0)
		close = "---";
	else if (strncmp(p, "+++", 3) == 0)
		close = "+++";
	else if (*p == '{')
		close = "}";
	else
		return false;
	p += strcspn(p, "\n");
	while (*p == '\n') {
		const char *line = p + 1;
		const char *end = line + strcspn(line, "\n");
		const char *e = end > line && end[-1] == '\r' ? end - 1 : end;
		if ((size_t)(e - line) >= strlen(close) && strncmp(line, close, strlen(close)) == 0 &&
		    (close[0] != '}' || e - line == 1))
			return false;
		/* JSON keys are indented: look past the indent there. */
		const char *l = line;
		while (close[0] == '}' && (*l == ' ' || *l == '\t'))
			l++;
		if (init_date_line(l, e))
			return true;
		p = end;
	}
	return false;
}

static bool init_is_post_file(const char *name)
{
	if (name[0] == '_' || name[0] == '.' || strcasecmp(name, "README.md") == 0)
		return false;
	const char *dot = strrchr(name, '.');
	return dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0 || strcmp(dot, ".mdx") == 0);
}

/* Whether a post file has a date; *named when it is in its name (or its
 * bundle folder's). */
static bool init_file_dated(const char *path, const char *name, const char *folder_name, bool *named)
{
	/* A page bundle (slug/index.md) is named by its folder. */
	*named = init_dated_name(name) ||
		 (folder_name && strncmp(name, "index.", 6) == 0 && init_dated_name(folder_name));
	if (*named)
		return true;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	char *buf = xmalloc(INIT_HEAD_BYTES + 1);
	ssize_t n = read(fd, buf, INIT_HEAD_BYTES);
	close(fd);
	bool dated = false;
	if (n > 0) {
		buf[n] = '\0';
		dated = init_has_dated_front_matter(buf);
	}
	free(buf);
	return dated;
}

/* ---- The walk: dated posts per folder ---------------------------------- */

struct init_dir {
	char *path;   /* relative to the site ("." for the site itself) */
	char *name;   /* the last part */
	size_t dated; /* dated posts in the whole subtree */
	size_t own;   /* of which directly here, or as a bundle (NAME/index.md) */
	size_t named; /* of which have a date in their file (or bundle) name */
	bool bundle;  /* holds an index.md: a post of its own */
	struct init_dir **kids;
	size_t n_kids;
};

struct init_walk {
	const char *site;
	const char *skip[8]; /* site-relative folders not walked (build output) */
	size_t files;
};

static void init_dir_free(struct init_dir *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_kids; i++)
		init_dir_free(d->kids[i]);
	free(d->kids);
	free(d->path);
	free(d->name);
	free(d);
}

static bool init_keep_entry(const char *name, unsigned char type)
{
	(void)type;
	return name[0] != '.' && strcmp(name, "node_modules") != 0;
}

/* Folders that never hold a site's own posts: the generators' themes,
 * caches and vendored code. */
static bool init_skip_folder(const struct init_walk *w, const char *rel, const char *name)
{
	static const char *const names[] = { "themes", "resources", "vendor", "_site", "exampleSite",
					     "bower_components", NULL };
	for (const char *const *n = names; *n; n++)
		if (strcmp(name, *n) == 0)
			return true;
	for (size_t i = 0; i < sizeof w->skip / sizeof *w->skip && w->skip[i]; i++)
		if (strcmp(rel, w->skip[i]) == 0)
			return true;
	return false;
}

static struct init_dir *init_walk_dir(struct init_walk *w, const char *rel, const char *name, int depth)
{
	struct init_dir *d = xcalloc(1, sizeof *d);
	d->path = xstrdup(rel);
	d->name = xstrdup(name);
	char *abs = strcmp(rel, ".") == 0 ? xstrdup(w->site) : path_join(w->site, rel);
	size_t n = 0;
	char **names = fsin_dir_names(abs, init_keep_entry, &n);
	for (size_t i = 0; i < n && w->files < INIT_MAX_FILES; i++) {
		w->files++;
		char *path = path_join(abs, names[i]);
		struct stat st;
		if (lstat(path, &st) != 0) {
			free(path);
			continue;
		}
		char *krel = strcmp(rel, ".") == 0 ? xstrdup(names[i]) : path_join(rel, names[i]);
		if (S_ISDIR(st.st_mode) && depth < INIT_MAX_DEPTH && !init_skip_folder(w, krel, names[i])) {
			struct init_dir *k = init_walk_dir(w, krel, names[i], depth + 1);
			if (k->dated) {
				d->kids = xreallocarray(d->kids, d->n_kids + 1, sizeof *d->kids);
				d->kids[d->n_kids++] = k;
				d->dated += k->dated;
				d->named += k->named;
				if (k->bundle)
					d->own++;
			} else {
				init_dir_free(k);
			}
		} else if (S_ISREG(st.st_mode) && init_is_post_file(names[i])) {
			bool named;
			if (init_file_dated(path, names[i], strcmp(rel, ".") ? name : NULL, &named)) {
				d->dated++;
				d->named += named;
				if (strncmp(names[i], "index.", 6) == 0)
					d->bundle = true;
				else
					d->own++;
			}
		}
		free(krel);
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(abs);
	return d;
}

static struct init_dir *init_find(struct init_dir *d, const char *rel)
{
	if (!d || strcmp(d->path, rel) == 0)
		return d;
	for (size_t i = 0; i < d->n_kids; i++) {
		size_t n = strlen(d->kids[i]->path);
		if (strncmp(rel, d->kids[i]->path, n) == 0 && (rel[n] == '/' || rel[n] == '\0'))
			return init_find(d->kids[i], rel);
	}
	return NULL;
}

/* A folder named like a year, a month or a dated post: it splits the posts
 * of one blog, it is not a blog of its own. */
static bool init_split_folder(const char *name)
{
	size_t digits = strspn(name, "0123456789");
	return name[digits] == '\0' || init_dated_name(name);
}

/* From d, go down while one subfolder holds at least half of the dated
 * posts (and more than d holds itself): the folder of the site's posts. */
static struct init_dir *init_descend(struct init_dir *d)
{
	for (;;) {
		struct init_dir *best = NULL;
		for (size_t i = 0; i < d->n_kids; i++) {
			struct init_dir *k = d->kids[i];
			if (!k->bundle && !init_split_folder(k->name) && (!best || k->dated > best->dated))
				best = k;
		}
		if (!best || best->dated < 2 || best->dated * 2 < d->dated || best->dated <= d->own)
			return d;
		d = best;
	}
}

/* The node named name (Jekyll's _posts) holding the most posts, or NULL. */
static void init_largest_named(struct init_dir *d, const char *name, struct init_dir **best, size_t *count)
{
	if (strcmp(d->name, name) == 0) {
		(*count)++;
		if (!*best || d->dated > (*best)->dated)
			*best = d;
	}
	for (size_t i = 0; i < d->n_kids; i++)
		init_largest_named(d->kids[i], name, best, count);
}

/* ---- Writing the config -------------------------------------------------- */

/* s as a double-quoted YAML scalar, escaped by libyaml's emitter. */
static void init_put_scalar(struct strbuf *sb, const char *s)
{
	if (ydoc_quote(sb, s) != 0) /* out of memory in libyaml; xalloc's policy */
		diag_fatal("out of memory");
}

/* One "key: value  # comment" line, value written as it is (raw) or as a
 * YAML string; value NULL writes the key commented out. */
static void init_line_as(struct strbuf *sb, const char *indent, const char *key, const char *value,
			 bool raw, const char *comment)
{
	size_t start = sb->len;
	strbuf_printf(sb, "%s%s%s: ", value ? "" : "# ", indent, key);
	if (value && raw)
		strbuf_puts(sb, value);
	else if (value)
		init_put_scalar(sb, value);
	if (comment) {
		size_t col = sb->len - start;
		strbuf_printf(sb, "%*s# %s", col < 34 ? (int)(34 - col) : 2, "", comment);
	}
	strbuf_putc(sb, '\n');
}

static void init_line(struct strbuf *sb, const char *indent, const char *key, const char *value,
		      const char *comment)
{
	init_line_as(sb, indent, key, value, false, comment);
}

/* The comment for a value: where it came from, and what to check. */
static char *init_comment(const struct initgen_value *v, const char *otherwise)
{
	if (v->todo && v->from)
		return xasprintf("from %s; TODO: %s", v->from, v->todo);
	if (v->todo)
		return xasprintf("TODO: %s", v->todo);
	if (v->from)
		return xasprintf("from %s", v->from);
	return otherwise ? xstrdup(otherwise) : NULL;
}

static void init_value_line(struct strbuf *sb, const char *key, const struct initgen_value *v,
			    const char *otherwise)
{
	char *c = init_comment(v, otherwise);
	init_line(sb, "  ", key, v->value, c);
	free(c);
}

/* ---- The command ---------------------------------------------------------- */

struct init_opts {
	const char *dir;
	const char *out;
	const char *title;
	const char *url;
	bool force;
};

static int init_parse(const struct cli_command *cmd, int argc, char **argv, struct init_opts *o)
{
	memset(o, 0, sizeof *o);
	int i = 1;
	while (i < argc) {
		const char *a = argv[i];
		if (a[0] != '-' || a[1] == '\0') {
			if (o->dir) {
				diag_usage(cmd->name, "one site folder only, not '%s' too", a);
				return -1;
			}
			o->dir = a;
			i++;
			continue;
		}
		const char *v;
		int id = cli_next(cmd, argc, argv, &i, &v);
		switch (id) {
		case CLI_OPT_HELP: cli_print_command_help(cmd, stdout); return 1;
		case OPT_OUTPUT: o->out = v; break;
		case OPT_FORCE: o->force = true; break;
		case OPT_TITLE: o->title = v; break;
		case OPT_URL: o->url = v; break;
		default: return -1;
		}
	}
	if (!o->dir)
		o->dir = ".";
	return 0;
}

/* A path relative to the site as the config file must write it: relative
 * to the config's folder when that is the site, else absolute. Caller
 * frees. */
static char *init_config_path(const char *site_real, const char *cfg_dir_real, const char *rel)
{
	if (cfg_dir_real && strcmp(site_real, cfg_dir_real) == 0)
		return xstrdup(rel);
	return strcmp(rel, ".") == 0 ? xstrdup(site_real) : path_join(site_real, rel);
}

/* The site's folder of posts, with what was counted, for the report. */
struct init_posts {
	char *folder; /* relative to the site */
	size_t dated; /* dated posts found in it */
	size_t total; /* dated posts found in the whole site */
	bool nested;  /* some lie in subfolders that are not bundles */
	bool named;   /* most have a date in their file name */
	char *how;    /* how it was chosen */
	char *todo;   /* what to check, or NULL */
};

static void init_choose_posts(const struct initgen_site *site, struct init_dir *root, struct init_posts *p)
{
	memset(p, 0, sizeof *p);
	p->total = root->dated;
	struct init_dir *pick = NULL;
	if (site->kind == INITGEN_JEKYLL) {
		size_t count = 0;
		struct init_dir *base = init_find(root, site->content_base);
		if (base)
			init_largest_named(base, "_posts", &pick, &count);
		if (pick)
			p->how = count > 1 ? xasprintf("the largest of %zu _posts folders", count)
					   : xstrdup("Jekyll's _posts folder");
		if (count > 1)
			p->todo = xstrdup("the site has more than one _posts folder: feedcard reads one; the others' posts are not in the feeds");
	}
	for (size_t i = 0; !pick && site->candidates && site->candidates[i]; i++) {
		struct init_dir *c = init_find(root, site->candidates[i]);
		if (c && strcmp(c->path, site->candidates[i]) == 0 && (!pick || c->dated > pick->dated))
			pick = c;
		if (pick)
			p->how = xasprintf("named in %s", site->candidates_from);
	}
	if (!pick) {
		struct init_dir *base = init_find(root, site->content_base);
		if (base && strcmp(base->path, site->content_base) == 0 && base->dated) {
			pick = init_descend(base);
			p->how = strcmp(site->content_base, ".") == 0
					 ? xstrdup("the folder with the most dated posts")
					 : xasprintf("the folder with the most dated posts under %s", site->content_base);
		}
	}
	if (!pick && root->dated) {
		pick = init_descend(root);
		p->how = xstrdup("the folder with the most dated posts");
	}
	if (!pick) {
		/* Nothing dated anywhere: the generator's folder, for the user
		 * to check. */
		p->folder = xstrdup(site->content_base);
		p->how = xstrdup("no Markdown file with a date was found");
		free(p->todo);
		p->todo = xstrdup("no post with a date in its front matter or file name was found: set `content` to the folder of the posts");
		return;
	}
	p->folder = xstrdup(pick->path);
	p->dated = pick->dated;
	p->nested = pick->dated > pick->own;
	p->named = pick->named * 2 > pick->dated;
	if (p->total > p->dated && !p->todo)
		p->todo = xasprintf("%zu dated posts lie outside this folder and will not be in the feeds",
				    p->total - p->dated);
}

static void init_posts_release(struct init_posts *p)
{
	free(p->folder);
	free(p->how);
	free(p->todo);
}

/* What to run to build the site, then feedcard. */
static const char *init_build_command(enum initgen_kind kind)
{
	switch (kind) {
	case INITGEN_HUGO: return "hugo";
	case INITGEN_JEKYLL: return "bundle exec jekyll build";
	case INITGEN_ZOLA: return "zola build";
	case INITGEN_ASTRO: return "npx astro build";
	case INITGEN_ELEVENTY: return "npx @11ty/eleventy";
	case INITGEN_GATSBY: return "npx gatsby build";
	case INITGEN_UNKNOWN: break;
	}
	return NULL;
}

char *init_feeds_dir(const char *permalink, const char *section)
{
	/* A pattern that starts with the section (Hugo's :sections) starts
	 * with the posts' section. */
	struct strbuf pat = STRBUF_INIT;
	static const char *const sections[] = { "/:sections", "/:section", "/{sections}", "/{section}" };
	for (size_t i = 0; section && i < sizeof sections / sizeof *sections && !pat.len; i++) {
		size_t k = strlen(sections[i]);
		if (strncmp(permalink, sections[i], k) == 0 && (permalink[k] == '/' || permalink[k] == '\0'))
			strbuf_printf(&pat, "/%s%s", section, permalink + k);
	}
	if (!pat.len)
		strbuf_puts(&pat, permalink);
	size_t n = strcspn(pat.data, "{:"); /* up to the first placeholder, either way written */
	while (n > 0 && pat.data[n - 1] != '/')
		n--;
	const char *p = pat.data;
	while (n > 0 && *p == '/')
		p++, n--;
	while (n > 0 && p[n - 1] == '/')
		n--;
	char *dir = xstrndup(p, n);
	strbuf_release(&pat);
	return dir;
}

/* Where the feeds go, and in which formats. */
struct init_feeds {
	char *dir;        /* the folder the posts' URLs start with ("blog"), or "" */
	unsigned formats; /* CONFIG_* bits */
	char *note;       /* which of feedcard's files the site makes itself, or NULL */
};

/* True when the built output lists path (relative to it) as feedcard's own. */
static bool init_ours(const char *output_abs, const char *path)
{
	char *list = path_join(output_abs, ".feedcard-outputs");
	FILE *f = fsin_fopen_regular(list);
	free(list);
	bool found = false;
	char line[4096];
	while (f && !found && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		found = strcmp(line, path) == 0;
	}
	if (f)
		fclose(f);
	return found;
}

/* Whether the site makes the file path (relative to its output) itself:
 * the generator's config says so, an Astro page makes it, or a build of the
 * site already put it there (and feedcard did not). *why is set. */
static bool init_taken(const struct initgen_site *site, const char *site_real, const char *output_abs,
		       const char *path, const char **why)
{
	for (size_t i = 0; site->feeds && site->feeds[i]; i++)
		if (strcmp(site->feeds[i], path) == 0) {
			*why = site->feeds_from;
			return true;
		}
	static const char *const exts[] = { ".js", ".ts", ".mjs", ".mts" };
	for (size_t i = 0; site->kind == INITGEN_ASTRO && i < sizeof exts / sizeof *exts; i++) {
		char *page = xasprintf("%s/src/pages/%s%s", site_real, path, exts[i]);
		struct stat st;
		bool found = stat(page, &st) == 0;
		free(page);
		if (found) {
			*why = "an Astro page in src/pages";
			return true;
		}
	}
	char *built = path_join(output_abs, path);
	struct stat st;
	bool found = lstat(built, &st) == 0 && !init_ours(output_abs, path);
	free(built);
	*why = "the built site";
	return found;
}

/* The feeds' folder is the one the posts' URLs start with, so that the
 * feeds' home page is the blog's index page; a feed file the site already
 * makes there is left to it (its format is not written). */
static void init_choose_feeds(const struct initgen_site *site, const char *site_real,
			      const char *posts, const char *permalink, struct init_feeds *f)
{
	memset(f, 0, sizeof *f);
	size_t base = strlen(site->content_base);
	const char *rel = strcmp(site->content_base, ".") == 0 ? posts
			  : strncmp(posts, site->content_base, base) == 0 && posts[base] == '/' ? posts + base + 1
										      : NULL;
	char *section = rel ? xstrndup(rel, strcspn(rel, "/")) : NULL;
	f->dir = init_feeds_dir(permalink, section);
	free(section);
	char *output_abs = path_join(site_real, site->output.value);
	static const struct {
		const char *name;
		unsigned bit;
	} files[] = { { "rss.xml", CONFIG_RSS }, { "atom.xml", CONFIG_ATOM }, { "feed.json", CONFIG_JSON } };
	struct strbuf note = STRBUF_INIT;
	for (size_t i = 0; i < 3; i++) {
		char *path = f->dir[0] ? xasprintf("%s/%s", f->dir, files[i].name) : xstrdup(files[i].name);
		const char *why = NULL;
		if (site->kind != INITGEN_UNKNOWN && init_taken(site, site_real, output_abs, path, &why)) {
			strbuf_printf(&note, "%s%s is made by %s", note.len ? "; " : "", path, why);
		} else {
			f->formats |= files[i].bit;
		}
		free(path);
	}
	if (!f->formats) {
		/* The site makes all three: feedcard's go to a folder of their own. */
		char *d = f->dir[0] ? xasprintf("%s/feedcard", f->dir) : xstrdup("feedcard");
		free(f->dir);
		f->dir = d;
		f->formats = CONFIG_RSS | CONFIG_ATOM | CONFIG_JSON;
		strbuf_puts(&note, ": feedcard's feeds go to their own folder");
	} else if (note.len) {
		strbuf_puts(&note, ", which feedcard leaves as it is");
	}
	f->note = note.len ? strbuf_detach(&note, NULL) : NULL;
	strbuf_release(&note);
	free(output_abs);
}

static void init_write_config(struct strbuf *sb, const struct initgen_site *site,
			      const struct init_posts *posts, const struct init_feeds *feeds,
			      const char *content, const char *output, const char *permalink,
			      const char *pfrom, const char *ptodo)
{
	if (site->config)
		strbuf_printf(sb, "# feedcard.yaml for this %s site, written by `feedcard init` from %s.\n",
			      initgen_name(site->kind), site->config);
	else
		strbuf_puts(sb, "# feedcard.yaml written by `feedcard init` (no generator config was found).\n");
	strbuf_puts(sb, "# Every key is described in feedcard's README (\"Configuration\"); check the\n"
			"# lines marked TODO. Paths are relative to this file.\n");
	strbuf_puts(sb, "site:\n");
	init_value_line(sb, "title", &site->title, NULL);
	init_value_line(sb, "url", &site->url, NULL);
	if (site->description.value)
		init_value_line(sb, "description", &site->description, NULL);
	if (site->language.value || site->language.todo)
		init_value_line(sb, "language", &site->language, NULL);
	if (site->author.value)
		init_value_line(sb, "author", &site->author, NULL);
	char *tz = site->timezone.value && !site->timezone.from && !site->timezone.todo
			   ? xasprintf("%s's default: dates without an offset are UTC",
				       site->kind == INITGEN_UNKNOWN ? "feedcard" : initgen_name(site->kind))
			   : NULL;
	init_value_line(sb, "timezone", &site->timezone, tz);
	free(tz);

	const char *plural = posts->dated == 1 ? "" : "s";
	char *c = posts->todo ? xasprintf("%s (%zu dated post%s); TODO: %s", posts->how, posts->dated, plural, posts->todo)
			      : xasprintf("%s (%zu dated post%s)", posts->how, posts->dated, plural);
	init_line(sb, "", "content", content, c);
	free(c);
	if (ptodo && pfrom)
		c = xasprintf("from %s; TODO: %s", pfrom, ptodo);
	else if (ptodo)
		c = xasprintf("TODO: %s", ptodo);
	else
		c = pfrom ? xasprintf("from %s", pfrom)
			  : xasprintf("%s's default URLs for these posts", initgen_name(site->kind));
	init_line(sb, "", "permalink", permalink, c);
	free(c);
	if (site->kind != INITGEN_UNKNOWN) {
		c = site->output.from
			    ? xasprintf("from %s: run feedcard after %s has built the site", site->output.from,
					initgen_name(site->kind))
			    : xasprintf("%s's build folder: run feedcard after %s has built the site",
					initgen_name(site->kind), initgen_name(site->kind));
		init_line(sb, "", "output", output, c);
		free(c);
	} else {
		init_line(sb, "", "output", output, "feeds and cards go here; copy them into the built site");
	}
	strbuf_puts(sb, "feeds:\n");
	c = feeds->dir[0] ? xasprintf("<output>/%s/: the posts' folder, whose page is the feeds' home page", feeds->dir)
			  : xstrdup("<output>/: the site's home page is the feeds' home page");
	init_line(sb, "  ", "dir", feeds->dir, c);
	free(c);
	if (feeds->formats != (CONFIG_RSS | CONFIG_ATOM | CONFIG_JSON)) {
		static const struct {
			unsigned bit;
			const char *name;
		} fmts[] = { { CONFIG_RSS, "rss" }, { CONFIG_ATOM, "atom" }, { CONFIG_JSON, "json" } };
		struct strbuf list = STRBUF_INIT;
		strbuf_putc(&list, '[');
		for (size_t i = 0; i < 3; i++)
			if (feeds->formats & fmts[i].bit)
				strbuf_printf(&list, "%s%s", list.len > 1 ? ", " : "", fmts[i].name);
		strbuf_putc(&list, ']');
		init_line_as(sb, "  ", "formats", list.data, true, feeds->note);
		strbuf_release(&list);
	} else if (feeds->note) {
		strbuf_printf(sb, "  # %s\n", feeds->note);
	}
	strbuf_puts(sb, "cards:\n");
	init_line(sb, "  ", "name", "ogimage.jpg",
		  "each post's card, beside its page: <output><permalink>ogimage.jpg");
}

/* Print what was found, what to check and what to run next. */
static void init_report(const struct initgen_site *site, const struct init_posts *posts,
			const char *permalink, const char *ptodo, const char *path, const char *dir)
{
	printf("feedcard init: %s site", initgen_name(site->kind));
	if (site->config)
		printf(" (%s)", site->config);
	printf("\n");
	const struct {
		const char *name;
		const struct initgen_value *v;
	} rows[] = { { "title", &site->title },	      { "url", &site->url },
		     { "language", &site->language }, { "timezone", &site->timezone },
		     { "output", &site->output },     { NULL, NULL } };
	for (size_t i = 0; rows[i].name; i++)
		printf("  %-10s %s\n", rows[i].name, rows[i].v->value ? rows[i].v->value : "(not found)");
	printf("  %-10s %s: %zu dated post%s (%s)\n", "content", posts->folder, posts->dated,
	       posts->dated == 1 ? "" : "s", posts->how);
	printf("  %-10s %s\n", "permalink", permalink);
	printf("wrote %s\n", path);
	const char *checks[] = { site->title.todo, site->url.todo,   site->language.todo,
				 site->timezone.todo, posts->todo, ptodo };
	const char *labels[] = { "title", "url", "language", "timezone", "content", "permalink" };
	bool any = false;
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		if (!checks[i])
			continue;
		if (!any)
			printf("check (marked TODO in the file):\n");
		any = true;
		printf("  - %s: %s\n", labels[i], checks[i]);
	}
	const char *gen = init_build_command(site->kind);
	if (gen)
		printf("next: %s, then: feedcard build -c %s\n", gen, path);
	else
		printf("next: feedcard build -c %s\n", path);
	(void)dir;
}

int init_run(const struct cli_command *cmd, int argc, char **argv)
{
	struct init_opts o;
	int prc = init_parse(cmd, argc, argv, &o);
	if (prc != 0)
		return prc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	struct stat st;
	if (stat(o.dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error(o.dir, 0, 0, "not a folder: %s", stat(o.dir, &st) != 0 ? strerror(errno) : "a file");
		return CLI_EXIT_USAGE;
	}
	char *path = o.out ? xstrdup(o.out) : path_join(o.dir, "feedcard.yaml");
	if (!o.force && lstat(path, &st) == 0) {
		diag_error(path, 0, 0, "already exists; feedcard init does not replace it (--force does)");
		free(path);
		return CLI_EXIT_USAGE;
	}

	struct initgen_site site;
	struct init_posts posts;
	struct init_feeds feeds;
	memset(&posts, 0, sizeof posts);
	memset(&feeds, 0, sizeof feeds);
	struct init_dir *root = NULL;
	char *site_real = NULL, *cfg_dir = NULL, *cfg_real = NULL, *permalink = NULL, *pfrom = NULL,
	     *ptodo = NULL, *content = NULL, *output = NULL;
	struct strbuf text = STRBUF_INIT;
	int rc = CLI_EXIT_USAGE;
	if (initgen_read(o.dir, &site) != 0)
		goto out;
	if (o.title) {
		free(site.title.value);
		free(site.title.from);
		free(site.title.todo);
		site.title.value = xstrdup(o.title);
		site.title.from = xstrdup("--title");
		site.title.todo = NULL;
	}
	if (o.url) {
		free(site.url.value);
		free(site.url.from);
		free(site.url.todo);
		site.url.value = xstrdup(o.url);
		site.url.from = xstrdup("--url");
		site.url.todo = NULL;
	}
	site_real = realpath(o.dir, NULL);
	if (!site_real) {
		diag_error(o.dir, 0, 0, "cannot resolve the folder: %s", strerror(errno));
		goto out;
	}
	if (!site.title.value) {
		/* The folder's name stands in: a build needs a title. */
		const char *base = strrchr(site_real, '/');
		site.title.value = xstrdup(base && base[1] ? base + 1 : site_real);
		if (!site.title.todo)
			site.title.todo = xstrdup("no title was found: this is the folder's name");
	}
	if (!site.url.value) {
		/* No URL: the key stays empty so that build stops at it. */
		site.url.value = xstrdup("");
		if (!site.url.todo)
			site.url.todo = xstrdup("no URL was found: write the site's address, such as https://example.org (or run init with --url)");
	}
	if (!site.timezone.value && !site.timezone.todo) {
		site.timezone.value = xstrdup("UTC");
		site.timezone.todo = site.kind == INITGEN_JEKYLL
					     ? xstrdup("Jekyll reads dates without an offset in the build machine's timezone: write that zone here (Europe/Berlin, +02:00)")
					     : NULL;
	}

	struct init_walk w = { .site = site_real, .skip = { site.output.value }, .files = 0 };
	root = init_walk_dir(&w, ".", ".", 0);
	init_choose_posts(&site, root, &posts);
	struct initperm_posts pp = { posts.folder, posts.nested, posts.named };
	permalink = initperm_permalink(&site, &pp, &pfrom, &ptodo);

	cfg_dir = path_dirname(path);
	cfg_real = realpath(cfg_dir, NULL);
	content = init_config_path(site_real, cfg_real, posts.folder);
	output = init_config_path(site_real, cfg_real, site.output.value);
	init_choose_feeds(&site, site_real, posts.folder, permalink, &feeds);
	init_write_config(&text, &site, &posts, &feeds, content, output, permalink, pfrom, ptodo);

	if (!o.force && lstat(path, &st) == 0) {
		diag_error(path, 0, 0, "already exists; feedcard init does not replace it (--force does)");
		goto out;
	}
	if (fsout_write(path, text.data, text.len, NULL) != 0) {
		rc = CLI_EXIT_CONTENT;
		goto out;
	}
	init_report(&site, &posts, permalink, ptodo, path, o.dir);
	/* What was written must load, unless the user still has a value to
	 * give: a failure here is init's own mistake. */
	if (site.url.value[0]) {
		struct config cfg;
		if (config_load(path, &cfg) != 0) {
			diag_error(path, 0, 0, "the config init wrote does not load: please report this");
			config_release(&cfg);
			rc = CLI_EXIT_CONTENT;
			goto out;
		}
		config_release(&cfg);
	}
	rc = CLI_EXIT_OK;
out:
	strbuf_release(&text);
	init_dir_free(root);
	init_posts_release(&posts);
	free(feeds.dir);
	free(feeds.note);
	initgen_release(&site);
	free(site_real);
	free(cfg_dir);
	free(cfg_real);
	free(permalink);
	free(pfrom);
	free(ptodo);
	free(content);
	free(output);
	free(path);
	return rc;
}
