/* layout: Pango + fontconfig glue; see layout.h. */
#include "layout.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "diag.h"
#include "strbuf.h"
#include "xalloc.h"

struct layout {
	FcConfig *config;
	PangoFontMap *fontmap;
	PangoContext *context;
	PangoLayout *layout;
	PangoFontDescription *desc;
	/* ink/logical union of the last fit, relative to the layout origin */
	int top, height;
};

/* fontconfig's own start-up is not safe to race on older versions. */
static pthread_mutex_t layout_init_lock = PTHREAD_MUTEX_INITIALIZER;

struct layout *layout_new(const char *const *font_paths, size_t n)
{
	pthread_mutex_lock(&layout_init_lock);
	FcConfig *config = FcInitLoadConfigAndFonts();
	pthread_mutex_unlock(&layout_init_lock);
	if (!config) {
		diag_error(NULL, 0, 0, "cannot load the fontconfig configuration");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		bool dir = stat(font_paths[i], &st) == 0 && S_ISDIR(st.st_mode);
		FcBool ok = dir ? FcConfigAppFontAddDir(config, (const FcChar8 *)font_paths[i])
				: FcConfigAppFontAddFile(config, (const FcChar8 *)font_paths[i]);
		if (!ok) {
			diag_error(font_paths[i], 0, 0, "cannot load fonts from here");
			FcConfigDestroy(config);
			return NULL;
		}
	}
	struct layout *l = xcalloc(1, sizeof *l);
	l->config = config;
	/* One font map per context keeps Pango's caches private to a thread. */
	l->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(l->fontmap), config);
	l->context = pango_font_map_create_context(l->fontmap);
	cairo_font_options_t *opts = cairo_font_options_create();
	/* Large text on an image: smooth shapes and unhinted metrics, so the
	 * same text measures the same at any size. */
	cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(l->context, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_round_glyph_positions(l->context, FALSE);
	l->layout = pango_layout_new(l->context);
	pango_layout_set_wrap(l->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_auto_dir(l->layout, TRUE);
	l->desc = pango_font_description_new();
	return l;
}

void layout_free(struct layout *l)
{
	if (!l)
		return;
	pango_font_description_free(l->desc);
	g_object_unref(l->layout);
	g_object_unref(l->context);
	g_object_unref(l->fontmap);
	FcConfigDestroy(l->config);
	free(l);
}

bool layout_has_family(struct layout *l, const char *family)
{
	PangoFontFamily **families = NULL;
	int n = 0;
	bool found = false;
	pango_font_map_list_families(l->fontmap, &families, &n);
	for (int i = 0; i < n && !found; i++)
		found = strcasecmp(pango_font_family_get_name(families[i]), family) == 0;
	g_free(families);
	return found;
}

/* Scripts whose letters join: spacing them out breaks the joins (CSS
 * Text 3 likewise says letter-spacing must not be applied to them). */
static bool layout_script_joins(PangoScript sc)
{
	switch ((int)sc) {
	case G_UNICODE_SCRIPT_ARABIC:
	case G_UNICODE_SCRIPT_SYRIAC:
	case G_UNICODE_SCRIPT_NKO:
	case G_UNICODE_SCRIPT_MONGOLIAN:
	case G_UNICODE_SCRIPT_MANDAIC:
	case G_UNICODE_SCRIPT_PHAGS_PA:
	case G_UNICODE_SCRIPT_MANICHAEAN:
	case G_UNICODE_SCRIPT_PSALTER_PAHLAVI:
	case G_UNICODE_SCRIPT_ADLAM:
	case G_UNICODE_SCRIPT_HANIFI_ROHINGYA:
	case G_UNICODE_SCRIPT_SOGDIAN:
	case G_UNICODE_SCRIPT_OLD_UYGHUR:
		return true;
	default:
		return false;
	}
}

/* Letter spacing on every run of the layout's text but those of joining
 * scripts. */
static void layout_letter_spacing(struct layout *l, PangoAttrList *attrs, double spacing)
{
	const char *text = pango_layout_get_text(l->layout);
	PangoScriptIter *it = pango_script_iter_new(text, -1);
	do {
		const char *start, *end;
		PangoScript sc;
		pango_script_iter_get_range(it, &start, &end, &sc);
		if (layout_script_joins(sc))
			continue;
		PangoAttribute *a = pango_attr_letter_spacing_new((int)lround(spacing * PANGO_SCALE));
		a->start_index = (guint)(start - text);
		a->end_index = (guint)(end - text);
		pango_attr_list_insert(attrs, a);
	} while (pango_script_iter_next(it));
	pango_script_iter_free(it);
}

/* Set the font, attributes and ellipsis for one trial size. */
static void layout_apply(struct layout *l, const struct layout_style *s, double size,
			 int ellipsize_lines)
{
	pango_font_description_set_family(l->desc, s->family);
	pango_font_description_set_weight(l->desc, (PangoWeight)s->weight);
	pango_font_description_set_style(l->desc, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_absolute_size(l->desc, size * PANGO_SCALE);
	pango_layout_set_font_description(l->layout, l->desc);
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_line_height_new_absolute(
					      (int)lround(s->line_height * size * PANGO_SCALE)));
	if (s->letter_spacing != 0)
		layout_letter_spacing(l, attrs, s->letter_spacing);
	if (s->transform != LAYOUT_TRANSFORM_NONE)
		pango_attr_list_insert(attrs, pango_attr_text_transform_new(
						      s->transform == LAYOUT_TRANSFORM_UPPER
							      ? PANGO_TEXT_TRANSFORM_UPPERCASE
							      : PANGO_TEXT_TRANSFORM_LOWERCASE));
	pango_layout_set_attributes(l->layout, attrs);
	pango_attr_list_unref(attrs);
	if (ellipsize_lines > 0) {
		pango_layout_set_ellipsize(l->layout, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l->layout, -ellipsize_lines);
	} else {
		pango_layout_set_ellipsize(l->layout, PANGO_ELLIPSIZE_NONE);
		pango_layout_set_height(l->layout, -1);
	}
}

/* Measure the current layout; true when it fits the box and line limit. */
static bool layout_measure(struct layout *l, const struct layout_style *s)
{
	PangoRectangle ink, logical;
	pango_layout_get_pixel_extents(l->layout, &ink, &logical);
	int top = logical.y, bottom = logical.y + logical.height;
	if (ink.height > 0) {
		top = ink.y < top ? ink.y : top;
		bottom = ink.y + ink.height > bottom ? ink.y + ink.height : bottom;
	}
	l->top = top;
	l->height = bottom - top;
	return pango_layout_get_line_count(l->layout) <= s->max_lines && l->height <= s->height;
}

static bool layout_try(struct layout *l, const struct layout_style *s, double size)
{
	layout_apply(l, s, size, 0);
	return layout_measure(l, s);
}

/* Warn about characters drawn as tofu, naming each once. */
static void layout_report_tofu(struct layout *l, const char *diag_name, int count)
{
	struct strbuf sb = STRBUF_INIT;
	gunichar seen[16];
	int nseen = 0;
	PangoLayoutIter *it = pango_layout_get_iter(l->layout);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (!run)
			continue;
		for (int i = 0; i < run->glyphs->num_glyphs; i++) {
			PangoGlyph g = run->glyphs->glyphs[i].glyph;
			if (!(g & PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			gunichar c = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
			bool dup = false;
			for (int j = 0; j < nseen; j++)
				dup |= seen[j] == c;
			if (dup || nseen == 16)
				continue;
			seen[nseen++] = c;
			char utf8[8] = { 0 };
			g_unichar_to_utf8(c, utf8);
			strbuf_printf(&sb, "%sU+%04X", sb.len ? ", " : "", (unsigned)c);
			if (g_unichar_isgraph(c) && g_unichar_type(c) != G_UNICODE_PRIVATE_USE)
				strbuf_printf(&sb, " '%s'", utf8);
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	diag_warning(diag_name, 0, 0, "no font can draw %d character%s (%s); they show as boxes",
		     count, count == 1 ? "" : "s", strbuf_str(&sb));
	strbuf_release(&sb);
}

/* At most how many characters of a text can show in the box: max_lines
 * lines of characters no narrower than 1/8 em at the smallest size. */
static long layout_max_chars(const struct layout_style *s)
{
	double per_line = 8.0 * s->width / (s->size_min > 1 ? s->size_min : 1);
	return (long)s->max_lines * ((long)per_line + 1) + 1;
}

int layout_fit(struct layout *l, const struct layout_style *s, const char *text,
	       const char *diag_name, struct layout_result *res)
{
	if (!g_utf8_validate(text, -1, NULL)) {
		diag_error(diag_name, 0, 0, "card text is not valid UTF-8");
		return -1;
	}
	pango_layout_set_width(l->layout, s->width * PANGO_SCALE);
	pango_layout_set_alignment(l->layout, s->align == LAYOUT_ALIGN_CENTER ? PANGO_ALIGN_CENTER
					      : s->align == LAYOUT_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
									      : PANGO_ALIGN_LEFT);
	/* Pango wraps a long word in time quadratic in its length (40 KB
	 * without a space took half a minute): text beyond what the box can
	 * ever show is cut first, and ends with "…" as the fit would end it. */
	long max = layout_max_chars(s);
	if (g_utf8_strlen(text, -1) > max) {
		const char *cut = g_utf8_offset_to_pointer(text, max);
		char *shown = g_strdup_printf("%.*s…", (int)(cut - text), text);
		pango_layout_set_text(l->layout, shown, -1);
		g_free(shown);
	} else {
		pango_layout_set_text(l->layout, text, -1);
	}

	/* Sizes are size_min + k for k in [0, steps]; fit is monotonic in k. */
	int steps = (int)floor(s->size_max - s->size_min);
	double size = s->size_max;
	bool ellipsized = false;
	if (!layout_try(l, s, size)) {
		if (!layout_try(l, s, s->size_min)) {
			/* Even the smallest size overflows: keep as many lines as fit and
			 * let Pango cut the last one at a grapheme boundary with "…". */
			size = s->size_min;
			int lines = s->max_lines;
			for (; lines > 1; lines--) {
				layout_apply(l, s, size, lines);
				if (layout_measure(l, s))
					break;
			}
			if (lines == 1) {
				layout_apply(l, s, size, 1);
				layout_measure(l, s);
			}
			ellipsized = true;
		} else {
			/* lo fits, hi does not; hi = steps + 1 stands for size_max when
			 * the range is not a whole number of pixels. */
			int lo = 0, hi = s->size_min + steps < s->size_max ? steps + 1 : steps;
			while (hi - lo > 1) {
				int mid = lo + (hi - lo) / 2;
				if (layout_try(l, s, s->size_min + mid))
					lo = mid;
				else
					hi = mid;
			}
			size = s->size_min + lo;
			layout_try(l, s, size);
		}
	}
	res->size = size;
	res->lines = pango_layout_get_line_count(l->layout);
	res->ellipsized = ellipsized && pango_layout_is_ellipsized(l->layout);
	PangoLayoutLine *first = pango_layout_get_line_readonly(l->layout, 0);
	res->rtl = first && first->resolved_dir == PANGO_DIRECTION_RTL;
	res->unknown_glyphs = pango_layout_get_unknown_glyphs_count(l->layout);
	PangoRectangle ink, logical;
	pango_layout_get_pixel_extents(l->layout, &ink, &logical);
	res->ink_width = logical.width > ink.width ? logical.width : ink.width;
	res->ink_height = l->height;
	if (res->unknown_glyphs > 0)
		layout_report_tofu(l, diag_name, res->unknown_glyphs);
	return 0;
}

void layout_draw(struct layout *l, cairo_t *cr, double x, double y, double w, double h,
		 enum layout_valign valign, const double rgba[4])
{
	double slack = h - l->height;
	double dy = valign == LAYOUT_VALIGN_MIDDLE ? slack / 2 : valign == LAYOUT_VALIGN_BOTTOM ? slack : 0;
	if (dy < 0)
		dy = 0;
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_set_source_rgba(cr, rgba[0], rgba[1], rgba[2], rgba[3]);
	cairo_move_to(cr, x, y + dy - l->top);
	pango_cairo_show_layout(cr, l->layout);
	cairo_restore(cr);
}
