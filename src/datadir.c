/* datadir: locate bundled data; see datadir.h. */
#include "datadir.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "path.h"
#include "xalloc.h"

static bool datadir_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A candidate data folder is accepted when it has a templates/ folder. */
static bool datadir_ok(const char *dir)
{
	char *t = path_join(dir, "templates");
	bool ok = datadir_is_dir(t);
	free(t);
	return ok;
}

/* <dir of /proc/self/exe>/../share/feedcard, or NULL. Caller frees. */
static char *datadir_from_exe(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *dir = path_dirname(exe);
	char *rel = xasprintf("../%s", FEEDCARD_DATADIR_REL);
	char *cand = path_join(dir, rel);
	free(dir);
	free(rel);
	return cand;
}

char *datadir_find(void)
{
	const char *env = getenv("FEEDCARD_DATA_DIR");
	if (env && *env)
		return datadir_ok(env) ? xstrdup(env) : NULL;
	char *cand = datadir_from_exe();
	if (cand && datadir_ok(cand))
		return cand;
	free(cand);
	if (datadir_ok(FEEDCARD_SOURCE_DIR))
		return xstrdup(FEEDCARD_SOURCE_DIR);
	return NULL;
}

char *datadir_path(const char *sub)
{
	char *dir = datadir_find();
	if (!dir) {
		const char *env = getenv("FEEDCARD_DATA_DIR");
		if (env && *env)
			diag_error(env, 0, 0, "FEEDCARD_DATA_DIR has no templates/ folder");
		else
			diag_error(NULL, 0, 0,
				   "cannot find the feedcard data folder (templates/, fonts/): looked "
				   "next to the executable (../%s) and in %s; set FEEDCARD_DATA_DIR",
				   FEEDCARD_DATADIR_REL, FEEDCARD_SOURCE_DIR);
		return NULL;
	}
	char *p = path_join(dir, sub);
	free(dir);
	return p;
}

char *datadir_fonts(void)
{
	char *dir = datadir_find();
	char *fonts = dir ? path_join(dir, "fonts") : NULL;
	free(dir);
	return fonts;
}

char *datadir_template(const char *name_or_path)
{
	size_t n = strlen(name_or_path);
	if (strchr(name_or_path, '/') || (n > 5 && strcmp(name_or_path + n - 5, ".yaml") == 0))
		return xstrdup(name_or_path);
	char *dir = datadir_path("templates");
	if (!dir)
		return NULL;
	char *file = xasprintf("%s.yaml", name_or_path);
	char *p = path_join(dir, file);
	free(file);
	free(dir);
	if (access(p, R_OK) != 0) {
		diag_error(NULL, 0, 0, "no bundled template named '%s' (see feedcard templates)",
			   name_or_path);
		free(p);
		return NULL;
	}
	return p;
}
