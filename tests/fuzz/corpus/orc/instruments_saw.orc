; saw.orc — subtractive voice: a band-limited sawtooth (vco2) through a Moog ladder filter, with an ADSR.
; Parameters: kamp (p4, 0–1), kmidi (p5), kcutoff (p6, Hz), kres (p7, 0–1), kpan (p8).
instr saw
  kamp = p4
  kmidi = p5
  kcutoff = p6
  kres = p7
  kpan = p8
  kenv madsr 0.01, 0.15, 0.7, 0.25
  asig vco2 kamp * 0dbfs, mtof:k(kmidi)
  afilt moogladder asig, kcutoff, kres
  afilt = afilt * kenv
  aL, aR pan2 afilt, kpan
  outch 1, aL, 2, aR
endin
