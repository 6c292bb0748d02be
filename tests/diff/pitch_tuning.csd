<CsoundSynthesizer>
<CsInstruments>
; pitch_tuning.csd — the tuning opcodes as melodies: cps2pch and cpsxpch in
; equal temperaments (12, 19, 10 steps of a tritave) and over a tuning table,
; cpstuni and cpstun over GEN -2 tables in cpstun's format (keys below and
; above the base key, a triggered k-rate change).
; difftest: sdr 90
; Why 90 dB: frequencies are computed in double as in Csound; the tables'
; ratios are values a float holds exactly (ondes' tables are floats).
sr = 48000
ksmps = 16
nchnls = 2
0dbfs = 1

giScale ftgen 1, 0, 16, -2, 1, 1.0625, 1.125, 1.1875, 1.25, 1.3125, 1.40625, 1.5, 1.5625, 1.6875, 1.75, 1.875, 2
giTun ftgen 2, 0, 64, -2, 12, 2, 261.625, 60, 1, 1.0625, 1.125, 1.1875, 1.25, 1.3125, 1.40625, 1.5, 1.5625, 1.6875, 1.75, 1.875
giPel ftgen 3, 0, 16, -2, 5, 3, 200, 48, 1, 1.25, 1.5, 1.75, 2.5

instr 1   ; p4 pch
  a1 oscili 0.1, cps2pch(p4, 12)
  a2 oscili 0.1, cps2pch(p4, 19)
  a3 oscili 0.1, cpsxpch(p4, 10, 3, 50)
  a4 oscili 0.1, cps2pch(p4, -1)
  a5 oscili 0.1, cpsxpch(p4, -1, 2, 16.3516)
  outs a1 + a3 + a5, a2 + a4
endin

instr 2   ; p4 key
  a1 oscili 0.15, cpstuni(p4, 2)
  kcnt timeinstk
  ktrig = kcnt % 375 == 1 ? 1 : 0   ; eight times a second
  kkey init p4
  kkey = ktrig == 1 ? kkey + 1 : kkey
  kf cpstun ktrig, kkey, 3
  a2 oscili 0.15, kf
  outs a1, a2
endin
</CsInstruments>
<CsScore>
i 1 0 0.25 8.00
i 1 + . 8.01
i 1 + . 8.07
i 1 + . 8.11
i 1 + . 7.12
i 1 + . 9.05
i 1 + . 6.095
i 2 2 1 55
i 2 3 1 64
i 2 4 1 36
e
</CsScore>
</CsoundSynthesizer>
