<CsoundSynthesizer>
; Microtonal tunings: a 19-tone equal temperament melody (cps2pch), a
; tritave-based Bohlen-Pierce-like scale (cpsxpch, 13 steps of 3/1), and a
; just scale from a GEN -2 table played by MIDI-like key numbers (cpstuni at
; i-time, cpstun stepping through keys at k-time); soft FM voices into a
; shared delay.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

; cpstun's format: numgrades, interval, basefreq, basekey, then the ratios
giJust ftgen 1, 0, 32, -2, 12, 2, 261.625, 60, 1, 1.0625, 1.125, 1.1875, 1.25, 1.3125, 1.40625, 1.5, 1.5625, 1.6875, 1.75, 1.875
giSine ftgen 2, 0, 8192, 10, 1
gaDel init 0

instr 1                          ; 19-TET voice: p4 pch in 19 steps per octave
  ifreq = cps2pch(p4, 19)
  kenv linseg 0, 0.02, 1, p3 - 0.12, 0.6, 0.1, 0
  amod oscili ifreq * 1.5 * kenv, ifreq * 2, 2
  acar oscili 0.18 * kenv, ifreq + amod, 2
  outs acar * 0.7, acar * 0.3
  gaDel = gaDel + acar * 0.3
endin

instr 2                          ; tritave scale: 13 steps of 3/1 from 110 Hz
  ifreq = cpsxpch(p4, 13, 3, 110)
  kenv expseg 0.001, 0.01, 1, p3 - 0.01, 0.001
  a1 oscili 0.15 * kenv, ifreq, 2
  a2 oscili 0.08 * kenv, ifreq * 3, 2
  outs (a1 + a2) * 0.3, (a1 + a2) * 0.7
  gaDel = gaDel + (a1 + a2) * 0.2
endin

instr 3                          ; just scale, a key per note (cpstuni)
  ifreq = cpstuni(p4, 1)
  kenv linseg 0, 0.005, 1, p3 - 0.005, 0
  a1 oscili 0.12 * kenv, ifreq, 2
  a2 oscili 0.06 * kenv, ifreq * 2.001, 2
  outs a1 + a2, a1 + a2
endin

instr 4                          ; cpstun arpeggio: a new key every 1/6 s
  kcnt timeinstk
  ktrig = kcnt % 230 == 1 ? 1 : 0
  kkey init p4 - 1
  kkey = ktrig == 1 ? kkey + 2 : kkey
  kfreq cpstun ktrig, kkey, 1
  kenv linseg 0, 0.05, 1, p3 - 0.1, 1, 0.05, 0
  a1 oscili 0.1 * kenv, kfreq, 2
  outs a1 * 0.5, a1
  gaDel = gaDel + a1 * 0.4
endin

instr 99                         ; ping-pong delay
  aL delay gaDel, 0.25
  aR delay gaDel + aL * 0.4, 0.375
  outs aL * 0.5, aR * 0.5
  gaDel = 0
endin
</CsInstruments>
<CsScore>
i 99 0 12
i 1 0.0 0.5 8.00
i 1 0.5 0.5 8.03
i 1 1.0 0.5 8.06
i 1 1.5 0.5 8.08
i 1 2.0 1.0 8.11
i 1 3.0 0.5 8.14
i 1 3.5 1.0 9.00
i 2 4.5 0.4 8.00
i 2 4.9 0.4 8.02
i 2 5.3 0.4 8.04
i 2 5.7 0.4 8.07
i 2 6.1 0.8 8.09
i 2 6.9 0.8 8.12
i 3 7.7 0.3 60
i 3 8.0 0.3 64
i 3 8.3 0.3 67
i 3 8.6 0.3 72
i 3 8.9 0.6 55
i 4 9.5 2 48
e
</CsScore>
</CsoundSynthesizer>
