/* icu_lazy: ICU's converter functions for libxml2's archive, loaded on
 * first use.
 *
 * libxml2 asks ICU for a character encoding that neither its own handlers
 * nor iconv know (feedcard reads and writes UTF-8, so in practice never).
 * Linked from its archive into the program (src/CMakeLists.txt), it would
 * bring ICU's shared library with it, and with that ICU's 30 MB data
 * library and the C++ runtime, loaded at every start: a millisecond of a
 * 20 ms build. These are the seven ICU functions the archive refers to;
 * each calls the real one, from libicuuc opened with dlopen when the first
 * of them is called. Without ICU there, ucnv_open fails as it does for an
 * encoding ICU does not know, and libxml2 reports the encoding unsupported.
 * Only in a program that links libxml2's archive. */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/uversion.h>

/* ICU's names carry its version (ucnv_open is ucnv_open_72): the header's
 * macros give the name the library exports. */
#define ICU_LAZY_STR2(x) #x
#define ICU_LAZY_STR(x) ICU_LAZY_STR2(x)

static struct {
	pthread_once_t once;
	UConverter *(*open)(const char *, UErrorCode *);
	void (*close)(UConverter *);
	void (*convert)(UConverter *, UConverter *, char **, const char *, const char **, const char *, UChar *,
			UChar **, UChar **, const UChar *, UBool, UBool, UErrorCode *);
	void (*set_to)(UConverter *, UConverterToUCallback, const void *, UConverterToUCallback *, const void **,
		       UErrorCode *);
	void (*set_from)(UConverter *, UConverterFromUCallback, const void *, UConverterFromUCallback *,
			 const void **, UErrorCode *);
	UConverterFromUCallback from_stop;
	UConverterToUCallback to_stop;
	int ok;
} icu_lazy = { PTHREAD_ONCE_INIT, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 };

static void icu_lazy_load(void)
{
	void *h = dlopen("libicuuc.so." U_ICU_VERSION_SHORT, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	/* POSIX lets dlsym's object pointer be converted to a function's. */
	*(void **)&icu_lazy.open = dlsym(h, ICU_LAZY_STR(ucnv_open));
	*(void **)&icu_lazy.close = dlsym(h, ICU_LAZY_STR(ucnv_close));
	*(void **)&icu_lazy.convert = dlsym(h, ICU_LAZY_STR(ucnv_convertEx));
	*(void **)&icu_lazy.set_to = dlsym(h, ICU_LAZY_STR(ucnv_setToUCallBack));
	*(void **)&icu_lazy.set_from = dlsym(h, ICU_LAZY_STR(ucnv_setFromUCallBack));
	*(void **)&icu_lazy.from_stop = dlsym(h, ICU_LAZY_STR(UCNV_FROM_U_CALLBACK_STOP));
	*(void **)&icu_lazy.to_stop = dlsym(h, ICU_LAZY_STR(UCNV_TO_U_CALLBACK_STOP));
	icu_lazy.ok = icu_lazy.open && icu_lazy.close && icu_lazy.convert && icu_lazy.set_to &&
		      icu_lazy.set_from && icu_lazy.from_stop && icu_lazy.to_stop;
}

UConverter *ucnv_open(const char *name, UErrorCode *err)
{
	pthread_once(&icu_lazy.once, icu_lazy_load);
	if (!icu_lazy.ok) {
		*err = U_FILE_ACCESS_ERROR;
		return NULL;
	}
	return icu_lazy.open(name, err);
}

/* The rest are only ever called with a converter ucnv_open made, so ICU is
 * loaded by then. */
void ucnv_close(UConverter *cnv)
{
	icu_lazy.close(cnv);
}

void ucnv_convertEx(UConverter *to, UConverter *from, char **target, const char *target_limit,
		    const char **source, const char *source_limit, UChar *pivot_start, UChar **pivot_source,
		    UChar **pivot_target, const UChar *pivot_limit, UBool reset, UBool flush, UErrorCode *err)
{
	icu_lazy.convert(to, from, target, target_limit, source, source_limit, pivot_start, pivot_source,
			 pivot_target, pivot_limit, reset, flush, err);
}

/* libxml2 names ICU's stop callbacks, which are ours here: ICU is given its
 * own (it may know them by address), and ours are given back. */
void ucnv_setToUCallBack(UConverter *cnv, UConverterToUCallback action, const void *ctx,
			 UConverterToUCallback *old_action, const void **old_ctx, UErrorCode *err)
{
	if (action == UCNV_TO_U_CALLBACK_STOP)
		action = icu_lazy.to_stop;
	icu_lazy.set_to(cnv, action, ctx, old_action, old_ctx, err);
	if (old_action && *old_action == icu_lazy.to_stop)
		*old_action = UCNV_TO_U_CALLBACK_STOP;
}

void ucnv_setFromUCallBack(UConverter *cnv, UConverterFromUCallback action, const void *ctx,
			   UConverterFromUCallback *old_action, const void **old_ctx, UErrorCode *err)
{
	if (action == UCNV_FROM_U_CALLBACK_STOP)
		action = icu_lazy.from_stop;
	icu_lazy.set_from(cnv, action, ctx, old_action, old_ctx, err);
	if (old_action && *old_action == icu_lazy.from_stop)
		*old_action = UCNV_FROM_U_CALLBACK_STOP;
}

/* Should anything call these of ours directly, they are ICU's. */
void UCNV_FROM_U_CALLBACK_STOP(const void *ctx, UConverterFromUnicodeArgs *args, const UChar *units,
			       int32_t len, UChar32 cp, UConverterCallbackReason reason, UErrorCode *err)
{
	icu_lazy.from_stop(ctx, args, units, len, cp, reason, err);
}

void UCNV_TO_U_CALLBACK_STOP(const void *ctx, UConverterToUnicodeArgs *args, const char *units, int32_t len,
			     UConverterCallbackReason reason, UErrorCode *err)
{
	icu_lazy.to_stop(ctx, args, units, len, reason, err);
}
