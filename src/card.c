/* card: cairo drawing of card templates; see card.h. */
#include "card.h"

#include <sys/stat.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "datadir.h"
#include "diag.h"
#include "encode.h"
#include "image_load.h"
#include "layout.h"
#include "strbuf.h"
#include "template.h"
#include "xalloc.h"

#define CARD_PI 3.14159265358979323846

struct card_renderer {
	struct template *tpl;
	struct layout *layout;
	struct encode *enc;
	int width, height;
	double scale, ox, oy;          /* template units -> output pixels */
	cairo_surface_t *base;         /* background + static layers, RGB24 */
	cairo_surface_t *work;         /* the card being drawn, RGB24 */
	cairo_surface_t **images;      /* per layer: the scaled image, or NULL */
	size_t first_dynamic;          /* layers from here on are drawn per card */
	struct strbuf text;            /* scratch for expanded text */
};

/* ===== drawing ===== */

static void card_rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	if (r <= 0) {
		cairo_rectangle(cr, x, y, w, h);
		return;
	}
	r = fmin(r, fmin(w, h) / 2);
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -CARD_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, CARD_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, CARD_PI / 2, CARD_PI);
	cairo_arc(cr, x + r, y + r, r, CARD_PI, 3 * CARD_PI / 2);
	cairo_close_path(cr);
}

static void card_set_color(cairo_t *cr, const struct template_color *c)
{
	cairo_set_source_rgba(cr, c->r, c->g, c->b, c->a);
}

/* Background over the whole output: colour, then gradient, then image. */
static int card_draw_background(struct card_renderer *r, cairo_t *cr)
{
	const struct template *t = r->tpl;
	double w = r->width, h = r->height;
	card_set_color(cr, &t->bg_color);
	cairo_paint(cr);
	if (t->has_gradient) {
		/* CSS-style: the gradient line passes through the centre at the
		 * given angle and is just long enough to reach the corners. */
		double a = t->grad_angle * CARD_PI / 180, dx = cos(a), dy = sin(a);
		double half = (fabs(w * dx) + fabs(h * dy)) / 2;
		cairo_pattern_t *p = cairo_pattern_create_linear(w / 2 - dx * half, h / 2 - dy * half,
								 w / 2 + dx * half, h / 2 + dy * half);
		const struct template_color *f = &t->grad_from, *to = &t->grad_to;
		cairo_pattern_add_color_stop_rgba(p, 0, f->r, f->g, f->b, f->a);
		cairo_pattern_add_color_stop_rgba(p, 1, to->r, to->g, to->b, to->a);
		cairo_set_source(cr, p);
		cairo_paint(cr);
		cairo_pattern_destroy(p);
	}
	if (t->bg_image) {
		cairo_surface_t *img = NULL;
		if (image_load_file(t->bg_image, w, h, IMAGE_LOAD_COVER, t->path, t->bg_image_line,
				    t->bg_image_col, &img) != 0)
			return -1;
		double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
		cairo_set_source_surface(cr, img, round((w - iw) / 2), round((h - ih) / 2));
		cairo_paint(cr);
		cairo_surface_destroy(img);
	}
	return 0;
}

static void card_draw_image(struct card_renderer *r, cairo_t *cr, const struct template_layer *l,
			    cairo_surface_t *img)
{
	double bx = r->ox + l->box.x * r->scale, by = r->oy + l->box.y * r->scale;
	double bw = l->box.w * r->scale, bh = l->box.h * r->scale;
	double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
	double fx = l->align == TEMPLATE_ALIGN_LEFT ? 0 : l->align == TEMPLATE_ALIGN_CENTER ? 0.5 : 1;
	double fy = l->valign == TEMPLATE_VALIGN_TOP ? 0 : l->valign == TEMPLATE_VALIGN_MIDDLE ? 0.5 : 1;
	cairo_save(cr);
	cairo_identity_matrix(cr);
	cairo_rectangle(cr, bx, by, bw, bh);
	cairo_clip(cr);
	cairo_set_source_surface(cr, img, round(bx + (bw - iw) * fx), round(by + (bh - ih) * fy));
	cairo_paint(cr);
	cairo_restore(cr);
}

/* Append the value of field f of the post to sb. */
static void card_field_value(struct strbuf *sb, const struct template_layer *l,
			     const struct card_fields *f, enum template_field field)
{
	const char *s = NULL;
	switch (field) {
	case TEMPLATE_FIELD_TITLE: s = f->title; break;
	case TEMPLATE_FIELD_DESCRIPTION: s = f->description; break;
	case TEMPLATE_FIELD_AUTHOR: s = f->author; break;
	case TEMPLATE_FIELD_CATEGORIES: s = f->categories; break;
	case TEMPLATE_FIELD_SITE_TITLE: s = f->site_title; break;
	case TEMPLATE_FIELD_SITE_HOST: s = f->site_host; break;
	case TEMPLATE_FIELD_READING_TIME:
		if (f->reading_time > 0)
			strbuf_printf(sb, "%d", f->reading_time);
		return;
	case TEMPLATE_FIELD_DATE:
		if (f->date != 0) {
			/* Always UTC and the C locale, so a card never depends on
			 * where it was built. */
			struct tm tm;
			char buf[256];
			/* The format comes from the template, which is trusted like code. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
			if (gmtime_r(&f->date, &tm) && strftime(buf, sizeof buf, l->date_format, &tm) > 0)
				strbuf_puts(sb, buf);
#pragma GCC diagnostic pop
		}
		return;
	}
	if (s)
		strbuf_puts(sb, s);
}

/* Append s with runs of whitespace (newlines, tabs) folded to one space. */
static void card_put_folded(struct strbuf *out, const char *s, size_t len)
{
	bool space = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		}
		if (space && out->len && out->data[out->len - 1] != ' ')
			strbuf_putc(out, ' ');
		space = false;
		strbuf_putc(out, c);
	}
	if (space && len)
		strbuf_putc(out, ' ');
}

/* Expand a text layer into r->text. Field values have their whitespace
 * folded (titles may contain newlines); the template's own text is kept.
 * A part whose fields are all empty is dropped with its separator, so
 * ["{date}", "{reading_time} min read"] never shows " min read". Returns
 * false when nothing is left to draw. */
static bool card_expand(struct card_renderer *r, const struct template_layer *l,
			const struct card_fields *f)
{
	struct strbuf value = STRBUF_INIT, part = STRBUF_INIT;
	strbuf_reset(&r->text);
	for (size_t p = 0; p < l->nparts; p++) {
		const struct template_part *pt = &l->parts[p];
		bool any_value = pt->fields == 0;
		strbuf_reset(&part);
		for (size_t i = 0; i < pt->nsegs; i++) {
			const struct template_seg *s = &pt->segs[i];
			if (!s->field) {
				strbuf_puts(&part, s->literal);
				continue;
			}
			strbuf_reset(&value);
			card_field_value(&value, l, f, s->field);
			any_value |= value.len > 0;
			card_put_folded(&part, strbuf_str(&value), value.len);
		}
		if (!any_value || part.len == 0)
			continue;
		if (r->text.len)
			strbuf_puts(&r->text, l->separator);
		strbuf_add(&r->text, part.data, part.len);
	}
	strbuf_release(&value);
	strbuf_release(&part);
	/* Trim what a field's own spaces left at the ends. */
	size_t start = 0, end = r->text.len;
	while (start < end && r->text.data[start] == ' ')
		start++;
	while (end > start && r->text.data[end - 1] == ' ')
		end--;
	if (start > 0 || end < r->text.len) {
		memmove(r->text.data, r->text.data + start, end - start);
		r->text.len = end - start;
		r->text.data[r->text.len] = '\0';
	}
	return r->text.len > 0;
}

static int card_draw_text(struct card_renderer *r, cairo_t *cr, const struct template_layer *l,
			  const struct card_fields *f, const char *diag_name)
{
	if (!card_expand(r, l, f))
		return 0;
	struct layout_style st = {
		.family = l->font,
		.weight = l->weight,
		.italic = l->italic,
		.size_min = l->size_min,
		.size_max = l->size_max,
		.line_height = l->line_height,
		.letter_spacing = l->letter_spacing,
		.max_lines = l->max_lines,
		.width = l->box.w,
		.height = l->box.h,
		.align = (enum layout_align)l->align,
		.transform = (enum layout_transform)l->transform,
	};
	struct layout_result res;
	if (layout_fit(r->layout, &st, strbuf_str(&r->text), diag_name, &res) != 0)
		return -1;
	double rgba[4] = { l->color.r, l->color.g, l->color.b, l->color.a };
	layout_draw(r->layout, cr, l->box.x, l->box.y, l->box.w, l->box.h,
		    (enum layout_valign)l->valign, rgba);
	return 0;
}

/* Draw layers [from, to) in template coordinates. */
static int card_draw_layers(struct card_renderer *r, cairo_t *cr, size_t from, size_t to,
			    const struct card_fields *f, const char *diag_name)
{
	cairo_save(cr);
	cairo_translate(cr, r->ox, r->oy);
	cairo_scale(cr, r->scale, r->scale);
	int rc = 0;
	for (size_t i = from; i < to && rc == 0; i++) {
		const struct template_layer *l = &r->tpl->layers[i];
		switch (l->kind) {
		case TEMPLATE_RECT:
			card_set_color(cr, &l->color);
			card_rounded_rect(cr, l->box.x, l->box.y, l->box.w, l->box.h, l->radius);
			cairo_fill(cr);
			break;
		case TEMPLATE_IMAGE:
			card_draw_image(r, cr, l, r->images[i]);
			break;
		case TEMPLATE_TEXT:
			rc = card_draw_text(r, cr, l, f, diag_name);
			break;
		}
	}
	cairo_restore(cr);
	return rc;
}

/* ===== renderer ===== */

struct card_renderer *card_renderer_new(const char *template_path, int width, int height)
{
	struct template *tpl = template_load(template_path);
	if (!tpl)
		return NULL;
	struct card_renderer *r = xcalloc(1, sizeof *r);
	r->tpl = tpl;
	r->width = width > 0 ? width : tpl->width;
	r->height = height > 0 ? height : tpl->height;
	r->scale = fmin((double)r->width / tpl->width, (double)r->height / tpl->height);
	r->ox = (r->width - tpl->width * r->scale) / 2;
	r->oy = (r->height - tpl->height * r->scale) / 2;
	r->text = (struct strbuf)STRBUF_INIT;
	cairo_t *cr = NULL;
	char *fonts_dir = NULL;
	int rc = -1;

	/* Bundled fonts are optional here: a template may bring its own. A
	 * family that cannot be found is reported below at its line. */
	fonts_dir = datadir_fonts();
	const char **paths = xcalloc(tpl->nfonts + 1, sizeof *paths);
	size_t np = 0;
	if (fonts_dir)
		paths[np++] = fonts_dir;
	for (size_t i = 0; i < tpl->nfonts; i++)
		paths[np++] = tpl->fonts[i];
	r->layout = layout_new(paths, np);
	free(paths);
	if (!r->layout)
		goto out;
	int bad = 0;
	r->first_dynamic = tpl->nlayers;
	r->images = xcalloc(tpl->nlayers + 1, sizeof *r->images);
	for (size_t i = 0; i < tpl->nlayers; i++) {
		const struct template_layer *l = &tpl->layers[i];
		if (l->kind == TEMPLATE_TEXT && !layout_has_family(r->layout, l->font)) {
			diag_error(tpl->path, l->font_line ? l->font_line : l->line,
				   l->font_line ? l->font_col : l->col,
				   "font family '%s' not found in the bundled fonts, the template's "
				   "fonts: or the system",
				   l->font);
			bad++;
		}
		if (l->kind == TEMPLATE_IMAGE &&
		    image_load_file(l->image, l->box.w * r->scale, l->box.h * r->scale,
				    l->cover ? IMAGE_LOAD_COVER : IMAGE_LOAD_CONTAIN, tpl->path,
				    l->image_line, l->image_col, &r->images[i]) != 0)
			bad++;
		if (l->fields && r->first_dynamic == tpl->nlayers)
			r->first_dynamic = i;
	}
	if (bad)
		goto out;

	r->base = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r->width, r->height);
	r->work = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r->width, r->height);
	if (cairo_surface_status(r->base) || cairo_surface_status(r->work)) {
		diag_error(tpl->path, 0, 0, "cannot allocate a %dx%d image", r->width, r->height);
		goto out;
	}
	cr = cairo_create(r->base);
	if (card_draw_background(r, cr) != 0)
		goto out;
	struct card_fields none = { 0 };
	if (card_draw_layers(r, cr, 0, r->first_dynamic, &none, tpl->path) != 0)
		goto out;
	cairo_surface_flush(r->base);
	r->enc = encode_new();
	rc = 0;
out:
	if (cr)
		cairo_destroy(cr);
	free(fonts_dir);
	if (rc != 0) {
		card_renderer_free(r);
		return NULL;
	}
	return r;
}

void card_renderer_free(struct card_renderer *r)
{
	if (!r)
		return;
	if (r->images)
		for (size_t i = 0; i < r->tpl->nlayers; i++)
			if (r->images[i])
				cairo_surface_destroy(r->images[i]);
	free(r->images);
	if (r->base)
		cairo_surface_destroy(r->base);
	if (r->work)
		cairo_surface_destroy(r->work);
	layout_free(r->layout);
	encode_free(r->enc);
	strbuf_release(&r->text);
	template_free(r->tpl);
	free(r);
}

void card_renderer_size(const struct card_renderer *r, int *width, int *height)
{
	*width = r->width;
	*height = r->height;
}

int card_render(struct card_renderer *r, const struct card_fields *f, enum imgfmt fmt,
		int quality, const char *diag_name, char **out, size_t *out_len)
{
	if (!diag_name)
		diag_name = "card";
	if (!imgfmt_encodable(fmt)) {
		diag_error(diag_name, 0, 0, "cards are not written in %s (want jpg, png or webp)",
			   imgfmt_ext(fmt));
		return -1;
	}
	/* Start from the cached static layers. */
	cairo_surface_flush(r->work);
	memcpy(cairo_image_surface_get_data(r->work), cairo_image_surface_get_data(r->base),
	       (size_t)cairo_image_surface_get_stride(r->base) * (size_t)r->height);
	cairo_surface_mark_dirty(r->work);
	cairo_t *cr = cairo_create(r->work);
	int rc = card_draw_layers(r, cr, r->first_dynamic, r->tpl->nlayers, f, diag_name);
	cairo_destroy(cr);
	if (rc != 0)
		return -1;
	cairo_surface_flush(r->work);
	struct encode_image img = {
		cairo_image_surface_get_data(r->work),
		r->width,
		r->height,
		cairo_image_surface_get_stride(r->work),
	};
	return encode_image(r->enc, &img, fmt, quality, diag_name, out, out_len);
}
