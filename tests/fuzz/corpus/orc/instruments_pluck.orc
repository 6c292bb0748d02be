; pluck.orc — a plucked string (Karplus-Strong, Csound's pluck with simple averaging decay).
; Parameters: iamp (p4, 0–1), imidi (p5), kpan (p6).
instr pluck
  iamp = p4
  icps = cpsmidinn(p5)
  kpan = p6
  asig pluck iamp * 0dbfs, icps, icps, 0, 1
  aenv linsegr 1, p3, 1, 0.08, 0
  asig = asig * aenv
  aL, aR pan2 asig, kpan
  outch 1, aL, 2, aR
endin
