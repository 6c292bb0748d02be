<CsoundSynthesizer>
; a-rate arrays: a two-element array of oscillators sent with outch, its
; elements mixed, scaled by a k value (a[] * k) and by another a-array's
; elements, summed (sumarray), written element by element from audio
; expressions; a global a-array bus filled by one instrument and read and
; cleared (gaBus = asig) by another.  Not here: a[] * a[] and a[] = a[]
; (Csound 6.18 crashes on exit, or refuses a second note's copy).
; difftest: sdr 60
; Measured above 100 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gaBus[] init 2

instr 1
  aOut[] init 2
  aOut[0] oscili 0.2, p4
  aOut[1] = oscili(0.15, p4 * 1.5) + aOut[0] * 0.25
  kg line 1, p3, 0.2
  aG[] = aOut * kg
  aW[] init 2
  aW[0] oscili 1, 3
  aW[1] = aW[0] * -1
  aP[] init 2
  aP[0] = aG[0] * aW[0]
  aP[1] = aG[1] * aW[1]
  aMix sumarray aP

  gaBus[0] = gaBus[0] + aP[0] * 0.5
  gaBus[1] = gaBus[1] + aP[1] * 0.5
  outch 1, aG[0] + aMix * 0.2, 2, aG[1]
endin

instr 99
  aL = gaBus[0]
  aR = gaBus[1]
  aD delay aL + aR, 0.05
  outs aD * 0.5, aD * 0.4
  aZero = 0
  gaBus = aZero
endin
</CsInstruments>
<CsScore>
i99 0 2.2
i1 0 1 330
i1 0.4 1.2 440
</CsScore>
</CsoundSynthesizer>
