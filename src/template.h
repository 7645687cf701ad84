/* template: a card template file (YAML) -> struct template.
 *
 * The format is documented in README-cards.md. Paths inside a template
 * (images, fonts) are relative to the template file and are resolved here.
 * Every problem is reported at file:line:col of the offending YAML node. */
#ifndef FEEDCARD_TEMPLATE_H
#define FEEDCARD_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

/* Post fields a text layer can use, as bits (card.h names them card_field). */
enum template_field {
	TEMPLATE_FIELD_TITLE = 1 << 0,
	TEMPLATE_FIELD_DESCRIPTION = 1 << 1,
	TEMPLATE_FIELD_DATE = 1 << 2,
	TEMPLATE_FIELD_AUTHOR = 1 << 3,
	TEMPLATE_FIELD_CATEGORIES = 1 << 4,
	TEMPLATE_FIELD_SITE_TITLE = 1 << 5,
	TEMPLATE_FIELD_SITE_HOST = 1 << 6,
	TEMPLATE_FIELD_READING_TIME = 1 << 7,
};

/* Straight (not premultiplied) colour, components 0..1. */
struct template_color {
	double r, g, b, a;
};

struct template_box {
	int x, y, w, h;
};

enum template_align { TEMPLATE_ALIGN_LEFT, TEMPLATE_ALIGN_CENTER, TEMPLATE_ALIGN_RIGHT };
enum template_valign { TEMPLATE_VALIGN_TOP, TEMPLATE_VALIGN_MIDDLE, TEMPLATE_VALIGN_BOTTOM };
enum template_transform { TEMPLATE_TRANSFORM_NONE, TEMPLATE_TRANSFORM_UPPER, TEMPLATE_TRANSFORM_LOWER };
enum template_layer_kind { TEMPLATE_RECT, TEMPLATE_IMAGE, TEMPLATE_TEXT };

/* One piece of a text layer's text: a literal, or a field (field != 0). */
struct template_seg {
	enum template_field field; /* 0 = literal */
	char *literal;             /* literal text when field == 0 */
};

/* One part of a text layer: parts are joined by the layer's separator,
 * and a part whose fields are all empty is left out with its separator. */
struct template_part {
	struct template_seg *segs;
	size_t nsegs;
	unsigned fields; /* template_field bits used */
};

struct template_layer {
	enum template_layer_kind kind;
	int line, col; /* where the layer starts */
	struct template_box box;
	struct template_color color;
	/* rect */
	double radius;
	/* image */
	char *image;     /* resolved path */
	int image_line, image_col;
	bool cover;      /* fit: cover (else contain) */
	enum template_align align;
	enum template_valign valign;
	/* text */
	struct template_part *parts;
	size_t nparts;
	char *separator;   /* between non-empty parts; "" by default */
	unsigned fields;   /* template_field bits used by all parts */
	char *font;        /* family name */
	int font_line, font_col;
	int weight;        /* 100..900 */
	bool italic;
	double size_min, size_max; /* pixels */
	double line_height;        /* multiple of the font size */
	int max_lines;
	double letter_spacing;     /* pixels */
	enum template_transform transform;
	char *date_format;         /* strftime format for {date} */
};

struct template {
	char *path;        /* as given */
	char *description; /* one line; may be "" */
	int width, height;
	/* background, painted in this order: colour, gradient, image */
	struct template_color bg_color;
	bool has_gradient;
	struct template_color grad_from, grad_to;
	double grad_angle; /* degrees; 0 = left to right, 90 = top to bottom */
	char *bg_image;    /* resolved path or NULL */
	int bg_image_line, bg_image_col;
	struct template_layer *layers;
	size_t nlayers;
	char **fonts;      /* resolved font file paths the template adds */
	size_t nfonts;
	unsigned fields;   /* union of all layers' fields */
};

/* Parse the template file at path. NULL after one diag per problem found.
 * Caller frees with template_free. */
struct template *template_load(const char *path);
/* The same from memory: data (len bytes, borrowed) is the file's text; path
 * names it in messages and relative paths inside it resolve against dir. */
struct template *template_parse(const char *path, const char *dir, const char *data, size_t len);
/* Free a template; NULL does nothing. */
void template_free(struct template *t);

/* Read only the description: key of a template file, for listings. Caller
 * frees; NULL (no diag) when the file cannot be read or has none. */
char *template_read_description(const char *path);

/* The field bit for a field name ("title", "site.host"...), or 0. */
enum template_field template_field_from_name(const char *name, size_t len);

#endif
