; bell.orc — John Chowning's FM bell: an inharmonic modulator (ratio 1.4) whose index decays with the amplitude.
; Parameters: iamp (p4, 0–1), imidi (p5), kpan (p6). The note rings for p3 seconds.
instr bell
  iamp = p4
  ifreq = cpsmidinn(p5)
  kpan = p6
  imod = ifreq * 1.4
  aenv expseg 1, p3, 0.001
  aindex = aenv * 10
  amod oscili aindex * imod, imod
  acar oscili aenv * iamp * 0dbfs, ifreq + amod
  aL, aR pan2 acar, kpan
  outch 1, aL, 2, aR
endin
