/* icu_lazy: linked as the program links it (libxml2's archive, no ICU),
 * ICU is not loaded at start, and is loaded and used when libxml2 first
 * needs an encoding only ICU has (SCSU: not in glibc's iconv). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/uversion.h>

#define ICU_SONAME "libicuuc.so." U_ICU_VERSION_SHORT

static void test_loaded_on_first_use(void **state)
{
	(void)state;
	assert_null(dlopen(ICU_SONAME, RTLD_NOW | RTLD_NOLOAD));
	/* UTF-8 needs no ICU. */
	const char *utf8 = "<?xml version='1.0' encoding='UTF-8'?><a>caf\xC3\xA9</a>";
	xmlDocPtr d = xmlReadMemory(utf8, (int)strlen(utf8), "u.xml", NULL, XML_PARSE_NONET);
	assert_non_null(d);
	xmlFreeDoc(d);
	assert_null(dlopen(ICU_SONAME, RTLD_NOW | RTLD_NOLOAD));
	/* SCSU encodes ASCII as itself: ICU decodes it. */
	const char *scsu = "<?xml version='1.0' encoding='SCSU'?><a>hello</a>";
	d = xmlReadMemory(scsu, (int)strlen(scsu), "s.xml", NULL, XML_PARSE_NONET);
	assert_non_null(d);
	xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(d));
	assert_string_equal((const char *)text, "hello");
	xmlFree(text);
	xmlFreeDoc(d);
	void *h = dlopen(ICU_SONAME, RTLD_NOW | RTLD_NOLOAD);
	assert_non_null(h);
	dlclose(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loaded_on_first_use),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
