/* fields: front matter names of feedcard's fields; see fields.h. */
#include "fields.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

/* The names of the fields in feedcard.yaml, in enum order. */
static const char *const fields_names[FIELDS_COUNT] = {
	"title", "date", "updated", "summary", "image", "categories", "tags", "authors", "slug",
	"path", "draft", "expiryDate", "lang", "externalUrl", "cardTemplate",
};

/* The built-in aliases, each field's in precedence order (the first present
 * wins). The README's field table says the same: change both together. */
static const struct {
	enum fields_id id;
	const char *name;
	unsigned flags;
} fields_aliases[] = {
	{ FIELDS_TITLE, "title", 0 },
	{ FIELDS_DATE, "date", 0 },
	{ FIELDS_DATE, "pubDate", 0 },          /* Astro */
	{ FIELDS_DATE, "publishDate", 0 },      /* Hugo, Astro */
	{ FIELDS_DATE, "published", FIELDS_IF_NOT_BOOL },
	{ FIELDS_DATE, "pubDatetime", 0 },      /* Astro Paper */
	{ FIELDS_UPDATED, "updated", 0 },       /* Zola */
	{ FIELDS_UPDATED, "lastmod", 0 },       /* Hugo */
	{ FIELDS_UPDATED, "updatedDate", 0 },   /* Astro */
	{ FIELDS_UPDATED, "modified", 0 },
	{ FIELDS_UPDATED, "last_modified_at", 0 }, /* Jekyll */
	{ FIELDS_SUMMARY, "description", 0 },
	{ FIELDS_SUMMARY, "summary", 0 },       /* Hugo */
	{ FIELDS_SUMMARY, "excerpt", 0 },       /* Jekyll */
	{ FIELDS_SUMMARY, "subtitle", 0 },
	{ FIELDS_IMAGE, "ogImage", 0 },
	{ FIELDS_IMAGE, "image", 0 },
	{ FIELDS_IMAGE, "images", 0 },          /* Hugo: a list, the first */
	{ FIELDS_IMAGE, "cover", 0 },           /* a name, or {image: ...} */
	{ FIELDS_IMAGE, "heroImage", 0 },       /* Astro */
	{ FIELDS_IMAGE, "featured_image", 0 },
	{ FIELDS_IMAGE, "thumbnail", 0 },
	{ FIELDS_CATEGORIES, "categories", 0 },
	{ FIELDS_CATEGORIES, "category", 0 },   /* Jekyll */
	{ FIELDS_TAGS, "tags", 0 },
	{ FIELDS_TAGS, "keywords", 0 },
	{ FIELDS_AUTHORS, "author", 0 },
	{ FIELDS_AUTHORS, "authors", 0 },
	{ FIELDS_SLUG, "slug", 0 },
	{ FIELDS_PATH, "path", 0 },             /* Gatsby */
	{ FIELDS_PATH, "permalink", 0 },        /* Jekyll, Eleventy */
	{ FIELDS_PATH, "url", 0 },              /* Hugo */
	{ FIELDS_DRAFT, "draft", 0 },
	{ FIELDS_DRAFT, "published", FIELDS_IF_BOOL_NOT }, /* Jekyll: published: false */
	{ FIELDS_EXPIRY, "expiryDate", 0 },     /* Hugo */
	{ FIELDS_LANG, "lang", 0 },
	{ FIELDS_LANG, "language", 0 },
	{ FIELDS_EXTERNAL_URL, "externalUrl", 0 },
	{ FIELDS_CARD_TEMPLATE, "cardTemplate", 0 },
};

struct fields_name {
	char *name;
	unsigned flags;
};

/* One first name (lowercased) and the fields it gives. */
struct fields_slot {
	char *key; /* NULL: empty */
	size_t len;
	unsigned hash;
	struct fields_entry *entries;
	size_t n;
};

struct fields {
	struct fields_name names[FIELDS_COUNT][FIELDS_MAX_NAMES];
	size_t count[FIELDS_COUNT];
	struct fields_slot *slots;
	size_t cap; /* a power of two, at least twice the keys */
	size_t max_len;
};

const char *fields_name(enum fields_id id)
{
	return id < FIELDS_COUNT ? fields_names[id] : "?";
}

int fields_id_of(const char *name)
{
	for (int i = 0; i < FIELDS_COUNT; i++)
		if (strcmp(fields_names[i], name) == 0)
			return i;
	return -1;
}

const char *fields_names_list(void)
{
	return "title, date, updated, summary, image, categories, tags, authors, slug, path, draft, "
	       "expiryDate, lang, externalUrl, cardTemplate";
}

/* FNV-1a over the lowercased bytes. */
static unsigned fields_hash(const char *s, size_t len)
{
	unsigned h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + ('a' - 'A'));
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static void fields_clear_slots(struct fields *f)
{
	for (size_t i = 0; i < f->cap; i++) {
		free(f->slots[i].key);
		free(f->slots[i].entries);
	}
	free(f->slots);
	f->slots = NULL;
	f->cap = 0;
	f->max_len = 0;
}

/* a (lowercase) equals b (any case) over len bytes, in ASCII: no locale. */
static bool fields_same(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)b[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + ('a' - 'A'));
		if ((unsigned char)a[i] != c)
			return false;
	}
	return true;
}

static struct fields_slot *fields_find(const struct fields *f, const char *key, size_t len)
{
	if (!f->cap || len > f->max_len)
		return NULL;
	unsigned h = fields_hash(key, len);
	for (size_t i = h & (f->cap - 1);; i = (i + 1) & (f->cap - 1)) {
		struct fields_slot *s = &f->slots[i];
		if (!s->key)
			return NULL;
		if (s->hash == h && s->len == len && fields_same(s->key, key, len))
			return s;
	}
}

/* Build the hash from the name lists. */
static void fields_compile(struct fields *f)
{
	fields_clear_slots(f);
	size_t total = 0;
	for (int id = 0; id < FIELDS_COUNT; id++)
		total += f->count[id];
	f->cap = 16;
	while (f->cap < total * 2)
		f->cap *= 2;
	f->slots = xcalloc(f->cap, sizeof *f->slots);
	for (int id = 0; id < FIELDS_COUNT; id++)
		for (size_t r = 0; r < f->count[id]; r++) {
			const char *name = f->names[id][r].name;
			const char *dot = strchr(name, '.');
			size_t len = dot ? (size_t)(dot - name) : strlen(name);
			struct fields_slot *s = fields_find(f, name, len);
			if (!s) {
				if (len > f->max_len)
					f->max_len = len;
				size_t i = fields_hash(name, len) & (f->cap - 1);
				while (f->slots[i].key)
					i = (i + 1) & (f->cap - 1);
				s = &f->slots[i];
				s->key = xstrndup(name, len);
				for (size_t k = 0; k < len; k++)
					if (s->key[k] >= 'A' && s->key[k] <= 'Z')
						s->key[k] = (char)(s->key[k] + ('a' - 'A'));
				s->len = len;
				s->hash = fields_hash(name, len);
			}
			s->entries = xreallocarray(s->entries, s->n + 1, sizeof *s->entries);
			s->entries[s->n++] = (struct fields_entry){ (enum fields_id)id, (unsigned)r,
								    f->names[id][r].flags,
								    dot ? dot + 1 : NULL };
		}
}

struct fields *fields_new(void)
{
	struct fields *f = xcalloc(1, sizeof *f);
	for (size_t i = 0; i < sizeof fields_aliases / sizeof *fields_aliases; i++) {
		enum fields_id id = fields_aliases[i].id;
		f->names[id][f->count[id]++] =
			(struct fields_name){ xstrdup(fields_aliases[i].name), fields_aliases[i].flags };
	}
	fields_compile(f);
	return f;
}

static struct fields *fields_builtin_table;
static pthread_once_t fields_builtin_once = PTHREAD_ONCE_INIT;

static void fields_builtin_init(void)
{
	fields_builtin_table = fields_new();
}

const struct fields *fields_builtin(void)
{
	pthread_once(&fields_builtin_once, fields_builtin_init);
	return fields_builtin_table;
}

void fields_set(struct fields *f, enum fields_id id, char *const *names, size_t n)
{
	for (size_t r = 0; r < f->count[id]; r++)
		free(f->names[id][r].name);
	if (n > FIELDS_MAX_NAMES)
		n = FIELDS_MAX_NAMES;
	for (size_t r = 0; r < n; r++)
		f->names[id][r] = (struct fields_name){ xstrdup(names[r]), 0 };
	f->count[id] = n;
	fields_compile(f);
}

void fields_free(struct fields *f)
{
	if (!f)
		return;
	for (int id = 0; id < FIELDS_COUNT; id++)
		for (size_t r = 0; r < f->count[id]; r++)
			free(f->names[id][r].name);
	fields_clear_slots(f);
	free(f);
}

size_t fields_lookup(const struct fields *f, const char *key, size_t len,
		     const struct fields_entry **out)
{
	const struct fields_slot *s = fields_find(f, key, len);
	if (!s)
		return 0;
	*out = s->entries;
	return s->n;
}

void fields_describe(const struct fields *f, enum fields_id id, char *buf, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t r = 0; r < f->count[id]; r++)
		strbuf_printf(&sb, "%s'%s'", r ? ", " : "", f->names[id][r].name);
	snprintf(buf, size, "%s", sb.len ? sb.data : "(no names)");
	strbuf_release(&sb);
}
