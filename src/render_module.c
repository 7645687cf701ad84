/* render_module: the table the renderer module exports (see render.h). */
#include "render.h"

#include "card.h"
#include "cardcmd.h"
#include "serve.h"

/* Looked up by name with dlsym: the module's one entry. */
const struct render_api render_module_api = {
	card_renderer_new,   card_renderer_free,	card_render,
	cardcmd_run,	     cardcmd_card_options,	cardcmd_templates_run,
	cardcmd_templates_options, serve_run,		serve_options,
};
