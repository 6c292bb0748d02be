/* audiofile.c — sound file output (wav, flac, ogg, aiff) with libsndfile, interleaving planar blocks. */
#include "audiofile.h"
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct af_writer {
    SNDFILE *sf;
    int nchnls;
    float *inter;
    int cap;
};

static const char *ext_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static int sf_format(const char *path, const char *format, const char *bits, int *out, char *err, size_t errlen)
{
    const char *f = format ? format : ext_of(path);
    int major;
    if (!strcasecmp(f, "wav")) major = SF_FORMAT_WAV;
    else if (!strcasecmp(f, "flac")) major = SF_FORMAT_FLAC;
    else if (!strcasecmp(f, "ogg")) major = SF_FORMAT_OGG;
    else if (!strcasecmp(f, "aiff") || !strcasecmp(f, "aif")) major = SF_FORMAT_AIFF;
    else {
        snprintf(err, errlen, format ? "unknown format '%s' (wav, flac, ogg or aiff)"
                                     : "cannot tell the format from the extension '%s': use --format", f);
        return -1;
    }
    int sub;
    if (major == SF_FORMAT_OGG) {
        sub = SF_FORMAT_VORBIS;
    } else if (!bits || !strcmp(bits, "24")) {
        sub = SF_FORMAT_PCM_24;
    } else if (!strcmp(bits, "16")) {
        sub = SF_FORMAT_PCM_16;
    } else if (!strcmp(bits, "32f")) {
        if (major == SF_FORMAT_FLAC) { snprintf(err, errlen, "flac cannot hold 32-bit float samples"); return -1; }
        sub = SF_FORMAT_FLOAT;
    } else {
        snprintf(err, errlen, "unknown sample format '%s' (16, 24 or 32f)", bits);
        return -1;
    }
    *out = major | sub;
    return 0;
}

int af_check_format(const char *path, const char *format, const char *bits, char *err, size_t errlen)
{
    int f;
    return sf_format(path, format, bits, &f, err, errlen);
}

AF_WRITER *af_open_write(const char *path, double sr, int nchnls, const char *format, const char *bits,
                         char *err, size_t errlen)
{
    SF_INFO info;
    memset(&info, 0, sizeof info);
    if (sf_format(path, format, bits, &info.format, err, errlen)) return NULL;
    info.samplerate = (int)sr;
    info.channels = nchnls;
    if (!sf_format_check(&info)) {
        snprintf(err, errlen, "%s: libsndfile cannot write this format with %d channels at %d Hz", path, nchnls,
                 info.samplerate);
        return NULL;
    }
    SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
    if (!sf) {
        snprintf(err, errlen, "cannot open '%s' for writing: %s", path, sf_strerror(NULL));
        return NULL;
    }
    /* floats beyond ±1 are clipped by the engine's ceiling; let libsndfile
     * clip on integer conversion rather than wrap */
    sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
    AF_WRITER *w = calloc(1, sizeof *w);
    w->sf = sf;
    w->nchnls = nchnls;
    return w;
}

int af_write(AF_WRITER *w, const float *const *planar, int n, char *err, size_t errlen)
{
    if (n > w->cap) {
        free(w->inter);
        w->cap = n;
        w->inter = malloc(sizeof(float) * (size_t)n * (size_t)w->nchnls);
    }
    for (int i = 0; i < n; i++)
        for (int ch = 0; ch < w->nchnls; ch++) w->inter[(size_t)i * w->nchnls + ch] = planar[ch][i];
    if (sf_writef_float(w->sf, w->inter, n) != n) {
        snprintf(err, errlen, "write error: %s", sf_strerror(w->sf));
        return -1;
    }
    return 0;
}

int af_write_interleaved(AF_WRITER *w, const float *frames, int n, char *err, size_t errlen)
{
    if (sf_writef_float(w->sf, frames, n) != n) {
        snprintf(err, errlen, "write error: %s", sf_strerror(w->sf));
        return -1;
    }
    return 0;
}

int af_close(AF_WRITER *w, char *err, size_t errlen)
{
    int r = sf_close(w->sf);
    free(w->inter);
    free(w);
    if (r) {
        snprintf(err, errlen, "error closing the sound file: %s", sf_error_number(r));
        return -1;
    }
    return 0;
}
