/* engine_kit.h — the unit tests' engine: an orchestra compiled and installed on a fresh engine. */
#ifndef ONDES_ENGINE_KIT_H
#define ONDES_ENGINE_KIT_H

#include "../../src/engine/engine.h"
#include "../../src/lang/orch.h"
#include <string.h>

/* The orchestra `orc` (named `file` in errors) on an engine with its header's
 * rates and channels, `max_voices` voices and `mem_bytes` of note memory (0:
 * the default); instr 0 has run.  *po gets the orchestra (free it after the
 * engine); NULL with err (512 bytes) set on an error. */
static ENGINE *kit_engine(const char *orc, const char *file, int max_voices, size_t mem_bytes, LANG_ORCH **po,
                          char *err)
{
    LANG_ORCH *o = lang_orch_new();
    *po = o;
    if (lang_orch_add(o, orc, strlen(orc), file, 1, err, 512)) return NULL;
    LANG_HEADER h;
    lang_orch_header(o, &h);
    if (lang_orch_compile(o, &h, err, 512)) return NULL;
    ENG_CONFIG cfg;
    eng_config_default(&cfg);
    cfg.sr = h.sr;
    cfg.ksmps = h.ksmps;
    cfg.nchnls = h.nchnls;
    cfg.dbfs = h.dbfs;
    cfg.max_voices = max_voices;
    if (mem_bytes) cfg.mem_bytes = mem_bytes;
    ENGINE *e = eng_new(&cfg, err, 512);
    if (!e) return NULL;
    for (int i = 0; i < lang_orch_count(o); i++) eng_set_instr(e, lang_orch_get(o, i)->num, lang_orch_get(o, i));
    if (lang_orch_instr0(o)) eng_run_instr0(e, lang_orch_instr0(o));
    return e;
}

#endif
