/* card_key: the cache key of a card template, without rendering anything:
 * a hash of the template file, the images it uses, the bundled and template
 * fonts and the output size, format and quality. Part of the core (no
 * cairo or pango), so a build can tell which cards are current before it
 * loads the renderer. */
#define _DEFAULT_SOURCE /* d_type */
#include "card_key.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <xxhash.h>

#include "card_module.h"
#include "datadir.h"
#include "fsin.h"
#include "path.h"
#include "state.h"
#include "template.h"
#include "xalloc.h"

#define CARD_MAX_ASSET_BYTES (64u << 20)


static void card_key_hash_file(XXH3_state_t *st, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	/* The file was readable moments ago; if it vanished, hashing its
	 * name still gives a key, and the render itself reports the error. */
	if (fsin_read_file(path, CARD_MAX_ASSET_BYTES, &data, &len) == 0)
		XXH3_64bits_update(st, data, len);
	XXH3_64bits_update(st, path, strlen(path) + 1);
	free(data);
}

static bool card_key_not_hidden(const char *name, unsigned char type)
{
	(void)type;
	return name[0] != '.';
}

static bool card_key_is_folder(const char *name, unsigned char type)
{
	return name[0] != '.' && (type == DT_DIR || type == DT_UNKNOWN);
}

/* Hash the regular files of a font folder in name order. */
static void card_key_hash_font_dir(XXH3_state_t *st, const char *dir)
{
	size_t n;
	char **names = fsin_dir_names(dir, card_key_not_hidden, &n);
	if (!names)
		return;
	struct stat dst;
	if (stat(dir, &dst) == 0)
		state_note_input(dir, &dst); /* a font added or removed changes it */
	for (size_t i = 0; i < n; i++) {
		char *p = path_join(dir, names[i]);
		card_key_hash_file(st, p);
		free(p);
		free(names[i]);
	}
	free(names);
}

/* A font folder that does not exist yet (a user's ~/.local/share/fonts):
 * the fast path notes its nearest existing ancestor instead, whose change
 * time moves when the folder is made, so a build after that reads the
 * inputs again instead of saying nothing changed. */
static void card_key_note_ancestor(const char *dir)
{
	char *p = xstrdup(dir);
	struct stat sb;
	for (char *slash = strrchr(p, '/'); slash && slash > p; slash = strrchr(p, '/')) {
		*slash = '\0';
		if (lstat(p, &sb) == 0) {
			if (S_ISDIR(sb.st_mode))
				state_note_input(p, &sb);
			break;
		}
	}
	free(p);
}

/* Hash the folders (not the files) below dir, with their stats: installing
 * or removing a font package adds, removes or renames files in them. */
static void card_key_hash_dirs(XXH3_state_t *st, const char *dir, int depth)
{
	struct stat sb;
	if (depth == 0 && lstat(dir, &sb) != 0) {
		card_key_note_ancestor(dir);
		return;
	}
	if (depth > 8 || lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return;
	state_note_input(dir, &sb); /* the fast path sees fonts come and go */
	long long stamp[4] = { (long long)sb.st_ino, (long long)sb.st_mtim.tv_sec,
			       (long long)sb.st_mtim.tv_nsec, (long long)sb.st_nlink };
	XXH3_64bits_update(st, dir, strlen(dir) + 1);
	XXH3_64bits_update(st, stamp, sizeof stamp);
	size_t n;
	char **names = fsin_dir_names(dir, card_key_is_folder, &n);
	if (!names)
		return;
	for (size_t i = 0; i < n; i++) {
		char *p = path_join(dir, names[i]);
		card_key_hash_dirs(st, p, depth + 1);
		free(p);
		free(names[i]);
	}
	free(names);
}

/* The system fonts Pango falls back on for characters the template's fonts
 * lack come from fontconfig's folders: Debian's defaults (and fontconfig's
 * own settings) are hashed by their folders, so cards are drawn again once
 * fonts are installed or removed. */
static void card_key_hash_system_fonts(XXH3_state_t *st)
{
	const char *home = getenv("HOME");
	const char *xdg = getenv("XDG_DATA_HOME");
	char *dirs[] = {
		xstrdup("/usr/share/fonts"),
		xstrdup("/usr/local/share/fonts"),
		xdg && xdg[0] ? path_join(xdg, "fonts") : home ? path_join(home, ".local/share/fonts") : NULL,
		home ? path_join(home, ".fonts") : NULL,
		xstrdup("/etc/fonts"),
	};
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		if (dirs[i])
			card_key_hash_dirs(st, dirs[i], 0);
		else
			XXH3_64bits_update(st, "-", 2);
		free(dirs[i]);
	}
}

unsigned long long card_key_template(const struct template *tpl, int width, int height,
				     const char *fonts_dir)
{
	XXH3_state_t *st = XXH3_createState();
	XXH3_64bits_reset(st);
	XXH3_64bits_update(st, "feedcard-card " FEEDCARD_VERSION, sizeof("feedcard-card " FEEDCARD_VERSION));
	card_key_hash_file(st, tpl->path);
	char *module = card_module_file();
	if (module) /* the drawing code itself: an upgrade redraws the cards */
		card_key_hash_file(st, module);
	free(module);
	if (tpl->bg_image)
		card_key_hash_file(st, tpl->bg_image);
	for (size_t i = 0; i < tpl->nlayers; i++)
		if (tpl->layers[i].image)
			card_key_hash_file(st, tpl->layers[i].image);
	for (size_t i = 0; i < tpl->nfonts; i++)
		card_key_hash_file(st, tpl->fonts[i]);
	if (fonts_dir)
		card_key_hash_font_dir(st, fonts_dir);
	card_key_hash_system_fonts(st);
	int size[2] = { width, height };
	XXH3_64bits_update(st, size, sizeof size);
	unsigned long long key = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return key;
}

unsigned long long card_key_output(unsigned long long key, enum imgfmt fmt, int quality)
{
	unsigned long long v[3] = { key, (unsigned long long)fmt, (unsigned long long)quality };
	return XXH3_64bits(v, sizeof v);
}

int card_key_info(const char *template_path, int width, int height, unsigned long long *key,
		  unsigned *fields)
{
	struct template *tpl = template_load(template_path);
	if (!tpl)
		return -1;
	char *fonts_dir = datadir_fonts();
	*key = card_key_template(tpl, width > 0 ? width : tpl->width, height > 0 ? height : tpl->height,
				 fonts_dir);
	*fields = tpl->fields;
	free(fonts_dir);
	template_free(tpl);
	return 0;
}

