/* template: card template YAML, read through ydoc; see template.h. */
#include "template.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fsin.h"
#include "path.h"
#include "strbuf.h"
#include "xalloc.h"
#include "ydoc.h"

#define TEMPLATE_MAX_BYTES (1u << 20)
#define TEMPLATE_MAX_SIDE 8192

/* Parsing state: the document, where it came from, and an error count so
 * that one pass reports every problem. */
struct template_ctx {
	struct ydoc doc;
	const char *file;
	char *dir;
	int errors;
	struct template *t;
};

#define TEMPLATE_ERR(ctx, node, ...)                                                    \
	do {                                                                            \
		diag_error((ctx)->file, ydoc_line(&(ctx)->doc, node), ydoc_col(node),   \
			   __VA_ARGS__);                                                \
		(ctx)->errors++;                                                        \
	} while (0)

static const struct {
	const char *name;
	enum template_field field;
} template_field_names[] = {
	{ "title", TEMPLATE_FIELD_TITLE },
	{ "description", TEMPLATE_FIELD_DESCRIPTION },
	{ "date", TEMPLATE_FIELD_DATE },
	{ "author", TEMPLATE_FIELD_AUTHOR },
	{ "categories", TEMPLATE_FIELD_CATEGORIES },
	{ "site.title", TEMPLATE_FIELD_SITE_TITLE },
	{ "site.host", TEMPLATE_FIELD_SITE_HOST },
	{ "reading_time", TEMPLATE_FIELD_READING_TIME },
};

enum template_field template_field_from_name(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof template_field_names / sizeof template_field_names[0]; i++)
		if (strlen(template_field_names[i].name) == len &&
		    memcmp(template_field_names[i].name, name, len) == 0)
			return template_field_names[i].field;
	return 0;
}

/* ===== scalar helpers ===== */

static const char *template_scalar(struct template_ctx *ctx, yaml_node_t *n, const char *what)
{
	if (ydoc_kind(n) != YDOC_SCALAR) {
		TEMPLATE_ERR(ctx, n, "%s must be a single value", what);
		return NULL;
	}
	return ydoc_scalar(n);
}

static int template_number(struct template_ctx *ctx, yaml_node_t *n, const char *what,
			   double lo, double hi, double *out)
{
	const char *s = template_scalar(ctx, n, what);
	if (!s)
		return -1;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v)) {
		TEMPLATE_ERR(ctx, n, "%s must be a number, not '%s'", what, s);
		return -1;
	}
	if (v < lo || v > hi) {
		TEMPLATE_ERR(ctx, n, "%s must be between %g and %g, not %g", what, lo, hi, v);
		return -1;
	}
	*out = v;
	return 0;
}

static int template_int(struct template_ctx *ctx, yaml_node_t *n, const char *what, int lo,
			int hi, int *out)
{
	double v;
	if (template_number(ctx, n, what, lo, hi, &v) != 0)
		return -1;
	if (v != floor(v)) {
		TEMPLATE_ERR(ctx, n, "%s must be a whole number", what);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int template_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "#rgb", "#rgba", "#rrggbb", "#rrggbbaa", "white", "black", "transparent". */
static int template_color(struct template_ctx *ctx, yaml_node_t *n, struct template_color *out)
{
	const char *s = template_scalar(ctx, n, "a colour");
	if (!s)
		return -1;
	if (strcmp(s, "white") == 0) {
		*out = (struct template_color){ 1, 1, 1, 1 };
		return 0;
	}
	if (strcmp(s, "black") == 0) {
		*out = (struct template_color){ 0, 0, 0, 1 };
		return 0;
	}
	if (strcmp(s, "transparent") == 0) {
		*out = (struct template_color){ 0, 0, 0, 0 };
		return 0;
	}
	size_t len = strlen(s);
	int v[8];
	bool ok = s[0] == '#' && (len == 4 || len == 5 || len == 7 || len == 9);
	for (size_t i = 1; ok && i < len; i++)
		ok = (v[i - 1] = template_hex(s[i])) >= 0;
	if (!ok) {
		TEMPLATE_ERR(ctx, n, "bad colour '%s' (want #rgb, #rrggbb or #rrggbbaa)", s);
		return -1;
	}
	double c[4] = { 0, 0, 0, 1 };
	if (len <= 5) {
		for (size_t i = 0; i < len - 1; i++)
			c[i] = (v[i] * 17) / 255.0;
	} else {
		for (size_t i = 0; i < (len - 1) / 2; i++)
			c[i] = (v[2 * i] * 16 + v[2 * i + 1]) / 255.0;
	}
	*out = (struct template_color){ c[0], c[1], c[2], c[3] };
	return 0;
}

/* A string value (caller frees) or NULL after an error. */
static char *template_string(struct template_ctx *ctx, yaml_node_t *n, const char *what)
{
	const char *s = template_scalar(ctx, n, what);
	return s ? xstrdup(s) : NULL;
}

/* A path relative to the template, which must exist. Caller frees. */
static char *template_path(struct template_ctx *ctx, yaml_node_t *n, const char *what)
{
	const char *s = template_scalar(ctx, n, what);
	if (!s)
		return NULL;
	char *p = path_join(ctx->dir, s);
	if (access(p, R_OK) != 0) {
		TEMPLATE_ERR(ctx, n, "%s '%s' not found (looked for %s)", what, s, p);
		free(p);
		return NULL;
	}
	return p;
}

/* Duplicate keys in mapping n: each an error, as in feedcard.yaml. */
static int template_duplicates(struct template_ctx *ctx, yaml_node_t *n)
{
	if (ydoc_check_duplicates(&ctx->doc, n) == 0)
		return 0;
	ctx->errors++;
	return -1;
}

/* [x, y, width, height] or {x:, y:, width:, height:}. */
static int template_box(struct template_ctx *ctx, yaml_node_t *n, struct template_box *b)
{
	int v[4];
	static const char *const names[4] = { "x", "y", "width", "height" };
	bool have[4] = { false, false, false, false };
	if (ydoc_kind(n) == YDOC_LIST) {
		if (ydoc_count(n) != 4) {
			TEMPLATE_ERR(ctx, n, "box wants [x, y, width, height]");
			return -1;
		}
		for (int i = 0; i < 4; i++) {
			yaml_node_t *c = ydoc_item(&ctx->doc, n, (size_t)i);
			if (template_int(ctx, c, names[i], -TEMPLATE_MAX_SIDE, TEMPLATE_MAX_SIDE, &v[i]))
				return -1;
		}
	} else if (ydoc_kind(n) == YDOC_MAP) {
		if (template_duplicates(ctx, n) != 0)
			return -1;
		for (size_t p = 0; p < ydoc_count(n); p++) {
			yaml_node_t *k = ydoc_key(&ctx->doc, n, p);
			yaml_node_t *val = ydoc_value(&ctx->doc, n, p);
			const char *key = template_scalar(ctx, k, "a key");
			int i = 0;
			while (key && i < 4 && strcmp(key, names[i]) != 0)
				i++;
			if (!key)
				return -1;
			if (i == 4) {
				TEMPLATE_ERR(ctx, k, "unknown key '%s' in box (want x, y, width, height)", key);
				return -1;
			}
			if (template_int(ctx, val, names[i], -TEMPLATE_MAX_SIDE, TEMPLATE_MAX_SIDE, &v[i]))
				return -1;
			have[i] = true;
		}
		for (int i = 0; i < 4; i++)
			if (!have[i]) {
				TEMPLATE_ERR(ctx, n, "box is missing %s", names[i]);
				return -1;
			}
	} else {
		TEMPLATE_ERR(ctx, n, "box wants [x, y, width, height]");
		return -1;
	}
	if (v[2] <= 0 || v[3] <= 0) {
		TEMPLATE_ERR(ctx, n, "box width and height must be positive");
		return -1;
	}
	*b = (struct template_box){ v[0], v[1], v[2], v[3] };
	return 0;
}

static int template_enum(struct template_ctx *ctx, yaml_node_t *n, const char *what,
			 const char *const *names, int *out)
{
	const char *s = template_scalar(ctx, n, what);
	if (!s)
		return -1;
	for (int i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return 0;
		}
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; names[i]; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", names[i]);
	TEMPLATE_ERR(ctx, n, "bad %s '%s' (want one of %s)", what, s, strbuf_str(&sb));
	strbuf_release(&sb);
	return -1;
}

static const char *const template_align_names[] = { "left", "center", "right", NULL };
static const char *const template_valign_names[] = { "top", "middle", "bottom", NULL };

/* Weight names follow CSS / OpenType usWeightClass. */
static int template_weight(struct template_ctx *ctx, yaml_node_t *n, int *out)
{
	static const struct {
		const char *name;
		int w;
	} names[] = { { "thin", 100 },	   { "extralight", 200 }, { "light", 300 },
		      { "regular", 400 },  { "normal", 400 },	  { "medium", 500 },
		      { "semibold", 600 }, { "bold", 700 },	  { "extrabold", 800 },
		      { "black", 900 } };
	const char *s = template_scalar(ctx, n, "weight");
	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].w;
			return 0;
		}
	return template_int(ctx, n, "weight", 100, 1000, out);
}

/* Split "… {title} …" into segments; "{{" and "}}" are literal braces. */
static int template_part(struct template_ctx *ctx, yaml_node_t *n, struct template_part *l)
{
	const char *s = template_scalar(ctx, n, "text");
	if (!s)
		return -1;
	struct strbuf lit = STRBUF_INIT;
	int rc = 0;
	for (const char *p = s; *p;) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			strbuf_putc(&lit, p[0]);
			p += 2;
			continue;
		}
		if (*p != '{') {
			strbuf_putc(&lit, *p++);
			continue;
		}
		const char *end = strchr(p, '}');
		enum template_field f = end ? template_field_from_name(p + 1, (size_t)(end - p - 1)) : 0;
		if (!f) {
			int len = end ? (int)(end - p + 1) : (int)strlen(p);
			TEMPLATE_ERR(ctx, n,
				     "unknown field '%.*s' in text (fields: {title} {description} "
				     "{date} {author} {categories} {site.title} {site.host} "
				     "{reading_time})",
				     len, p);
			rc = -1;
			break;
		}
		l->segs = xreallocarray(l->segs, l->nsegs + 2, sizeof *l->segs);
		if (lit.len)
			l->segs[l->nsegs++] = (struct template_seg){ 0, strbuf_detach(&lit, NULL) };
		l->segs[l->nsegs++] = (struct template_seg){ f, NULL };
		l->fields |= (unsigned)f;
		p = end + 1;
	}
	if (lit.len) {
		l->segs = xreallocarray(l->segs, l->nsegs + 1, sizeof *l->segs);
		l->segs[l->nsegs++] = (struct template_seg){ 0, strbuf_detach(&lit, NULL) };
	}
	strbuf_release(&lit);
	return rc;
}

/* text: "a {field}" or a list of such parts. */
static void template_text(struct template_ctx *ctx, yaml_node_t *n, struct template_layer *l)
{
	bool list = ydoc_kind(n) == YDOC_LIST;
	size_t count = list ? ydoc_count(n) : 1;
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *c = list ? ydoc_item(&ctx->doc, n, i) : n;
		struct template_part part = { NULL, 0, 0 };
		int rc = template_part(ctx, c, &part);
		l->parts = xreallocarray(l->parts, l->nparts + 1, sizeof *l->parts);
		l->parts[l->nparts++] = part;
		l->fields |= part.fields;
		if (rc != 0)
			return;
	}
}

/* ===== layers ===== */

static const char *const template_kind_names[] = { "rect", "image", "text", NULL };

/* Keys each layer kind accepts (besides type). */
static bool template_key_allowed(enum template_layer_kind kind, const char *key)
{
	static const char *const rect[] = { "box", "color", "radius", NULL };
	static const char *const image[] = { "box", "path", "fit", "align", "valign", NULL };
	static const char *const text[] = { "box",	 "text",       "font",	   "weight", "separator",
					    "style",	 "color",      "align",	   "valign",
					    "line_height", "max_lines", "size",	   "date_format",
					    "letter_spacing", "transform", NULL };
	const char *const *keys = kind == TEMPLATE_RECT ? rect : kind == TEMPLATE_IMAGE ? image : text;
	for (int i = 0; keys[i]; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

static void template_layer_value(struct template_ctx *ctx, struct template_layer *l,
				 const char *key, yaml_node_t *v, bool *have_box)
{
	int e;
	if (strcmp(key, "box") == 0) {
		*have_box = template_box(ctx, v, &l->box) == 0;
		if (*have_box) {
			l->line = ydoc_line(&ctx->doc, v);
			l->col = ydoc_col(v);
		}
	} else if (strcmp(key, "color") == 0) {
		template_color(ctx, v, &l->color);
	} else if (strcmp(key, "radius") == 0) {
		template_number(ctx, v, "radius", 0, TEMPLATE_MAX_SIDE, &l->radius);
	} else if (strcmp(key, "path") == 0) {
		free(l->image);
		l->image = template_path(ctx, v, "image");
		l->image_line = ydoc_line(&ctx->doc, v);
		l->image_col = ydoc_col(v);
	} else if (strcmp(key, "fit") == 0) {
		static const char *const fits[] = { "contain", "cover", NULL };
		if (template_enum(ctx, v, "fit", fits, &e) == 0)
			l->cover = e == 1;
	} else if (strcmp(key, "align") == 0) {
		if (template_enum(ctx, v, "align", template_align_names, &e) == 0)
			l->align = (enum template_align)e;
	} else if (strcmp(key, "valign") == 0) {
		if (template_enum(ctx, v, "valign", template_valign_names, &e) == 0)
			l->valign = (enum template_valign)e;
	} else if (strcmp(key, "text") == 0) {
		template_text(ctx, v, l);
	} else if (strcmp(key, "font") == 0) {
		free(l->font);
		l->font = template_string(ctx, v, "font");
		l->font_line = ydoc_line(&ctx->doc, v);
		l->font_col = ydoc_col(v);
	} else if (strcmp(key, "weight") == 0) {
		template_weight(ctx, v, &l->weight);
	} else if (strcmp(key, "style") == 0) {
		static const char *const styles[] = { "normal", "italic", NULL };
		if (template_enum(ctx, v, "style", styles, &e) == 0)
			l->italic = e == 1;
	} else if (strcmp(key, "line_height") == 0) {
		template_number(ctx, v, "line_height", 0.5, 4, &l->line_height);
	} else if (strcmp(key, "max_lines") == 0) {
		template_int(ctx, v, "max_lines", 1, 100, &l->max_lines);
	} else if (strcmp(key, "letter_spacing") == 0) {
		template_number(ctx, v, "letter_spacing", -50, 200, &l->letter_spacing);
	} else if (strcmp(key, "transform") == 0) {
		static const char *const tr[] = { "none", "uppercase", "lowercase", NULL };
		if (template_enum(ctx, v, "transform", tr, &e) == 0)
			l->transform = (enum template_transform)e;
	} else if (strcmp(key, "separator") == 0) {
		free(l->separator);
		l->separator = template_string(ctx, v, "separator");
	} else if (strcmp(key, "date_format") == 0) {
		free(l->date_format);
		l->date_format = template_string(ctx, v, "date_format");
	} else if (strcmp(key, "size") == 0) {
		/* [min, max] or a single fixed size */
		if (ydoc_kind(v) == YDOC_LIST && ydoc_count(v) == 2) {
			yaml_node_t *a = ydoc_item(&ctx->doc, v, 0);
			yaml_node_t *b = ydoc_item(&ctx->doc, v, 1);
			if (template_number(ctx, a, "minimum size", 4, 1000, &l->size_min) == 0 &&
			    template_number(ctx, b, "maximum size", 4, 1000, &l->size_max) == 0 &&
			    l->size_min > l->size_max)
				TEMPLATE_ERR(ctx, v, "size wants [min, max] with min <= max");
		} else if (template_number(ctx, v, "size", 4, 1000, &l->size_min) == 0) {
			l->size_max = l->size_min;
		}
	}
}

static void template_layer(struct template_ctx *ctx, yaml_node_t *n)
{
	if (ydoc_kind(n) != YDOC_MAP) {
		TEMPLATE_ERR(ctx, n, "a layer must be a mapping with a type: key");
		return;
	}
	template_duplicates(ctx, n);
	struct template_layer l = {
		.line = ydoc_line(&ctx->doc, n), .col = ydoc_col(n),
		.color = { 0, 0, 0, 1 }, .weight = 400, .size_min = 32, .size_max = 32,
		.line_height = 1.2, .max_lines = 3, .align = TEMPLATE_ALIGN_LEFT,
		.valign = TEMPLATE_VALIGN_TOP,
	};
	int kind = -1;
	for (size_t p = 0; p < ydoc_count(n); p++) {
		const char *key = ydoc_scalar(ydoc_key(&ctx->doc, n, p));
		if (key && strcmp(key, "type") == 0)
			template_enum(ctx, ydoc_value(&ctx->doc, n, p), "layer type", template_kind_names,
				      &kind);
	}
	if (kind < 0) {
		if (ctx->errors == 0)
			TEMPLATE_ERR(ctx, n, "layer has no type: (rect, image or text)");
		return;
	}
	l.kind = (enum template_layer_kind)kind;
	bool have_box = false;
	for (size_t p = 0; p < ydoc_count(n); p++) {
		yaml_node_t *k = ydoc_key(&ctx->doc, n, p);
		const char *key = template_scalar(ctx, k, "a key");
		if (!key || strcmp(key, "type") == 0)
			continue;
		if (!template_key_allowed(l.kind, key)) {
			TEMPLATE_ERR(ctx, k, "unknown key '%s' in %s layer", key,
				     template_kind_names[kind]);
			continue;
		}
		template_layer_value(ctx, &l, key, ydoc_value(&ctx->doc, n, p), &have_box);
	}
	if (!have_box)
		TEMPLATE_ERR(ctx, n, "%s layer needs a box: [x, y, width, height]",
			     template_kind_names[kind]);
	if (l.kind == TEMPLATE_IMAGE && !l.image && ctx->errors == 0)
		TEMPLATE_ERR(ctx, n, "image layer needs a path:");
	if (l.kind == TEMPLATE_TEXT && !l.parts && ctx->errors == 0)
		TEMPLATE_ERR(ctx, n, "text layer needs a text:");
	if (l.kind == TEMPLATE_TEXT && !l.font)
		l.font = xstrdup("Inter");
	if (l.kind == TEMPLATE_TEXT && !l.separator)
		l.separator = xstrdup("");
	if (l.kind == TEMPLATE_TEXT && !l.date_format)
		l.date_format = xstrdup("%B %-d, %Y");
	struct template *t = ctx->t;
	t->layers = xreallocarray(t->layers, t->nlayers + 1, sizeof *t->layers);
	t->layers[t->nlayers++] = l;
	t->fields |= l.fields;
}

/* ===== top level ===== */

static void template_background(struct template_ctx *ctx, yaml_node_t *n)
{
	struct template *t = ctx->t;
	if (ydoc_kind(n) == YDOC_SCALAR) {
		template_color(ctx, n, &t->bg_color);
		return;
	}
	if (ydoc_kind(n) != YDOC_MAP) {
		TEMPLATE_ERR(ctx, n, "background wants a colour or a mapping (color, gradient, image)");
		return;
	}
	template_duplicates(ctx, n);
	for (size_t p = 0; p < ydoc_count(n); p++) {
		yaml_node_t *k = ydoc_key(&ctx->doc, n, p);
		yaml_node_t *v = ydoc_value(&ctx->doc, n, p);
		const char *key = template_scalar(ctx, k, "a key");
		if (!key)
			continue;
		if (strcmp(key, "color") == 0) {
			template_color(ctx, v, &t->bg_color);
		} else if (strcmp(key, "image") == 0) {
			free(t->bg_image);
			t->bg_image = template_path(ctx, v, "background image");
			t->bg_image_line = ydoc_line(&ctx->doc, v);
			t->bg_image_col = ydoc_col(v);
		} else if (strcmp(key, "gradient") == 0) {
			if (ydoc_kind(v) != YDOC_MAP) {
				TEMPLATE_ERR(ctx, v, "gradient wants from:, to: and angle:");
				continue;
			}
			template_duplicates(ctx, v);
			t->has_gradient = true;
			t->grad_from = t->grad_to = t->bg_color;
			for (size_t q = 0; q < ydoc_count(v); q++) {
				yaml_node_t *gk = ydoc_key(&ctx->doc, v, q);
				yaml_node_t *gv = ydoc_value(&ctx->doc, v, q);
				const char *gkey = template_scalar(ctx, gk, "a key");
				if (!gkey)
					continue;
				if (strcmp(gkey, "from") == 0)
					template_color(ctx, gv, &t->grad_from);
				else if (strcmp(gkey, "to") == 0)
					template_color(ctx, gv, &t->grad_to);
				else if (strcmp(gkey, "angle") == 0)
					template_number(ctx, gv, "angle", -360, 360, &t->grad_angle);
				else
					TEMPLATE_ERR(ctx, gk, "unknown key '%s' in gradient (want from, to, angle)", gkey);
			}
		} else {
			TEMPLATE_ERR(ctx, k, "unknown key '%s' in background (want color, gradient, image)", key);
		}
	}
}

static void template_top(struct template_ctx *ctx, yaml_node_t *root)
{
	struct template *t = ctx->t;
	if (ydoc_kind(root) != YDOC_MAP) {
		diag_error(ctx->file, root ? ydoc_line(&ctx->doc, root) : 0, root ? ydoc_col(root) : 0,
			   "a card template must be a YAML mapping");
		ctx->errors++;
		return;
	}
	template_duplicates(ctx, root);
	yaml_node_t *layers = NULL;
	for (size_t p = 0; p < ydoc_count(root); p++) {
		yaml_node_t *k = ydoc_key(&ctx->doc, root, p);
		yaml_node_t *v = ydoc_value(&ctx->doc, root, p);
		const char *key = template_scalar(ctx, k, "a key");
		if (!key)
			continue;
		if (strcmp(key, "description") == 0) {
			free(t->description);
			t->description = template_string(ctx, v, "description");
		} else if (strcmp(key, "width") == 0) {
			template_int(ctx, v, "width", 16, TEMPLATE_MAX_SIDE, &t->width);
		} else if (strcmp(key, "height") == 0) {
			template_int(ctx, v, "height", 16, TEMPLATE_MAX_SIDE, &t->height);
		} else if (strcmp(key, "background") == 0) {
			template_background(ctx, v);
		} else if (strcmp(key, "fonts") == 0) {
			if (ydoc_kind(v) != YDOC_LIST) {
				TEMPLATE_ERR(ctx, v, "fonts wants a list of font files");
				continue;
			}
			for (size_t i = 0; i < ydoc_count(v); i++) {
				char *f = template_path(ctx, ydoc_item(&ctx->doc, v, i), "font file");
				if (!f)
					continue;
				t->fonts = xreallocarray(t->fonts, t->nfonts + 1, sizeof *t->fonts);
				t->fonts[t->nfonts++] = f;
			}
		} else if (strcmp(key, "layers") == 0) {
			layers = v;
		} else {
			TEMPLATE_ERR(ctx, k,
				     "unknown key '%s' (want description, width, height, "
				     "background, fonts, layers)",
				     key);
		}
	}
	if (layers) {
		if (ydoc_kind(layers) != YDOC_LIST) {
			TEMPLATE_ERR(ctx, layers, "layers wants a list");
			return;
		}
		for (size_t i = 0; i < ydoc_count(layers); i++)
			template_layer(ctx, ydoc_item(&ctx->doc, layers, i));
	}
	/* Boxes are checked once the canvas size is known, wherever width: sits. */
	for (size_t i = 0; i < t->nlayers; i++) {
		const struct template_layer *l = &t->layers[i];
		const struct template_box *b = &l->box;
		if (b->w <= 0)
			continue;
		if (b->x < 0 || b->y < 0 || b->x + b->w > t->width || b->y + b->h > t->height) {
			diag_error(ctx->file, l->line, l->col,
				   "box [%d, %d, %d, %d] lies outside the %dx%d canvas", b->x, b->y,
				   b->w, b->h, t->width, t->height);
			ctx->errors++;
		}
	}
}

struct template *template_load(const char *path)
{
	char *data = NULL;
	size_t len = 0;
	if (fsin_read_file(path, TEMPLATE_MAX_BYTES, &data, &len) != 0)
		return NULL;
	char *dir = path_dirname(path);
	struct template *t = template_parse(path, dir, data, len);
	free(dir);
	free(data);
	return t;
}

struct template *template_parse(const char *path, const char *dir, const char *data, size_t len)
{
	struct template_ctx ctx = { .file = path, .dir = xstrdup(dir) };
	struct template *t = xcalloc(1, sizeof *t);
	t->path = xstrdup(path);
	t->description = xstrdup("");
	t->width = 1200;
	t->height = 630;
	t->bg_color = (struct template_color){ 1, 1, 1, 1 };
	ctx.t = t;
	if (ydoc_load(&ctx.doc, path, data, len, 0) == 0)
		template_top(&ctx, ydoc_root(&ctx.doc));
	else
		ctx.errors++;
	ydoc_free(&ctx.doc);
	free(ctx.dir);
	if (ctx.errors) {
		template_free(t);
		return NULL;
	}
	return t;
}

void template_free(struct template *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nlayers; i++) {
		struct template_layer *l = &t->layers[i];
		for (size_t j = 0; j < l->nparts; j++) {
			for (size_t k = 0; k < l->parts[j].nsegs; k++)
				free(l->parts[j].segs[k].literal);
			free(l->parts[j].segs);
		}
		free(l->parts);
		free(l->separator);
		free(l->image);
		free(l->font);
		free(l->date_format);
	}
	free(t->layers);
	for (size_t i = 0; i < t->nfonts; i++)
		free(t->fonts[i]);
	free(t->fonts);
	free(t->bg_image);
	free(t->description);
	free(t->path);
	free(t);
}

char *template_read_description(const char *path)
{
	char *data = NULL, *desc = NULL;
	size_t len = 0;
	FILE *f = fsin_fopen_regular(path);
	if (!f)
		return NULL;
	data = xmalloc(TEMPLATE_MAX_BYTES);
	len = fread(data, 1, TEMPLATE_MAX_BYTES, f);
	fclose(f);
	/* A listing says nothing of a template's problems: loading it does. */
	struct ydoc d;
	diag_mute(true);
	int rc = ydoc_load(&d, path, data, len, 0);
	diag_mute(false);
	yaml_node_t *root = rc == 0 ? ydoc_root(&d) : NULL;
	for (size_t p = 0; ydoc_kind(root) == YDOC_MAP && p < ydoc_count(root); p++) {
		const char *key = ydoc_scalar(ydoc_key(&d, root, p));
		const char *value = ydoc_scalar(ydoc_value(&d, root, p));
		if (key && value && strcmp(key, "description") == 0) {
			free(desc);
			desc = xstrdup(value);
		}
	}
	ydoc_free(&d);
	free(data);
	return desc;
}
