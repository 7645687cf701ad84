/* card_entry: the module's own table of entry points, the one symbol
 * the program looks up in feedcard-render.so (see card_module.h). Named as
 * tmux names each command's descriptor cmd_*_entry. Compiled into the
 * module only; card_module.c finds it by name. */
#include "card_module.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <harfbuzz/hb.h>
#include <jpeglib.h>
#include <librsvg/rsvg.h>
#include <microhttpd.h>
#include <pango/pango.h>
#include <png.h>
#include <webp/decode.h>

#include "card.h"
#include "card_cmd.h"
#include "serve.h"
#include "version.h"

#define CARD_ENTRY_STR2(x) #x
#define CARD_ENTRY_STR(x) CARD_ENTRY_STR2(x)

/* The versions the module's libraries report at run time; libjpeg-turbo
 * has no version call, so it is the version the module was built with. */
static void card_entry_versions(FILE *out)
{
	char s[64];
	version_line(out, "cairo", cairo_version_string());
	version_line(out, "Pango", pango_version_string());
	version_line(out, "HarfBuzz", hb_version_string());
	FT_Library ft;
	if (FT_Init_FreeType(&ft) == 0) {
		FT_Int major, minor, patch;
		FT_Library_Version(ft, &major, &minor, &patch);
		FT_Done_FreeType(ft);
		snprintf(s, sizeof s, "%d.%d.%d", major, minor, patch);
		version_line(out, "FreeType", s);
	} else {
		version_line(out, "FreeType", "(cannot be initialised)");
	}
	int fc = FcGetVersion();
	snprintf(s, sizeof s, "%d.%d.%d", fc / 10000, fc / 100 % 100, fc % 100);
	version_line(out, "fontconfig", s);
	version_line(out, "libjpeg-turbo", CARD_ENTRY_STR(LIBJPEG_TURBO_VERSION) " (built with)");
	int webp = WebPGetDecoderVersion();
	snprintf(s, sizeof s, "%d.%d.%d", webp >> 16, (webp >> 8) & 0xff, webp & 0xff);
	version_line(out, "libwebp", s);
	version_line(out, "libpng", png_get_libpng_ver(NULL));
	snprintf(s, sizeof s, "%u.%u.%u", rsvg_major_version, rsvg_minor_version, rsvg_micro_version);
	version_line(out, "librsvg", s);
	version_line(out, "libmicrohttpd", MHD_get_version());
}

/* Looked up by name with dlsym: the module's one entry. */
const struct card_module_api card_entry = {
	.card_renderer_new = card_renderer_new,
	.card_renderer_free = card_renderer_free,
	.card_render = card_render,
	.card_run = card_cmd_run,
	.card_options = card_cmd_card_options,
	.templates_run = card_cmd_templates_run,
	.templates_options = card_cmd_templates_options,
	.serve_run = serve_run,
	.serve_options = serve_options,
	.print_versions = card_entry_versions,
};
