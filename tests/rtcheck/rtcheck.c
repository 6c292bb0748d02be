/* rtcheck.c — an LD_PRELOAD probe that counts what the JACK process callback must never do: allocate, lock, block on I/O. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jack/jack.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * How it knows the audio thread: it wraps jack_set_process_callback (a call
 * into libjack, so LD_PRELOAD can interpose it) and registers its own
 * callback, which marks the thread as real-time for exactly the duration of
 * ondes' callback.  Every malloc, calloc, realloc, free, aligned allocation,
 * mutex lock, write and send made while marked is counted; at exit the
 * counts go to stderr as "rtcheck: N forbidden calls on the audio thread
 * (…)" for the test to read, and RTCHECK_ABORT=1 aborts at the first one
 * (to get a backtrace in a debugger).
 */

static _Thread_local int in_rt;
static _Atomic long counts[8];
static const char *const names[8] = { "malloc", "calloc", "realloc", "free", "aligned_alloc", "mutex_lock",
                                      "write", "send" };
static _Atomic long callbacks;

static JackProcessCallback real_cb;
static void *real_arg;

static void hit(int k)
{
    if (!in_rt) return;
    atomic_fetch_add(&counts[k], 1);
    if (getenv("RTCHECK_ABORT")) abort();
}

/* dlsym may itself call calloc: serve it from a small static area meanwhile */
static char boot[4096];
static size_t boot_used;
static int resolving;

#define REAL(type, name, args)                                                   \
    static type(*real_##name) args;                                              \
    if (!real_##name) {                                                          \
        resolving = 1;                                                           \
        real_##name = (type(*) args)dlsym(RTLD_NEXT, #name);                     \
        resolving = 0;                                                           \
    }

void *malloc(size_t n)
{
    REAL(void *, malloc, (size_t));
    hit(0);
    return real_malloc(n);
}

void *calloc(size_t a, size_t b)
{
    if (resolving) {
        size_t n = (a * b + 15) & ~(size_t)15;
        if (boot_used + n > sizeof boot) return NULL;
        void *p = boot + boot_used;
        boot_used += n;
        return p;
    }
    REAL(void *, calloc, (size_t, size_t));
    hit(1);
    return real_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
    REAL(void *, realloc, (void *, size_t));
    hit(2);
    return real_realloc(p, n);
}

void free(void *p)
{
    if ((char *)p >= boot && (char *)p < boot + sizeof boot) return;
    REAL(void, free, (void *));
    if (p) hit(3);
    real_free(p);
}

void *aligned_alloc(size_t al, size_t n)
{
    REAL(void *, aligned_alloc, (size_t, size_t));
    hit(4);
    return real_aligned_alloc(al, n);
}

int posix_memalign(void **out, size_t al, size_t n)
{
    REAL(int, posix_memalign, (void **, size_t, size_t));
    hit(4);
    return real_posix_memalign(out, al, n);
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
    REAL(int, pthread_mutex_lock, (pthread_mutex_t *));
    hit(5);
    return real_pthread_mutex_lock(m);
}

ssize_t write(int fd, const void *b, size_t n)
{
    REAL(ssize_t, write, (int, const void *, size_t));
    hit(6);
    return real_write(fd, b, n);
}

ssize_t sendto(int fd, const void *b, size_t n, int fl, const struct sockaddr *a, socklen_t al)
{
    REAL(ssize_t, sendto, (int, const void *, size_t, int, const struct sockaddr *, socklen_t));
    hit(7);
    return real_sendto(fd, b, n, fl, a, al);
}

static int marked_cb(jack_nframes_t n, void *arg)
{
    in_rt = 1;
    int r = real_cb(n, real_arg);
    in_rt = 0;
    atomic_fetch_add(&callbacks, 1);
    return r;
}

int jack_set_process_callback(jack_client_t *c, JackProcessCallback cb, void *arg)
{
    REAL(int, jack_set_process_callback, (jack_client_t *, JackProcessCallback, void *));
    real_cb = cb;
    real_arg = arg;
    return real_jack_set_process_callback(c, marked_cb, NULL);
}

__attribute__((destructor)) static void report(void)
{
    long total = 0;
    char detail[256] = "";
    size_t used = 0;
    for (int k = 0; k < 8; k++) {
        long v = atomic_load(&counts[k]);
        total += v;
        if (v && used < sizeof detail - 40) used += (size_t)snprintf(detail + used, sizeof detail - used, " %s %ld", names[k], v);
    }
    char line[400];
    int n = snprintf(line, sizeof line, "rtcheck: %ld forbidden calls on the audio thread in %ld callbacks%s%s\n",
                     total, atomic_load(&callbacks), total ? ":" : "", detail);
    ssize_t w = (write)(2, line, (size_t)n);
    (void)w;
}
