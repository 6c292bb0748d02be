/* fuzz_orc.c — libFuzzer harness: orchestra text through the preprocessor, parser and compiler (src/lang). */
#include "../../src/lang/orch.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* #include "x" resolves beside the file: in a folder that does not exist */
#define FILE_LABEL "/nonexistent-ondes-fuzz/fuzz.orc"

/*
 * The input is an .orc as ondes reads it: lang_expand_includes (what
 * --record-events keeps), lang_orch_add, then lang_orch_compile for the
 * header the orchestra sets, as ses_prepare does; a second pass adds the
 * same text as instruments (/instr/load while playing).  The text is
 * handed over exactly sized and not NUL-terminated: a read past its end is
 * an ASan report.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    char err[1024];
    free(lang_expand_includes(src, size, FILE_LABEL, 0));
    LANG_ORCH *o = lang_orch_new();
    if (lang_orch_add(o, src, size, FILE_LABEL, 1, err, sizeof err) == 0) {
        LANG_HEADER h;
        lang_orch_header(o, &h);
        if (lang_orch_compile(o, &h, err, sizeof err) == 0) {
            INSTR_TMPL *made[64];
            lang_orch_add_instruments(o, src, size, FILE_LABEL, 1, made, 64, err, sizeof err);
            for (int i = 0; i < lang_orch_count(o); i++) lang_orch_number(o, lang_orch_get(o, i)->name);
        }
    }
    lang_orch_free(o);
    return 0;
}
