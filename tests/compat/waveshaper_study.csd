<CsoundSynthesizer>
; A waveshaping study: Chebyshev-polynomial timbres that move with k-rate
; coefficients, a polynomial distortion, powershape brightening, a mac/maca
; cross-mix and cmp-gated pulses, levels set in dBFS (ampdbfs) and pitches in
; octave-point-decimal (cpsoct) with cent detunings; global code sets the
; tempo constants.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

giBeat = 60 / 96
giLevel = ampdbfs(-14)

instr 1                          ; Chebyshev timbre: p4 oct
  ifreq = cpsoct(p4)
  kenv linseg 0, 0.05, 1, p3 - 0.25, 0.7, 0.2, 0
  kc line 0, p3, 1
  ain oscili 0.9, ifreq
  ash chebyshevpoly ain, 0, 1 - kc * 0.6, kc * 0.4, 0.2 * kc, 0, 0.15 * (1 - kc), 0.1
  outs ash * giLevel * kenv, ash * giLevel * kenv * 0.7
endin

instr 2                          ; polynomial and powershape: p4 oct
  ifreq = cpsoct(p4) * cent(-8)
  kenv expseg 0.001, 0.01, 1, p3 - 0.01, 0.001
  ain oscili 0.8, ifreq
  apoly polynomial ain, 0, 1, 0, -0.4, 0, 0.15
  kshape line 0.4, p3, 2.5
  apow powershape ain, kshape
  outs apoly * kenv * giLevel, apow * kenv * giLevel
endin

instr 3                          ; mac/maca cross-mix with cmp-gated pulses
  kmix line 0, p3, 1
  a1 oscili 0.6, cpsoct(7.0)
  a2 oscili 0.6, cpsoct(7.0 + 7 / 12) * cent(5)
  a3 oscili 0.6, cpsoct(8.0) * cent(-5)
  alfo oscili 1, 1 / giBeat
  amx mac 1 - kmix, a1, kmix, a2, 0.3, a3
  amc maca a1, alfo, a3, a2
  agate cmp alfo, ">", 0.3
  asum sum amx * 0.5, amc * 0.3
  outs asum * agate * giLevel, asum * (1 - agate) * giLevel
endin
</CsInstruments>
<CsScore>
i 1 0 2.5 7.0
i 1 2.5 2.5 7.583
i 2 5 1 8.0
i 2 6 1 7.75
i 2 7 1.5 8.25
i 3 8.5 4
e
</CsScore>
</CsoundSynthesizer>
