/* Unit tests for ydoc's TOML and JSON loaders (tomldoc.cpp, jansson): the
 * libyaml nodes they build, their positions, and their errors; and the
 * walk through a document's nodes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "xalloc.h"
#include "ydoc.h"

/* Node n written compactly into b: mappings {k:v k:v}, sequences [v v],
 * double-quoted scalars "s", plain scalars as they are. */
static void dump(struct ydoc *d, yaml_node_t *n, struct strbuf *b)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		if (n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			strbuf_printf(b, "\"%s\"", (const char *)n->data.scalar.value);
		else
			strbuf_puts(b, (const char *)n->data.scalar.value);
		break;
	case YAML_SEQUENCE_NODE:
		strbuf_putc(b, '[');
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			if (it > n->data.sequence.items.start)
				strbuf_putc(b, ' ');
			dump(d, ydoc_node(d, *it), b);
		}
		strbuf_putc(b, ']');
		break;
	case YAML_MAPPING_NODE:
		strbuf_putc(b, '{');
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
			if (p > n->data.mapping.pairs.start)
				strbuf_putc(b, ' ');
			dump(d, ydoc_node(d, p->key), b);
			strbuf_putc(b, ':');
			dump(d, ydoc_node(d, p->value), b);
		}
		strbuf_putc(b, '}');
		break;
	default:
		strbuf_puts(b, "?");
	}
}

enum fmt { TOML, JSON };

/* Load text as fmt (after 1 line of fence) and compare its dump with want;
 * NULL want: the load must fail. Messages land in tu_msgs. */
static struct ydoc doc;
static int load(enum fmt f, const char *text, size_t len)
{
	tu_capture();
	int rc = f == TOML ? ydoc_load_toml(&doc, "p.md", text, len, 1)
			   : ydoc_load_json(&doc, "p.md", text, len, 1);
	tu_release();
	return rc;
}

static void expect(enum fmt f, const char *text, const char *want)
{
	if (load(f, text, strlen(text)) != 0)
		fail_msg("load failed: %s\n%s", text, strbuf_str(&tu_msgs));
	struct strbuf b = STRBUF_INIT;
	dump(&doc, ydoc_root(&doc), &b);
	if (strcmp(strbuf_str(&b), want) != 0)
		fail_msg("got  %s\nwant %s", strbuf_str(&b), want);
	strbuf_release(&b);
	ydoc_free(&doc);
}

static void expect_error(enum fmt f, const char *text, size_t len, const char *msg)
{
	if (load(f, text, len) == 0) {
		ydoc_free(&doc);
		fail_msg("loaded: %.200s", text);
	}
	if (!strstr(strbuf_str(&tu_msgs), msg))
		fail_msg("wanted '%s' in:\n%s", msg, strbuf_str(&tu_msgs));
}

/* The node at path "a.b" (mapping keys) of the loaded document. */
static yaml_node_t *at(const char *key)
{
	yaml_node_t *n = ydoc_root(&doc);
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
		if (strcmp(ydoc_scalar(ydoc_node(&doc, p->key)), key) == 0)
			return ydoc_node(&doc, p->value);
	fail_msg("no key %s", key);
	return NULL;
}

static void test_toml_values(void **state)
{
	(void)state;
	/* Keys in source order, not toml++'s sorted one; "null" and "" stay strings. */
	expect(TOML, "title = \"Hi\"\nauthor = 'null'\nempty = \"\"\nn = 42\nneg = -17\nhex = 0x10\nf = 1.5\n"
		     "big = 1e300\nyes = true\ntags = [\"b\", \"a\"]\ninline = { z = 1, a = [] }\n"
		     "[params]\nweight = 3\n[[items]]\nk = 'v'\n[[items]]\n",
	       "{title:\"Hi\" author:\"null\" empty:\"\" n:42 neg:-17 hex:16 f:1.5 big:1e+300 yes:true "
	       "tags:[\"b\" \"a\"] inline:{z:1 a:[]} params:{weight:3} items:[{k:\"v\"} {}]}");
	/* Dotted keys make nested tables; Zola's [extra] is a mapping. */
	expect(TOML, "a.b.c = 1\n[extra]\ncover.image = \"c.png\"\n",
	       "{a:{b:{c:1}} extra:{cover:{image:\"c.png\"}}}");
	expect(TOML, "", "{}");
	const char *t = "title = \"x\"\ntags = [\n  'one',\n  'two'\n]\n[params]\n  image = 'i.png'\n";
	assert_int_equal(load(TOML, t, strlen(t)), 0);
	/* Lines count from after the opening fence (line_offset 1). */
	assert_int_equal(ydoc_line(&doc, at("title")), 2);
	assert_int_equal(ydoc_col(at("title")), 9);
	yaml_node_t *tags = at("tags");
	assert_int_equal(ydoc_line(&doc, tags), 3);
	yaml_node_t *two = ydoc_node(&doc, tags->data.sequence.items.start[1]);
	assert_int_equal(ydoc_line(&doc, two), 5);
	assert_int_equal(ydoc_col(two), 3);
	yaml_node_t *params = at("params");
	yaml_node_t *image = ydoc_node(&doc, params->data.mapping.pairs.start[0].value);
	assert_int_equal(ydoc_line(&doc, image), 8);
	assert_int_equal(ydoc_col(image), 11);
	yaml_node_t *key = ydoc_node(&doc, params->data.mapping.pairs.start[0].key);
	assert_int_equal(ydoc_col(key), 3);
	ydoc_free(&doc);
}

/* Every TOML date and time kind, as a YAML user would write it. */
static void test_toml_dates(void **state)
{
	(void)state;
	expect(TOML,
	       "a = 2021-03-04\nb = 2021-03-04T10:00:00\nc = 2021-03-04 10:00:00.250\n"
	       "d = 2021-03-04T10:00:00-05:00\ne = 2021-03-04T10:00:00Z\nf = 2021-03-04t10:00:00+00:00\n"
	       "g = 1979-05-27T00:32:00.999999+07:30\nh = 07:32:00\ni = 07:32:00.5\nj = \"2021-03-04\"\n",
	       "{a:2021-03-04 b:2021-03-04T10:00:00 c:2021-03-04T10:00:00.25 d:2021-03-04T10:00:00-05:00 "
	       "e:2021-03-04T10:00:00Z f:2021-03-04T10:00:00Z g:1979-05-27T00:32:00.999999+07:30 "
	       "h:07:32:00 i:07:32:00.5 j:\"2021-03-04\"}");
}

static void test_toml_errors(void **state)
{
	(void)state;
	/* TOML's own line and column, after line_offset (1) lines. */
	const char *t = "title = \"x\"\ndate = \n";
	expect_error(TOML, t, strlen(t), "p.md:3:");
	expect_error(TOML, t, strlen(t), ": error: invalid TOML: ");
	t = "title = \"x\"\ntitle = \"y\"\n";
	expect_error(TOML, t, strlen(t), "p.md:3:9: error: invalid TOML: ");
	t = "a = 1\nb = [1, 2\nc = 3\n";
	expect_error(TOML, t, strlen(t), "p.md:4:");
	t = "title = \"caf\xC3\"\n";
	expect_error(TOML, t, strlen(t), "p.md:2:");
	t = "title = 'x'\ndate = 2021-02-30\n";
	expect_error(TOML, t, strlen(t), "p.md:3:");
	/* Not NUL-terminated: only len bytes are read. */
	expect(TOML, "a = 1\nb = 2\n", "{a:1 b:2}");
	assert_int_equal(load(TOML, "a = 1\nb = [", 6), 0);
	ydoc_free(&doc);
}

/* Characters XML forbids, made by escapes, are removed as for YAML. */
static void test_cleaned(void **state)
{
	(void)state;
	const char *t = "title = \"a\\u0001b\\uFFFEc\"\n";
	assert_int_equal(load(TOML, t, strlen(t)), 0);
	assert_string_equal(ydoc_scalar(at("title")), "abc");
	assert_non_null(strstr(strbuf_str(&tu_msgs), "p.md:2:9: warning: removed 2 characters"));
	ydoc_free(&doc);
	t = "{\"title\": \"a\\u0001b\"}";
	assert_int_equal(load(JSON, t, strlen(t)), 0);
	assert_string_equal(ydoc_scalar(at("title")), "ab");
	ydoc_free(&doc);
}

static char *repeat(const char *open, size_t n, const char *mid, const char *close)
{
	struct strbuf b = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		strbuf_puts(&b, open);
	strbuf_puts(&b, mid);
	for (size_t i = 0; close && i < n; i++)
		strbuf_puts(&b, close);
	strbuf_putc(&b, '\n');
	return strbuf_detach(&b, NULL);
}

/* Hostile TOML: deep nesting of every kind, long strings, bad UTF-8. */
static void test_toml_hostile(void **state)
{
	(void)state;
	char *t = repeat("[", 10000, "a = ", "]");
	memmove(t + 4, t, strlen(t) - 3); /* "a = [[[...]]]" */
	memcpy(t, "a = ", 4);
	expect_error(TOML, t, strlen(t), "invalid TOML");
	free(t);
	struct strbuf b = STRBUF_INIT;
	strbuf_puts(&b, "a = ");
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&b, "{ b = ");
	strbuf_puts(&b, "1");
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&b, " }");
	strbuf_puts(&b, "\n");
	expect_error(TOML, strbuf_str(&b), b.len, "invalid TOML");
	/* Dotted keys and table headers: toml++ takes any depth, we do not. */
	strbuf_reset(&b);
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&b, "k.");
	strbuf_puts(&b, "k = 1\n");
	expect_error(TOML, strbuf_str(&b), b.len, "p.md:2:199: error: invalid TOML: arrays and tables nested more than 100 deep");
	strbuf_reset(&b);
	strbuf_puts(&b, "[k");
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&b, ".k");
	strbuf_puts(&b, "]\n");
	expect_error(TOML, strbuf_str(&b), b.len, "nested more than 100 deep");
	/* 100 levels load. */
	strbuf_reset(&b);
	for (int i = 0; i < 99; i++)
		strbuf_puts(&b, "k.");
	strbuf_puts(&b, "k = 1\n");
	assert_int_equal(load(TOML, strbuf_str(&b), b.len), 0);
	ydoc_free(&doc);
	/* A 10 MB string loads (post_parse refuses front matter over 4 MB). */
	strbuf_reset(&b);
	strbuf_puts(&b, "title = \"");
	for (int i = 0; i < 10 << 20; i++)
		strbuf_putc(&b, 'x');
	strbuf_puts(&b, "\"\n");
	assert_int_equal(load(TOML, strbuf_str(&b), b.len), 0);
	assert_int_equal(strlen(ydoc_scalar(at("title"))), 10 << 20);
	ydoc_free(&doc);
	/* Unterminated, invalid UTF-8 and NUL inside strings. */
	expect_error(TOML, "title = \"never closed\n", 22, "invalid TOML");
	expect_error(TOML, "title = \"\xFF\xFE\"\n", 13, "invalid TOML");
	expect_error(TOML, "title = \"a\0b\"\n", 14, "invalid TOML");
	/* toml++ 3.3.0 bugs, found by fuzzing: undefined behaviour on non-ASCII
	 * text where it looks for whitespace, an assertion on "[&". */
	expect_error(TOML, "[&\n", 3, "p.md:2:2: error: invalid TOML: ");
	expect_error(TOML, "k.k\xd1\x94 = 1\n", 11, "invalid TOML");
	expect_error(TOML, "\xe3\x81\x82 = 1\n", 8, "p.md:2:1: error: invalid TOML: ");
	expect(TOML, "s = \"\"\"\\\n\xc2\xa7\"\"\"\nt = '\xc3\xa9 \xd1\x94 \xe3\x81\x82'\n",
	       "{s:\"\xc2\xa7\" t:\"\xc3\xa9 \xd1\x94 \xe3\x81\x82\"}");
	strbuf_release(&b);
}

static void test_json_values(void **state)
{
	(void)state;
	expect(JSON, "{\"title\": \"Hi\", \"draft\": false, \"n\": 42, \"f\": 0.1, \"x\": null, \"s\": \"null\",\n"
		     " \"tags\": [\"b\", \"a\"], \"params\": {\"z\": 1, \"a\": true}, \"e\": \"\"}\nbody {not read}\n",
	       "{title:\"Hi\" draft:false n:42 f:0.1 x:null s:\"null\" tags:[\"b\" \"a\"] params:{z:1 a:true} e:\"\"}");
	/* Every node sits where the object starts. */
	const char *t = "\n  {\n\"title\": \"x\"}";
	assert_int_equal(load(JSON, t, strlen(t)), 0);
	assert_int_equal(ydoc_line(&doc, at("title")), 3);
	assert_int_equal(ydoc_col(at("title")), 3);
	ydoc_free(&doc);
	/* A key twice: the last wins, with a warning. */
	t = "{\"title\": \"a\",\n\"title\": \"b\"}";
	assert_int_equal(load(JSON, t, strlen(t)), 0);
	assert_string_equal(ydoc_scalar(at("title")), "b");
	if (!strstr(strbuf_str(&tu_msgs), "p.md:3:") || !strstr(strbuf_str(&tu_msgs), "warning: duplicate"))
		fail_msg("%s", strbuf_str(&tu_msgs));
	ydoc_free(&doc);
}

static void test_json_errors(void **state)
{
	(void)state;
	const char *t = "{\"title\": \"x\",\n \"date\": }";
	expect_error(JSON, t, strlen(t), "p.md:3:10: error: invalid JSON: ");
	expect_error(JSON, "{\"a\": 1", 7, "invalid JSON");
	char *deep = repeat("[", 500, "1", "]");
	char *obj = xasprintf("{\"a\": %s}", deep);
	expect_error(JSON, obj, strlen(obj), "p.md:2:1: error: invalid JSON: objects and arrays nested more than 100 deep");
	free(obj);
	free(deep);
	deep = repeat("[", 10000, "1", "]");
	expect_error(JSON, deep, strlen(deep), "invalid JSON");
	free(deep);
}

/* The walk: what each node is, how many entries it has, and a map's pairs
 * in the order of the text, read the same from YAML, TOML and JSON. */
static void walk_check(void)
{
	yaml_node_t *root = ydoc_root(&doc);
	assert_int_equal(ydoc_kind(root), YDOC_MAP);
	assert_int_equal(ydoc_count(root), 3);
	const char *keys[] = { "z", "list", "map" };
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(ydoc_scalar(ydoc_key(&doc, root, i)), keys[i]);
	yaml_node_t *z = ydoc_value(&doc, root, 0), *list = ydoc_value(&doc, root, 1),
		    *map = ydoc_value(&doc, root, 2);
	assert_int_equal(ydoc_kind(z), YDOC_SCALAR);
	assert_int_equal(ydoc_count(z), 0);
	assert_string_equal(ydoc_scalar(z), "1");
	assert_int_equal(ydoc_kind(list), YDOC_LIST);
	assert_int_equal(ydoc_count(list), 2);
	assert_int_equal(ydoc_kind(map), YDOC_MAP);
	assert_int_equal(ydoc_count(map), 1);
	assert_string_equal(ydoc_scalar(ydoc_key(&doc, map, 0)), "k");
	assert_string_equal(ydoc_scalar(ydoc_value(&doc, map, 0)), "v");
	/* Past the end, or not a map: no pair. */
	assert_null(ydoc_key(&doc, root, 3));
	assert_null(ydoc_value(&doc, root, 3));
	assert_null(ydoc_key(&doc, list, 0));
	assert_null(ydoc_value(&doc, z, 0));
	ydoc_free(&doc);
}

static void test_walk(void **state)
{
	(void)state;
	assert_int_equal(ydoc_kind(NULL), YDOC_NONE);
	assert_int_equal(ydoc_count(NULL), 0);
	assert_null(ydoc_key(&doc, NULL, 0));
	const char *yaml = "z: 1\nlist: [a, b]\nmap:\n  k: v\n";
	tu_capture();
	assert_int_equal(ydoc_load(&doc, "c.yaml", yaml, strlen(yaml), 0), 0);
	tu_release();
	walk_check();
	const char *toml = "z = 1\nlist = ['a', 'b']\n[map]\nk = 'v'\n";
	assert_int_equal(load(TOML, toml, strlen(toml)), 0);
	walk_check();
	const char *json = "{\"z\": 1, \"list\": [\"a\", \"b\"], \"map\": {\"k\": \"v\"}}";
	assert_int_equal(load(JSON, json, strlen(json)), 0);
	walk_check();
	/* An empty list and map have no entries. */
	yaml = "a: []\nb: {}\n";
	tu_capture();
	assert_int_equal(ydoc_load(&doc, "c.yaml", yaml, strlen(yaml), 0), 0);
	tu_release();
	yaml_node_t *root = ydoc_root(&doc);
	assert_int_equal(ydoc_kind(ydoc_value(&doc, root, 0)), YDOC_LIST);
	assert_int_equal(ydoc_count(ydoc_value(&doc, root, 0)), 0);
	assert_int_equal(ydoc_kind(ydoc_value(&doc, root, 1)), YDOC_MAP);
	assert_int_equal(ydoc_count(ydoc_value(&doc, root, 1)), 0);
	assert_null(ydoc_key(&doc, ydoc_value(&doc, root, 1), 0));
	ydoc_free(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toml_values),
		cmocka_unit_test(test_toml_dates),
		cmocka_unit_test(test_toml_errors),
		cmocka_unit_test(test_cleaned),
		cmocka_unit_test(test_toml_hostile),
		cmocka_unit_test(test_json_values),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_walk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
