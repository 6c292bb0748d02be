/* fuzz_evlist.c — libFuzzer harness: event-list text through evl_parse (src/lang/evlist.c). */
#include "../../src/lang/evlist.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The text is handed over exactly sized and not NUL-terminated (evl_parse
 * takes a length): a read past its end is an ASan report. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    EVL_CMD *cmds = NULL;
    int n = 0;
    char err[1024];
    if (evl_parse((const char *)data, size, "fuzz.events", &cmds, &n, err, sizeof err) == 0) {
        volatile size_t sum = 0;   /* keeps the reads */
        for (int i = 0; i < n; i++) {
            sum += strlen(cmds[i].addr);
            for (int k = 0; k < cmds[i].nargs; k++)
                if (cmds[i].args[k].type == 's') sum += strlen(cmds[i].args[k].s);
        }
        (void)sum;
        evl_free(cmds, n);
    }
    return 0;
}
