/* tablework.h — the table worker: one thread, made at start, that makes the tables live commands ask for. */
#ifndef ONDES_TABLEWORK_H
#define ONDES_TABLEWORK_H

#include <stddef.h>
#include "../engine/engine.h"
#include "../engine/ftable.h"

/*
 * A large /table/gen or any /table/read (a file) may take seconds; made on
 * the control thread it stalled every client and the recording.  The
 * control thread submits the request here and goes on; the worker makes the
 * table (eng_make_table: it allocates and reads files, never touches the
 * audio thread) and marks the job done; the control thread polls jobs and
 * posts the table to the engine the usual way (EV_TABLE through the ring).
 * Jobs are made one at a time, in the order submitted.  Only the control
 * thread submits, polls and frees; the lock is between it and the worker.
 */
typedef struct tablework TABLEWORK;
typedef struct tw_job TW_JOB;

/* Start the worker thread (once, at start).  NULL with a message in err. */
TABLEWORK *tw_new(ENGINE *e, char *err, size_t errlen);
/* Stop it: the job in hand is finished, the others are left undone (their
 * owners free them with tw_job_free); waits for the thread. */
void tw_free(TABLEWORK *w);

/* Queue table `num` (eng_make_table's arguments; path may be NULL).
 * NULL when out of memory. */
TW_JOB *tw_submit(TABLEWORK *w, int num, int size, int gen, const double *args, int nargs, const char *path);
/* 1 once made: *t is the table (the caller owns it), or NULL with the reason
 * in *why; 0 while still in the queue or being made. */
int tw_result(TW_JOB *j, FTABLE **t, const char **why);
/* Free a job (and its table, unless tw_result handed it on); not while the
 * worker may still hold it: only after tw_result said 1, or after tw_free. */
void tw_job_free(TW_JOB *j);

#endif
