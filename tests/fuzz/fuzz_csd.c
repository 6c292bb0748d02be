/* fuzz_csd.c — libFuzzer harness: a .csd file through csd_parse, then its orchestra and score through their parsers. */
#include "../../src/lang/csd.h"
#include "../../src/lang/orch.h"
#include "../../src/lang/score.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* #include "x" resolves beside the file: in a folder that does not exist */
#define FILE_LABEL "/nonexistent-ondes-fuzz/fuzz.csd"

/* As ses_add_file reads a .csd: sections split, then the orchestra added
 * and compiled and the score parsed with their line offsets.  The text is
 * NUL-terminated in a buffer of exactly size + 1 bytes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    char err[1024];
    CSD c;
    memset(&c, 0, sizeof c);
    if (csd_parse(text, FILE_LABEL, &c, err, sizeof err) == 0) {
        if (c.orc) {
            LANG_ORCH *o = lang_orch_new();
            if (lang_orch_add(o, c.orc, strlen(c.orc), FILE_LABEL, c.orc_line, err, sizeof err) == 0) {
                LANG_HEADER h;
                lang_orch_header(o, &h);
                lang_orch_compile(o, &h, err, sizeof err);
            }
            lang_orch_free(o);
        }
        if (c.sco) {
            SCO sc;
            memset(&sc, 0, sizeof sc);
            if (sco_parse(c.sco, FILE_LABEL, c.sco_line, &sc, err, sizeof err) == 0) sco_free(&sc);
        }
        csd_free(&c);
    }
    free(text);
    return 0;
}
