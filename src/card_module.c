/* render: loading the renderer module; see render.h. */
#include "card_module.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fsout.h"
#include "xalloc.h"

#ifdef FEEDCARD_RENDER_STATIC

extern const struct render_api render_module_api;

const struct render_api *render_api(void)
{
	return &render_module_api;
}

char *render_module_file(void)
{
	return NULL; /* linked in: the program is the renderer */
}

#else

#include <dlfcn.h>

#define RENDER_MODULE "feedcard-render.so"

static pthread_once_t render_once = PTHREAD_ONCE_INIT;
static const struct render_api *render_loaded;

/* Where the module may be, in order: beside the program (the build folder),
 * then <prefix>/<libdir>/feedcard/ (installed); FEEDCARD_RENDER_MODULE
 * names the file outright. Returns how many (at most 2) are in c. */
static size_t render_candidates(char *c[2])
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
	char *dir = fsout_dirname(exe);
	c[0] = fsout_join(dir, RENDER_MODULE);
	c[1] = fsout_join(dir, "../" FEEDCARD_MODULEDIR_REL "/" RENDER_MODULE);
	free(dir);
	return 2;
}

char *render_module_file(void)
{
	char *c[2];
	size_t nc = render_candidates(c);
	char *found = NULL;
	for (size_t i = 0; i < nc; i++) {
		if (!found && access(c[i], R_OK) == 0)
			found = c[i];
		else
			free(c[i]);
	}
	return found;
}

static void render_load(void)
{
	char *candidates[2];
	size_t nc = render_candidates(candidates);
	const char *why = "the program's location is unknown";
	for (size_t i = 0; i < nc && !render_loaded; i++) {
		if (access(candidates[i], R_OK) != 0)
			continue;
		void *h = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			why = dlerror();
			continue;
		}
		render_loaded = dlsym(h, "render_module_api");
		if (!render_loaded)
			why = "it has no render_module_api";
	}
	if (!render_loaded)
		diag_error(nc ? candidates[0] : RENDER_MODULE, 0, 0,
			   "cannot load the card and serve module (%s): reinstall feedcard", why);
	for (size_t i = 0; i < nc; i++)
		free(candidates[i]);
}

const struct render_api *render_api(void)
{
	pthread_once(&render_once, render_load);
	return render_loaded;
}

#endif

const struct cli_option *render_command_options(const struct cli_command *cmd)
{
	if (cmd->run != render_card_run && cmd->run != render_templates_run &&
	    cmd->run != render_serve_run)
		return cmd->options;
	const struct render_api *api = render_api();
	if (!api)
		return NULL;
	return cmd->run == render_card_run ? api->card_options
	       : cmd->run == render_templates_run ? api->templates_options
						  : api->serve_options;
}

static int render_trampoline(const struct cli_command *cmd, int argc, char **argv, int which)
{
	const struct render_api *api = render_api();
	if (!api)
		return CLI_EXIT_USAGE;
	struct cli_command c = *cmd;
	int (*run)(const struct cli_command *, int, char **) =
		which == 0 ? api->card_run : which == 1 ? api->templates_run : api->serve_run;
	c.options = render_command_options(cmd);
	return run(&c, argc, argv);
}

int render_card_run(const struct cli_command *cmd, int argc, char **argv)
{
	return render_trampoline(cmd, argc, argv, 0);
}

int render_templates_run(const struct cli_command *cmd, int argc, char **argv)
{
	return render_trampoline(cmd, argc, argv, 1);
}

int render_serve_run(const struct cli_command *cmd, int argc, char **argv)
{
	return render_trampoline(cmd, argc, argv, 2);
}
