; sine.orc — a sine voice with a click-free attack and release.
; Parameters: kamp (p4, 0–1 of full scale), kmidi (p5, MIDI note, fractional allowed), kpan (p6, 0 left … 1 right).
instr sine
  kamp = p4
  kmidi = p5
  kpan = p6
  aenv linsegr 0, 0.005, 1, 0.05, 0
  asig = oscili:a(kamp * 0dbfs, mtof:k(kmidi)) * aenv
  aL, aR pan2 asig, kpan
  outch 1, aL, 2, aR
endin
