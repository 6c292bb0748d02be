<CsoundSynthesizer>
; An array-driven step sequencer: a global 2-D pattern (voices × steps) of
; scale degrees and a global scale made in the header; two sequencer voices
; step through them on a k-cycle clock, taking pitch, accent and filter
; sweep from array elements; a bass line reads its own k-array, transposed
; by whole-array arithmetic every bar; an echo reads a global a-array bus the
; voices write element by element.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

giScale[] fillarray 0, 2, 3, 5, 7, 8, 10, 12, 14, 15
giPat[][] init 2, 8
giPat fillarray 0, 2, 4, 2, 5, 4, 2, 7,   4, 6, 7, 9, 7, 6, 4, 2
giVel[] fillarray 0.9, 0.4, 0.6, 0.4, 0.8, 0.4, 0.6, 0.5
gaBus[] init 2

instr 1                         ; sequencer voice: p4 row, p5 k-cycles per step, p6 octave, p7 pan
  kcnt init 0
  ks = int(kcnt / p5) % 8
  kph = (kcnt % p5) / p5
  kcnt += 1
  kdeg = giPat[p4][ks]
  kf = cpsmidinn(p6 + giScale[kdeg])
  kenv = giVel[ks] * (1 - kph) * (1 - kph)
  a1 vco2 0.2 * kenv, kf, 10
  af moogladder a1, 300 + 3000 * kenv, 0.3
  al, ar pan2 af, p7
  gaBus[0] = gaBus[0] + al * 0.3
  gaBus[1] = gaBus[1] + ar * 0.3
  outs al, ar
endin

instr 3                         ; bass: transposed by array arithmetic every bar
  kBass[] fillarray 36, 36, 43, 41, 36, 48, 46, 43
  kShift[] init 8
  kcnt init 0
  kbar = int(kcnt / 3000)
  kShift = kBass + (kbar % 2) * 5
  kn = int(kcnt / 375) % 8
  kcnt += 1
  kf = cpsmidinn(kShift[kn])
  a1 vco2 0.15, kf
  af tone a1, 800
  outs af, af
endin

instr 99                        ; echo of the bus
  aL = gaBus[0]
  aR = gaBus[1]
  adl delay aL, 0.25
  adr delay aR, 0.375
  outs adr * 0.6, adl * 0.6
  aZero = 0
  gaBus = aZero
endin
</CsInstruments>
<CsScore>
i99 0 9
i1 0 8 0 188 60 0.3
i1 2 6 1 376 72 0.7
i3 0 8
</CsScore>
</CsoundSynthesizer>
