<CsoundSynthesizer>
; A string pad: three detuned vco2 saws per note through moogvcf, a stereo
; chorus from two vdelay3 lines swept by oscil LFOs, and an atone to clear
; the low end.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gach init 0

instr 1                         ; pad voice: p4 pitch (pch), p5 amp
  icps = cpspch(p4)
  kenv linseg 0, 0.6, 1, p3 - 1.2, 0.9, 0.6, 0
  a1 vco2 p5, icps * 0.997
  a2 vco2 p5, icps
  a3 vco2 p5, icps * 1.004
  af moogvcf (a1 + a2 + a3) * 0.33, 1500 + 800 * kenv, 0.2
  gach = gach + af * kenv
endin

instr 80                        ; chorus
  kl1 oscil 4, 0.31, 1
  kl2 oscil 4, 0.43, 1
  adl vdelay3 gach, 12 + kl1, 30
  adr vdelay3 gach, 15 + kl2, 30
  al atone gach + adl, 60
  ar atone gach + adr, 60
  outs al * 0.7, ar * 0.7
  gach = 0
endin
</CsInstruments>
<CsScore>
f1 0 4096 10 1
i80 0 6
i1 0 3 8.00 0.2
i1 0 3 8.04 0.2
i1 0 3 8.07 0.2
i1 2.5 3 7.09 0.2
i1 2.5 3 8.00 0.2
i1 2.5 3 8.04 0.2
e
</CsScore>
</CsoundSynthesizer>
