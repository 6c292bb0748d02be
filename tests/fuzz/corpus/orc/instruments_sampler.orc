; sampler.orc — plays a sound file table (GEN 1, e.g. from /table/read or an f statement) at a speed.
; Parameters: itab (p4, table number), kspeed (p5, 1 = original pitch), kamp (p6, gain), kpan (p7).
instr sampler
  itab = p4
  kspeed = p5
  kamp = p6
  kpan = p7
  asig loscil kamp * 0dbfs, kspeed, itab, 1
  aenv linsegr 1, p3, 1, 0.02, 0
  aL, aR pan2 asig * aenv, kpan
  outch 1, aL, 2, aR
endin
