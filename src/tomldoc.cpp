/* tomldoc: toml++ glue; see tomldoc.h. toml++ is used header-only (as
 * Debian ships its headers), so the program needs no libtomlplusplus.so nor
 * libstdc++.so at start-up: YAML sites do not pay for TOML. Exceptions are
 * on, as toml++ reports parse errors with them; none leaves this file. */
#include "tomldoc.h"

#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <new>
#include <string>
#include <vector>

namespace {

/* Builds the libyaml nodes of one document; stops at the first error. */
struct tomldoc_builder {
	yaml_document_t *doc;
	tomldoc_error *err;

	int fail(const toml::source_region &r, const char *fmt, ...) __attribute__((format(printf, 3, 4)))
	{
		err->line = (int)r.begin.line;
		err->col = (int)r.begin.column;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		return 0;
	}

	/* Give node id the source position r (libyaml's marks are 0-based). */
	void place(int id, const toml::source_region &r)
	{
		yaml_node_t *y = yaml_document_get_node(doc, id);
		y->start_mark.line = r.begin.line ? r.begin.line - 1 : 0;
		y->start_mark.column = r.begin.column ? r.begin.column - 1 : 0;
		y->end_mark.line = r.end.line ? r.end.line - 1 : 0;
		y->end_mark.column = r.end.column ? r.end.column - 1 : 0;
	}

	int scalar(const std::string &s, yaml_scalar_style_t style, const toml::source_region &r)
	{
		/* libyaml copies the value; it takes a non-const pointer. */
		std::string copy(s);
		int id = yaml_document_add_scalar(doc, nullptr, (yaml_char_t *)copy.data(), (int)copy.size(),
						  style);
		if (!id)
			return fail(r, "cannot store the value (out of memory, or not UTF-8)");
		place(id, r);
		return id;
	}

	static std::string date_text(const toml::date &d)
	{
		char b[16];
		snprintf(b, sizeof b, "%04u-%02u-%02u", (unsigned)d.year, (unsigned)d.month, (unsigned)d.day);
		return b;
	}

	static std::string time_text(const toml::time &t)
	{
		char b[32];
		int n = snprintf(b, sizeof b, "%02u:%02u:%02u", (unsigned)t.hour, (unsigned)t.minute,
				 (unsigned)t.second);
		if (t.nanosecond) {
			n += snprintf(b + n, sizeof b - (size_t)n, ".%09u", (unsigned)t.nanosecond);
			while (b[n - 1] == '0')
				b[--n] = '\0';
		}
		return b;
	}

	static std::string offset_text(const toml::time_offset &o)
	{
		if (!o.minutes)
			return "Z";
		char b[8];
		int m = o.minutes < 0 ? -o.minutes : o.minutes;
		snprintf(b, sizeof b, "%c%02d:%02d", o.minutes < 0 ? '-' : '+', m / 60, m % 60);
		return b;
	}

	/* The node for TOML value n, depth levels below the root table. */
	int value(const toml::node &n, int depth)
	{
		const toml::source_region &r = n.source();
		switch (n.type()) {
		case toml::node_type::table:
			return table(*n.as_table(), depth);
		case toml::node_type::array:
			return array(*n.as_array(), depth);
		case toml::node_type::string:
			return scalar(n.as_string()->get(), YAML_DOUBLE_QUOTED_SCALAR_STYLE, r);
		case toml::node_type::integer:
			return scalar(std::to_string(n.as_integer()->get()), YAML_PLAIN_SCALAR_STYLE, r);
		case toml::node_type::floating_point: {
			char b[64];
			auto res = std::to_chars(b, b + sizeof b, n.as_floating_point()->get());
			return scalar(std::string(b, res.ptr), YAML_PLAIN_SCALAR_STYLE, r);
		}
		case toml::node_type::boolean:
			return scalar(n.as_boolean()->get() ? "true" : "false", YAML_PLAIN_SCALAR_STYLE, r);
		case toml::node_type::date:
			return scalar(date_text(n.as_date()->get()), YAML_PLAIN_SCALAR_STYLE, r);
		case toml::node_type::time:
			return scalar(time_text(n.as_time()->get()), YAML_PLAIN_SCALAR_STYLE, r);
		case toml::node_type::date_time: {
			const toml::date_time &dt = n.as_date_time()->get();
			std::string s = date_text(dt.date) + "T" + time_text(dt.time);
			if (dt.offset)
				s += offset_text(*dt.offset);
			return scalar(s, YAML_PLAIN_SCALAR_STYLE, r);
		}
		case toml::node_type::none:
			break;
		}
		return fail(r, "a TOML value of an unknown type");
	}

	int array(const toml::array &a, int depth)
	{
		if (depth >= TOMLDOC_MAX_DEPTH)
			return fail(a.source(), "arrays and tables nested more than %d deep", TOMLDOC_MAX_DEPTH);
		int id = yaml_document_add_sequence(doc, nullptr, YAML_ANY_SEQUENCE_STYLE);
		if (!id)
			return fail(a.source(), "out of memory");
		place(id, a.source());
		for (const toml::node &el : a) {
			int v = value(el, depth + 1);
			if (!v || !yaml_document_append_sequence_item(doc, id, v))
				return v ? fail(el.source(), "out of memory") : 0;
		}
		return id;
	}

	int table(const toml::table &t, int depth)
	{
		if (depth >= TOMLDOC_MAX_DEPTH)
			return fail(t.source(), "arrays and tables nested more than %d deep", TOMLDOC_MAX_DEPTH);
		int id = yaml_document_add_mapping(doc, nullptr, YAML_ANY_MAPPING_STYLE);
		if (!id)
			return fail(t.source(), "out of memory");
		place(id, t.source());
		/* toml++ keeps a table's keys sorted by name: back to source order. */
		std::vector<std::pair<const toml::key *, const toml::node *>> kv;
		kv.reserve(t.size());
		for (auto &&[k, v] : t)
			kv.emplace_back(&k, &v);
		std::stable_sort(kv.begin(), kv.end(), [](const auto &a, const auto &b) {
			const toml::source_position &x = a.first->source().begin, &y = b.first->source().begin;
			return x.line != y.line ? x.line < y.line : x.column < y.column;
		});
		for (const auto &[k, v] : kv) {
			int key = scalar(std::string(k->str()), YAML_PLAIN_SCALAR_STYLE, k->source());
			int val = key ? value(*v, depth + 1) : 0;
			if (!val)
				return 0;
			if (!yaml_document_append_mapping_pair(doc, id, key, val))
				return fail(k->source(), "out of memory");
		}
		return id;
	}
};

} // namespace

int tomldoc_load(yaml_document_t *doc, const char *buf, size_t len, tomldoc_error *err)
{
	*err = tomldoc_error{};
	yaml_document_t d;
	bool ready = false;
	try {
		toml::table root = toml::parse(std::string_view(buf, len));
		if (!yaml_document_initialize(&d, nullptr, nullptr, nullptr, 1, 1)) {
			snprintf(err->msg, sizeof err->msg, "out of memory");
			return -1;
		}
		ready = true;
		tomldoc_builder b{ &d, err };
		if (!b.table(root, 0)) {
			yaml_document_delete(&d);
			return -1;
		}
		*doc = d;
		return 0;
	} catch (const toml::parse_error &e) {
		err->line = (int)e.source().begin.line;
		err->col = (int)e.source().begin.column;
		std::string_view what = e.description();
		snprintf(err->msg, sizeof err->msg, "%.*s", (int)std::min(what.size(), sizeof err->msg - 1),
			 what.data());
	} catch (const std::bad_alloc &) {
		snprintf(err->msg, sizeof err->msg, "out of memory");
	} catch (...) {
		snprintf(err->msg, sizeof err->msg, "the TOML library failed");
	}
	if (ready)
		yaml_document_delete(&d);
	return -1;
}
