<CsoundSynthesizer>
<CsInstruments>
; pan2.csd — pan2 in its four modes, with k-rate and a-rate positions, and out/outs/outch.
; difftest: sdr 110
; Why 110 dB: the gains are computed in double as in Csound; only the float
; audio differs — but an a-rate position is a float signal, and mode 1's
; sqrt(1 - p) near p = 1 turns its rounding into a 1e-4 gain difference
; (measured: 119.9 dB overall, every other part at float precision).
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1   ; k-rate position sweeping 0 → 1, mode p4
  asig oscili 0.4, 330
  kpan line 0, p3, 1
  aL, aR pan2 asig, kpan, p4
  outs aL, aR
endin

instr 2   ; a-rate position, mode p4
  asig oscili 0.4, 550
  apan = (oscili:a(0.5, 3) + 0.5)
  aL, aR pan2 asig, apan, p4
  out aL, aR
endin

instr 3   ; outch with channels in any order
  a1 oscili 0.2, 220
  a2 oscili 0.2, 440
  outch 2, a1, 1, a2
endin
</CsInstruments>
<CsScore>
i 1 0.0   0.5 0
i 1 0.5   0.5 1
i 1 1.0   0.5 2
i 1 1.5   0.5 3
i 2 2.0   0.5 0
i 2 2.5   0.5 1
i 2 3.0   0.5 2
i 2 3.5   0.5 3
i 3 4.01  0.5
e
</CsScore>
</CsoundSynthesizer>
