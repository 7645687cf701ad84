/* layout: lay out one text block with Pango: fonts, wrapping, auto-fit
 * and ellipsis.
 *
 * Fonts come from a private fontconfig configuration: the system
 * configuration (for CJK, Arabic, emoji... fallback) plus the bundled
 * fonts/ folder and any font files a template adds. Lines break by UAX #14
 * (PANGO_WRAP_WORD_CHAR: between words, and inside a word only when a word
 * alone is wider than the box). Paragraph direction follows the text, so
 * Arabic and Hebrew lay out right to left, and "left" alignment means the
 * start of the line. */
#ifndef FEEDCARD_LAYOUT_H
#define FEEDCARD_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

enum layout_align { LAYOUT_ALIGN_LEFT, LAYOUT_ALIGN_CENTER, LAYOUT_ALIGN_RIGHT };
enum layout_valign { LAYOUT_VALIGN_TOP, LAYOUT_VALIGN_MIDDLE, LAYOUT_VALIGN_BOTTOM };
enum layout_transform { LAYOUT_TRANSFORM_NONE, LAYOUT_TRANSFORM_UPPER, LAYOUT_TRANSFORM_LOWER };

/* How to set a block of text. Strings are borrowed for the call. */
struct layout_style {
	const char *family;
	int weight;            /* 100..900 */
	bool italic;
	double size_min, size_max; /* font size range, pixels */
	double line_height;    /* baseline-to-baseline distance as a multiple of the size */
	double letter_spacing; /* pixels */
	int max_lines;
	int width, height;     /* the box, pixels */
	enum layout_align align;
	enum layout_transform transform;
};

/* What layout_fit decided. */
struct layout_result {
	double size;        /* chosen font size */
	int lines;          /* lines laid out */
	bool ellipsized;    /* text did not fit even at size_min and was cut with "…" */
	bool rtl;           /* the first paragraph resolved right to left */
	int unknown_glyphs; /* characters no font could draw (tofu) */
	int ink_width, ink_height; /* extent of logical + ink rectangles, pixels */
};

/* A text layout context. It owns a fontconfig configuration, a Pango font
 * map and one reusable PangoLayout. Not thread-safe: use one per thread
 * (creating them from several threads at once is safe). */
struct layout;

/* Create a layout context. font_paths lists font files or folders to add
 * on top of the system fonts (may be NULL when n is 0). NULL after a
 * diag. Caller frees with layout_free. */
struct layout *layout_new(const char *const *font_paths, size_t n);
/* Free a layout context; NULL does nothing. */
void layout_free(struct layout *l);

/* Whether the font family (case-insensitive) is available. */
bool layout_has_family(struct layout *l, const char *family);

/* Lay out text (UTF-8) in style: the largest size in [size_min, size_max]
 * (1 px steps, binary search) at which the text fits the box in at most
 * max_lines lines; if even size_min does not fit, the last line that fits
 * is ellipsized. A warning naming diag_name lists any characters that no
 * font can draw. The result stays in l for layout_draw until the next
 * call. Returns 0, or -1 after a diag (invalid UTF-8). */
int layout_fit(struct layout *l, const struct layout_style *style, const char *text,
	       const char *diag_name, struct layout_result *res);

/* Draw the last fitted text into the box (x, y, w, h) of cr, placed
 * vertically by valign and clipped to the box, in straight RGBA colour. */
void layout_draw(struct layout *l, cairo_t *cr, double x, double y, double w, double h,
		 enum layout_valign valign, const double rgba[4]);

#endif
