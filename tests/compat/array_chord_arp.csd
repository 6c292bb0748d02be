<CsoundSynthesizer>
; Chords and arpeggios from arrays: a progression stored as a 2-D i-array
; (chords × notes); an arpeggiator copies the current chord row into a
; k-array, sorts it up or down (sorta, sortd) by bar, and steps through it;
; a pad builds its wavetable from an array of harmonic amplitudes
; (genarray, arithmetic, copya2ftab) and plays the chord's notes from an
; a-array of oscillators mixed with sumarray; lenarray and maxarray set the
; loop lengths and the level.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

giChords[][] init 4, 4
giChords fillarray 57, 60, 64, 67,  53, 57, 60, 64,  55, 59, 62, 67,  52, 55, 59, 64
giHarm ftgen 1, 0, 8, -2, 0

instr 1                         ; arpeggiator: p4 k-cycles per step
  kNotes[] init 4
  kcnt init 0
  kchord = int(kcnt / (p4 * 8)) % 4
  kstep = int(kcnt / p4)
  kph = (kcnt % p4) / p4
  kcnt += 1
  ki = 0
  while ki < 4 do
    kNotes[ki] = giChords[kchord][ki]
    ki += 1
  od
  if kchord % 2 == 0 then
    kOrd[] sorta kNotes
  else
    kOrd sortd kNotes
  endif
  kn = kOrd[kstep % lenarray(kNotes)]
  kenv = (1 - kph) ^ 3
  a1 oscili 0.15 * kenv, cpsmidinn(kn + 12)
  a2 oscili 0.05 * kenv, cpsmidinn(kn + 24)
  outs a1 + a2 * 0.5, a1 * 0.5 + a2
endin

instr 2                         ; pad: harmonic amplitudes from array arithmetic
  iH[] genarray 1, 8
  iAmp[] = 1 / iH
  iAmp2[] = iAmp * iAmp
  copya2ftab iAmp2, giHarm
  imax maxarray iAmp2
  aOsc[] init 4
  kcnt init 0
  kchord = int(kcnt / (p4 * 8)) % 4
  kcnt += 1
  aOsc[0] oscili 0.04 / imax, cpsmidinn(giChords[kchord][0] - 12)
  aOsc[1] oscili 0.03 / imax, cpsmidinn(giChords[kchord][1] - 12) * 1.002
  aOsc[2] oscili 0.03 / imax, cpsmidinn(giChords[kchord][2] - 12) * 0.998
  aOsc[3] oscili 0.02 / imax, cpsmidinn(giChords[kchord][3])
  aSum sumarray aOsc
  kh table 1, giHarm
  aT tone aSum, 600 + 2000 * kh
  outs aT, aT
endin
</CsInstruments>
<CsScore>
i1 0 8 187.5
i2 0 8 187.5
</CsScore>
</CsoundSynthesizer>
