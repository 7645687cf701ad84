/* version: `feedcard --version`, for bug reports: the program's version and
 * the versions of the libraries it runs with, as they report themselves at
 * run time (a library without a version call is named with the version it
 * was built against, and says so). */
#ifndef FEEDCARD_VERSION_H
#define FEEDCARD_VERSION_H

#include <stdio.h>

/* Print the program's version, then its core libraries (libxml2, libyaml,
 * jansson, glib, xxHash, zlib), then loads the renderer module and prints
 * the module's (cairo, Pango, HarfBuzz, FreeType, fontconfig, libjpeg-turbo,
 * libwebp, libpng, librsvg, libmicrohttpd), or why it could not be loaded
 * (after card_module_api's diag on stderr). Returns 0, or -1 when the module
 * could not be loaded. */
int version_print(FILE *out);

/* One "name version" line, aligned as version_print aligns them; for the
 * module's own list (card_module.h). */
void version_line(FILE *out, const char *name, const char *version);

#endif
