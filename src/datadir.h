/* datadir: where the bundled templates/ and fonts/ folders live.
 *
 * Looked up in this order: the FEEDCARD_DATA_DIR environment variable; the
 * installed location relative to the running executable
 * (<exe dir>/../share/feedcard, found through /proc/self/exe); the source
 * tree the program was built from (FEEDCARD_SOURCE_DIR), which is what a
 * binary run from its build folder finds. A candidate counts only when it
 * holds a templates/ folder. */
#ifndef FEEDCARD_DATADIR_H
#define FEEDCARD_DATADIR_H

/* The data folder, or NULL when none was found (no diag: callers decide
 * whether that is an error). Caller frees. */
char *datadir_find(void);

/* The path of sub ("templates", "fonts") inside the data folder, or NULL
 * after a diag saying where it looked. Caller frees. */
char *datadir_path(const char *sub);

/* The bundled fonts/ folder, or NULL when there is no data folder (no
 * diag: the fonts are optional, a template may bring its own). The cards
 * are drawn with it and keyed by it. Caller frees. */
char *datadir_fonts(void);

/* Resolve a --template argument: a value containing '/' or ending in .yaml
 * is a path and returned as is; any other value names a bundled template
 * (templates/<name>.yaml). NULL after a diag. Caller frees. */
char *datadir_template(const char *name_or_path);

#endif
