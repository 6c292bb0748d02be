<CsoundSynthesizer>
; Recursive UDOs: an additive synth whose every partial is one more call
; of itself (the recursion stops under an i-time condition, as in the
; manual's examples), a recursive filter cascade whose depth is a p-field,
; and a note whose recursion is cut at i-time to a single level.  Each
; level adds a partial (or a filter stage), so a missing or extra level
; changes the sound.
; difftest: sdr 90
; Measured ~130 dB (float rounding only).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

opcode Additive, a, kio
kcps, inum, icnt xin
asig oscili 0.3 / (icnt + 1), kcps * (icnt + 1)
if icnt < inum - 1 then
  anext Additive kcps, inum, icnt + 1
  asig = asig + anext
endif
xout asig
endop

opcode Cascade, a, aki
ain, kcf, idepth xin
aout tone ain, kcf
if idepth > 1 igoto more
igoto done
more:
aout Cascade aout, kcf * 1.1, idepth - 1
done:
xout aout
endop

instr 1
kcps line p4, p3, p4 * 1.02
a1 Additive kcps, p5
a2 Cascade a1, 2000, p6
aenv linseg 0, 0.01, 1, p3 - 0.02, 1, 0.01, 0
outs a1 * aenv, a2 * aenv
endin
</CsInstruments>
<CsScore>
i 1 0 1 110 12 4
i 1 1 1 220 1 1
i 1 2 1.5 55 40 10
e
</CsScore>
</CsoundSynthesizer>
