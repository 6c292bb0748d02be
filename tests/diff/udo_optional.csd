<CsoundSynthesizer>
; Optional UDO inputs with Csound's defaults: o 0, p 1, j -1 (i-time) and
; O 0, P 1, V 0.5, J -1 (k-rate), given or left out.  Each input weighs a
; partial of the note, so a wrong default changes its spectrum.
; difftest: sdr 90
; Measured ~130 dB (float rounding only).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 16
nchnls = 2
0dbfs = 1

opcode Partials, a, iopjOPVJ
icps, io, ip, ij, kO, kP, kV, kJ xin
a1 oscili 0.1 * (1 + io), icps
a2 oscili 0.05 * (1 + ip), icps * 2
a3 oscili 0.05 * (2 + ij), icps * 3
a4 oscili 0.05 * (1 + kO), icps * 4
a5 oscili 0.05 * kP, icps * 5
a6 oscili 0.05 * kV, icps * 6
a7 oscili 0.05 * (2 + kJ), icps * 7
xout a1 + a2 + a3 + a4 + a5 + a6 + a7
endop

; only optional inputs, k-rate output
opcode Level, k, OP
kadd, kmul xin
xout (0.5 + kadd) * kmul
endop

instr 1
kl Level
kl2 Level 0.25
kl3 Level 0.1, 0.8
if p4 == 0 then
  a1 Partials 220
elseif p4 == 1 then
  a1 Partials 220, 1
elseif p4 == 2 then
  a1 Partials 220, 0.5, 0.2, 0.7
elseif p4 == 3 then
  a1 Partials 220, 0, 1, -1, 0.3
else
  a1 Partials 220, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7
endif
aenv linseg 0, 0.02, 1, p3 - 0.04, 1, 0.02, 0
outs a1 * aenv * kl, a1 * aenv * (kl2 + kl3)
endin
</CsInstruments>
<CsScore>
i 1 0 0.5 0
i 1 0.5 0.5 1
i 1 1 0.5 2
i 1 1.5 0.5 3
i 1 2 0.5 4
e
</CsScore>
</CsoundSynthesizer>
