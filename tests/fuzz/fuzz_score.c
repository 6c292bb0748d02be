/* fuzz_score.c — libFuzzer harness: Csound score text through sco_parse (src/lang/score.c). */
#include "../../src/lang/score.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* sco_parse reads a NUL-terminated string: the input is copied into one of
 * exactly size + 1 bytes, so a read past the terminator is an ASan report. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    char err[1024];
    SCO sc;
    memset(&sc, 0, sizeof sc);
    if (sco_parse(text, "fuzz.sco", 1, &sc, err, sizeof err) == 0) {
        /* what the session reads of every event (schedule_score) */
        volatile double sum = sc.end_time;   /* keeps the reads */
        for (int i = 0; i < sc.n; i++) {
            const SCO_EVENT *e = &sc.ev[i];
            sum += e->time + e->dur;
            for (int k = 1; k <= e->np && k <= EV_MAXP; k++) sum += e->p[k];
            if (e->pstr)
                for (int k = 0; k <= e->np; k++)
                    if (e->pstr[k]) sum += (double)strlen(e->pstr[k]);
            if (e->instr_name) sum += (double)strlen(e->instr_name);
        }
        (void)sum;
        sco_free(&sc);
    }
    free(text);
    return 0;
}
