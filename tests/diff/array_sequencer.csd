<CsoundSynthesizer>
; A step sequencer driven by arrays: pitches from a global i-array made in
; the header, accents from fillarray as a function, a 2-D pattern whose rows
; are chosen per note (p4), the step counter written back into an array
; (kArr[k] = …) and read inside expressions and as opcode arguments.
; Any wrong element, index or rate of an array read changes the notes.
; difftest: sdr 60
; Same oscillators and envelopes on both sides; measured well above 100 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

giPitch[] fillarray 60, 62, 63, 65, 67, 68, 70, 72
gkCount[] init 4

instr 1
  kAcc[] = fillarray(1, 0.4, 0.7, 0.4, 0.9, 0.3, 0.6, 0.5)
  kPat[][] init 2, 8
  kPat fillarray 0, 2, 4, 7, 4, 2, 1, 3,   7, 5, 3, 1, 6, 4, 2, 0
  krow = p4
  kstep init -1
  kt timeinsts
  knext = int(kt * 8) % 8
  if knext != kstep then
    kstep = knext
    gkCount[p4] = gkCount[p4] + 1
  endif
  kidx = kPat[krow][kstep]
  kfreq = cpsmidinn(giPitch[kidx] + 12 * krow)
  kamp = kAcc[kstep] * 0.2
  kenv = kamp
  a1 oscili kenv, kfreq
  a2 oscili kenv * 0.5, kfreq * 1.5
  outs a1, a2 + a1 * gkCount[p4] / 100
endin
</CsInstruments>
<CsScore>
i1 0 2 0
i1 0.5 1.5 1
</CsScore>
</CsoundSynthesizer>
