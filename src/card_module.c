/* card_module: loading the card and serve module; see card_module.h. */
#include "card_module.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "path.h"
#include "xalloc.h"

#ifdef FEEDCARD_RENDER_STATIC

/* card_entry.c's table, here by the linker, as dlsym finds it below. */
extern const struct card_module_api card_entry;

const struct card_module_api *card_module_api(void)
{
	return &card_entry;
}

char *card_module_file(void)
{
	return NULL; /* linked in: the program is the renderer */
}

#else

#include <dlfcn.h>

#define CARD_MODULE_NAME "feedcard-render.so"

static pthread_once_t card_module_once = PTHREAD_ONCE_INIT;
static const struct card_module_api *card_module_loaded;

/* Where the module may be, in order: beside the program (the build folder),
 * then <prefix>/<libdir>/feedcard/ (installed); FEEDCARD_RENDER_MODULE
 * names the file outright. Returns how many (at most 2) are in c. */
static size_t card_module_candidates(char *c[2])
{
	const char *env = getenv("FEEDCARD_RENDER_MODULE");
	c[0] = c[1] = NULL;
	if (env && env[0]) {
		c[0] = xstrdup(env);
		return 1;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	char *dir = path_dirname(exe);
	c[0] = path_join(dir, CARD_MODULE_NAME);
	c[1] = path_join(dir, "../" FEEDCARD_MODULEDIR_REL "/" CARD_MODULE_NAME);
	free(dir);
	return 2;
}

char *card_module_file(void)
{
	char *c[2];
	size_t nc = card_module_candidates(c);
	char *found = NULL;
	for (size_t i = 0; i < nc; i++) {
		if (!found && access(c[i], R_OK) == 0)
			found = c[i];
		else
			free(c[i]);
	}
	return found;
}

static void card_module_load(void)
{
	char *candidates[2];
	size_t nc = card_module_candidates(candidates);
	const char *why = "the program's location is unknown";
	for (size_t i = 0; i < nc && !card_module_loaded; i++) {
		if (access(candidates[i], R_OK) != 0)
			continue;
		void *h = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			why = dlerror();
			continue;
		}
		card_module_loaded = dlsym(h, "card_entry");
		if (!card_module_loaded)
			why = "it has no card_entry";
	}
	if (!card_module_loaded)
		diag_error(nc ? candidates[0] : CARD_MODULE_NAME, 0, 0,
			   "cannot load the card and serve module (%s): reinstall feedcard", why);
	for (size_t i = 0; i < nc; i++)
		free(candidates[i]);
}

const struct card_module_api *card_module_api(void)
{
	pthread_once(&card_module_once, card_module_load);
	return card_module_loaded;
}

#endif

const struct cli_option *card_module_command_options(const struct cli_command *cmd)
{
	if (cmd->run != card_module_card_run && cmd->run != card_module_templates_run &&
	    cmd->run != card_module_serve_run)
		return cmd->options;
	const struct card_module_api *api = card_module_api();
	if (!api)
		return NULL;
	return cmd->run == card_module_card_run ? api->card_options
	       : cmd->run == card_module_templates_run ? api->templates_options
						  : api->serve_options;
}

static int card_module_trampoline(const struct cli_command *cmd, int argc, char **argv, int which)
{
	const struct card_module_api *api = card_module_api();
	if (!api)
		return CLI_EXIT_USAGE;
	struct cli_command c = *cmd;
	int (*run)(const struct cli_command *, int, char **) =
		which == 0 ? api->card_run : which == 1 ? api->templates_run : api->serve_run;
	c.options = card_module_command_options(cmd);
	return run(&c, argc, argv);
}

int card_module_card_run(const struct cli_command *cmd, int argc, char **argv)
{
	return card_module_trampoline(cmd, argc, argv, 0);
}

int card_module_templates_run(const struct cli_command *cmd, int argc, char **argv)
{
	return card_module_trampoline(cmd, argc, argv, 1);
}

int card_module_serve_run(const struct cli_command *cmd, int argc, char **argv)
{
	return card_module_trampoline(cmd, argc, argv, 2);
}
