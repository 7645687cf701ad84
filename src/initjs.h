/* initjs: plain reading of a JavaScript or TypeScript config (astro.config.mjs,
 * .eleventy.js, gatsby-config.js) for `feedcard init`. Nothing is run: only
 * values written as string literals (`key: 'text'`, "text", or `text`
 * without ${}) are taken; comments are skipped. What a config computes is
 * not found, and init says so. */
#ifndef FEEDCARD_INITJS_H
#define FEEDCARD_INITJS_H

/* The string value of the first `key: '...'` or `key = '...'` (the key may
 * be quoted) in src, outside comments. With object, only inside the object
 * literal written as `object: {...}`, at its top level. Returns a new
 * string, or NULL when there is no such key or its value is not a plain
 * string literal; then *expr, when expr is not NULL, is set to the text of
 * the expression written there (a new string), or NULL when the key is
 * absent. */
char *initjs_string(const char *src, const char *object, const char *key, char **expr);

/* The text inside the braces of the object literal written as `key: {...}`
 * (the first one, at any depth), or NULL. Caller frees. */
char *initjs_object(const char *src, const char *key);

/* Call fn(ctx, value) for every string literal given as `key: '...'` in src,
 * in order. */
void initjs_each(const char *src, const char *key, void (*fn)(void *ctx, const char *value), void *ctx);

#endif
