/* version: --version output; see version.h. */
#define _DEFAULT_SOURCE /* realpath */
#include "version.h"

#include <glib.h>
#include <jansson.h>
#include <stdlib.h>
#include <xxhash.h>
#include <zlib.h>

#include "card_module.h"
#include "feed_xml.h"
#include "ydoc.h"

void version_line(FILE *out, const char *name, const char *version)
{
	fprintf(out, "  %-14s %s\n", name, version);
}

int version_print(FILE *out)
{
	char s[32];
	fprintf(out, "feedcard %s\nlibraries:\n", FEEDCARD_VERSION);
	feed_xml_version(s, sizeof s);
	version_line(out, "libxml2", s);
	version_line(out, "libyaml", ydoc_version());
	version_line(out, "jansson", jansson_version_str());
	snprintf(s, sizeof s, "%u.%u.%u", glib_major_version, glib_minor_version, glib_micro_version);
	version_line(out, "glib", s);
	unsigned x = XXH_versionNumber();
	snprintf(s, sizeof s, "%u.%u.%u", x / 10000, x / 100 % 100, x % 100);
	version_line(out, "xxHash", s);
	version_line(out, "zlib", zlibVersion());
	fflush(out);
	/* Loading the module costs what a card build's first card does (its
	 * sixty libraries), nothing next to a bug report's worth: the
	 * libraries that draw cards are the ones most likely to differ
	 * between machines, and nothing fast-path runs --version. */
	const struct card_module_api *api = card_module_api();
	if (!api) {
		fprintf(out, "card and serve module: not loaded (see the error above)\n");
		return -1;
	}
	char *file = card_module_file();
	char *real = file ? realpath(file, NULL) : NULL;
	fprintf(out, "card and serve module %s:\n", real ? real : file ? file : "(linked in)");
	free(real);
	free(file);
	api->print_versions(out);
	return 0;
}
