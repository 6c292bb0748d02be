/* audiofile.h — writing rendered audio to sound files through libsndfile. */
#ifndef ONDES_AUDIOFILE_H
#define ONDES_AUDIOFILE_H

#include <stddef.h>

typedef struct af_writer AF_WRITER;

/* format: "wav", "flac", "ogg", "aiff" or NULL (from the file's extension);
 * bits: "16", "24", "32f" or NULL (24 for wav/aiff/flac; ogg ignores it).
 * Returns NULL with a message in err. */
AF_WRITER *af_open_write(const char *path, double sr, int nchnls, const char *format, const char *bits,
                         char *err, size_t errlen);
/* Write n frames from nchnls planar buffers. Returns 0 or -1 (err set). */
int af_write(AF_WRITER *w, const float *const *planar, int n, char *err, size_t errlen);
/* Write n frames already interleaved (nchnls floats a frame). */
int af_write_interleaved(AF_WRITER *w, const float *frames, int n, char *err, size_t errlen);
int af_close(AF_WRITER *w, char *err, size_t errlen);

/* Check format and bits names without opening anything (for the CLI). */
int af_check_format(const char *path, const char *format, const char *bits, char *err, size_t errlen);

#endif
