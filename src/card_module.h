/* card_module: loading the card and serve module, and its entry points.
 *
 * Drawing cards (cairo, Pango, HarfBuzz, FreeType, fontconfig, the image
 * codecs, librsvg) and serving (libmicrohttpd, zlib) need some sixty shared
 * libraries whose symbol relocations alone cost about 8 ms at every start.
 * Most runs need none of them: a feeds build, or a build whose cards are all
 * current. So they live in a module, feedcard-render.so, loaded with dlopen
 * the first time one of these entry points is wanted. The tests and
 * benchmarks link everything statically (FEEDCARD_RENDER_STATIC), where
 * card_module_api() simply returns the module's table. */
#ifndef FEEDCARD_CARD_MODULE_H
#define FEEDCARD_CARD_MODULE_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "imgfmt.h"

/* card.h's, which the module defines: only pointers cross here, so that
 * loading the module does not depend on drawing (no include of card.h). */
struct card_fields;
struct card_renderer;

/* The module's table of entry points (card_entry.c fills it in): card.h's
 * drawing calls, the commands the module implements, its library versions. */
struct card_module_api {
	struct card_renderer *(*card_renderer_new)(const char *template_path, int width, int height);
	void (*card_renderer_free)(struct card_renderer *r);
	int (*card_render)(struct card_renderer *r, const struct card_fields *f, enum imgfmt fmt,
			   int quality, const char *diag_name, char **out, size_t *out_len);
	/* The commands the module implements, with their option tables. */
	int (*card_run)(const struct cli_command *cmd, int argc, char **argv);
	const struct cli_option *card_options;
	int (*templates_run)(const struct cli_command *cmd, int argc, char **argv);
	const struct cli_option *templates_options;
	int (*serve_run)(const struct cli_command *cmd, int argc, char **argv);
	const struct cli_option *serve_options;
	/* One version_line per library the module links (feedcard --version). */
	void (*print_versions)(FILE *out);
};

/* The module's entry points, loading it on first use (thread-safe). NULL
 * after a diag saying where it looked when the module cannot be loaded. */
const struct card_module_api *card_module_api(void);

/* The renderer module's file, as card_module_api would load it, without loading
 * it (caller frees); NULL when linked in or not found. Cards are keyed by
 * its bytes, so a changed renderer draws every card again. */
char *card_module_file(void);

/* The option table of cmd: its own, or for a command the module implements
 * (one of the trampolines below) the module's, loading it; NULL after
 * card_module_api's diag when it cannot be loaded. For the generated man page
 * and completions (clidoc.h). */
const struct cli_option *card_module_command_options(const struct cli_command *cmd);

/* The command-table trampolines for "card", "templates" and "serve": load
 * the module and run its command with its option table. */
int card_module_card_run(const struct cli_command *cmd, int argc, char **argv);
int card_module_templates_run(const struct cli_command *cmd, int argc, char **argv);
int card_module_serve_run(const struct cli_command *cmd, int argc, char **argv);

#endif
