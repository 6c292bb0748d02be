/* csd.h — reads a Csound unified file (.csd) into its orchestra, score and options. */
#ifndef ONDES_CSD_H
#define ONDES_CSD_H

#include <stddef.h>

typedef struct csd {
    char *orc;          /* text inside <CsInstruments>, or NULL */
    int orc_line;       /* line number in the file where that text starts */
    char *sco;          /* text inside <CsScore>, or NULL */
    int sco_line;
    char *options;      /* text inside <CsOptions>, or NULL */
    int options_line;
} CSD;

/* Read `path`. Returns 0, or -1 with "path:line:col: message" in err
 * (missing file, no <CsoundSynthesizer>, unterminated section…). */
int csd_read(const char *path, CSD *out, char *err, size_t errlen);
/* The same from text already in memory. */
int csd_parse(const char *text, const char *path, CSD *out, char *err, size_t errlen);
void csd_free(CSD *c);

#endif
