/* clidoc: the man page feedcard(1) and the bash and zsh completions,
 * generated from the command and option tables (cli.h) that make --help,
 * so that they cannot disagree with it. The build runs the program with
 * --man and --completion bash|zsh (src/CMakeLists.txt) and installs the
 * results; tests/install/ compares them with --help for every command.
 * The options of the commands the renderer module implements come from
 * the module, which is loaded for them (card_module_command_options). */
#ifndef FEEDCARD_CLIDOC_H
#define FEEDCARD_CLIDOC_H

#include <stdio.h>

/* Write feedcard.1 (man(7) markup). -1 when the module cannot be loaded
 * (after its diag): a page without those commands' options is not written
 * in part. */
int clidoc_man(FILE *out);

/* Write the completion script for shell "bash" or "zsh"; -1 after a
 * message for another shell or when the module cannot be loaded. */
int clidoc_completion(FILE *out, const char *shell);

#endif
