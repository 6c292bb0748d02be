/* test_registry.c — the opcode registry and interface v2: descriptor invariants, what the compiler tells an instance (rates, arguments given, prep's loop), shared engine state. */
#include "check.h"
#include "engine_kit.h"
#include "../../src/engine/engine.h"
#include "../../src/lang/orch.h"
#include "../../src/opcodes/registry.h"
#include <stddef.h>
#include <string.h>

/* Every descriptor is well formed: one that takes arguments names them
 * (OP_ARGS_IN) and they fit in its struct, type letters are Csound's, no two
 * forms of a name share a signature, every one belongs to a family with a
 * manual section. */
static void test_descriptors(void)
{
    int n;
    const OP_DESC *const *all = op_all(&n);
    CHECK(n > 100);
    for (int i = 0; i < n; i++) {
        const OP_DESC *d = all[i];
        int inl = OP_ARGS_INLINE(d->flags);
        CHECKF(d->size >= sizeof(OP) + (size_t)inl * sizeof(OP_ARG), "%s: OP_ARGS_IN(%d) does not fit in %zu bytes",
               d->name, inl, d->size);
        /* every family is on interface v2: arguments are named in the struct */
        if (d->out[0] || d->in[0])
            CHECKF(inl > 0, "%s %s:%s takes arguments without OP_ARGS_IN", d->name, d->out, d->in);
        if (inl) {
            /* a fixed signature needs room for every argument it can take */
            int variadic = strpbrk(d->in, "mMzyNZ") || strpbrk(d->out, "mzI");
            if (!variadic)
                CHECKF((int)(strlen(d->out) + strlen(d->in)) <= inl, "%s %s:%s: OP_ARGS_IN(%d) is too small", d->name,
                       d->out, d->in, inl);
        }
        CHECKF(strspn(d->in, "akixSTUcopjqvhOPVJmMzyNZlDKAYRQ") == strlen(d->in), "%s: bad input letters '%s'", d->name, d->in);
        CHECKF(strspn(d->out, "akiSmzXIDKAQ") == strlen(d->out), "%s: bad output letters '%s'", d->name, d->out);
        CHECKF(d->init || d->perf || d->prep, "%s: does nothing", d->name);
        if (i > 0 && !strcmp(all[i - 1]->name, d->name))
            CHECKF(strcmp(all[i - 1]->out, d->out) || strcmp(all[i - 1]->in, d->in), "%s %s:%s registered twice",
                   d->name, d->out, d->in);
        const OP_FAMILY_DESC *f = op_family_of(d);
        CHECKF(f && f->section && f->section[0], "%s: no family or manual section", d->name);
        if (d->shared) CHECKF(d->shared->name && d->shared->size > 0, "%s: unnamed or empty shared state", d->name);
    }
    int nf;
    const OP_FAMILY_DESC *const *fam = op_families(&nf);
    CHECK(nf >= 10);
    for (int i = 0; i < nf; i++)
        for (int k = i + 1; k < nf; k++) CHECKF(strcmp(fam[i]->name, fam[k]->name), "family %s twice", fam[i]->name);
}

static LANG_ORCH *compile(const char *orc)
{
    char err[512];
    LANG_ORCH *o = lang_orch_new();
    LANG_HEADER h;
    if (lang_orch_add(o, orc, strlen(orc), "t.orc", 1, err, sizeof err) == 0) {
        lang_orch_header(o, &h);
        if (lang_orch_compile(o, &h, err, sizeof err) == 0) return o;
    }
    fprintf(stderr, "compile: %s\n", err);
    lang_orch_free(o);
    return NULL;
}

/* The OP of the k-th perf step of instrument `t` calling `name`. */
static const OP *find_op(const INSTR_TMPL *t, const char *name, int k)
{
    for (int i = 0; i < t->nperf; i++) {
        if (!t->perf[i].fn) continue;
        const OP *op = (const OP *)(t->image + t->perf[i].op_off);
        if (!strcmp(op->desc->name, name) && k-- == 0) return op;
    }
    return NULL;
}

/* One descriptor serves both rates; the instance knows which it got, how many
 * arguments were written, and runs the loop its prep picked. */
static void test_instance_rates(void)
{
    LANG_ORCH *o = compile("instr 1\n"
                           "a0 = 0\n"
                           "a1 tone a0, 100\n"
                           "a2 tone a0, a0, 1\n"
                           "a3 vco2 0.1, 220\n"
                           "a4 vco2 0.1, 220, 2, 0.3\n"
                           "out a1 + a2 + a3 + a4\n"
                           "endin\n");
    CHECK(o != NULL);
    if (!o) return;
    const INSTR_TMPL *t = lang_orch_get(o, 0);
    const OP *k = find_op(t, "tone", 0), *a = find_op(t, "tone", 1);
    CHECK(k && a);
    if (k && a) {
        CHECK(k->desc == a->desc);                   /* one row for both rates */
        CHECK(op_isa(k, 0) && op_isa(k, 1) && !op_isa(k, 2) && !op_isa(k, 3));
        CHECK(op_isa(a, 2) && !op_isa(a, 3));
        CHECK(k->ngiven == 2 && k->nin == 3);        /* istor was the default */
        CHECK(a->ngiven == 3);
        /* prep picked a different loop for the a-rate cutoff */
        const CHAIN_STEP *sk = NULL, *sa = NULL;
        for (int i = 0; i < t->nperf; i++) {
            if ((const OP *)(t->image + t->perf[i].op_off) == k) sk = &t->perf[i];
            if ((const OP *)(t->image + t->perf[i].op_off) == a) sa = &t->perf[i];
        }
        CHECK(sk && sa && sk->fn != sa->fn);
        /* named fields: the argument pointers are laid right after the header */
        uint32_t at = (uint32_t)((const unsigned char *)k - t->image);
        int inl = 0;
        for (int i = 0; i < t->nrelocs; i++)
            if (t->relocs[i].at == at + offsetof(OP, arg))
                inl = t->relocs[i].base == REL_LOCAL && t->relocs[i].off == at + sizeof(OP);
        CHECK(inl);
    }
    const OP *v3 = find_op(t, "vco2", 0), *v4 = find_op(t, "vco2", 1);
    CHECK(v3 && v4 && v3->desc == v4->desc && v3->ngiven == 2 && v4->ngiven == 4);
    lang_orch_free(o);
}

/* Shared state: made once per engine whatever the number of instruments
 * using it, and separate between engines (two engines give the same random
 * sequence from the same seed). */
static double last_random(const char *orc)
{
    char err[512];
    LANG_ORCH *o;
    ENGINE *e = kit_engine(orc, "t.orc", 4, 0, &o, err);   /* instruments installed (prepared), instr 0 run */
    CHECKF(e != NULL, "%s", err);
    double v = -1;
    if (e) {
        size_t n = eng_msg_read(e, err, sizeof err - 1);
        err[n] = 0;
        CHECKF(n == 0, "instr 0 said: %s", err);   /* seed ran without an init error */
        for (int i = 0; i < lang_orch_count(o); i++)   /* prepared again: nothing new, no error */
            CHECK(eng_prepare_instr(e, lang_orch_get(o, i), err, sizeof err) == 0);
        ENG_EVENT ev;
        memset(&ev, 0, sizeof ev);
        ev.type = EV_START;
        ev.instr = 1;
        ev.np = 3;
        ev.p[1] = 1;
        ev.p[3] = -1;
        eng_schedule(e, &ev);
        float buf[16];
        float *p[1] = { buf };
        for (int b = 0; b < 4; b++) eng_process(e, p, NULL, 16);
        long off = lang_orch_global_offset(o, "gk");
        if (off >= 0) v = *(double *)((char *)eng_globals(e) + off);
        eng_free(e);
    }
    lang_orch_free(o);
    return v;
}

static void test_shared_state(void)
{
    const char *seeded = "gk init 0\nseed 7\ninstr 1\ngk random 0, 1000\nendin\ninstr 2\nk1 random 0, 1\nendin\n";
    double a = last_random(seeded), b = last_random(seeded);
    CHECK(a >= 0 && a <= 1000);
    CHECK(a == b);   /* each engine its own generator: the same seed, the same sequence */
    double c = last_random("gk init 0\nseed 8\ninstr 1\ngk random 0, 1000\nendin\n");
    CHECK(c >= 0 && c != a);
}

int main(void)
{
    test_descriptors();
    test_instance_rates();
    test_shared_state();
    return CHECK_RESULT();
}
