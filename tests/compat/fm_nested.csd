<CsoundSynthesizer>
; FM electric piano and brass (oscili modulators, poscil carriers, index
; envelopes from linseg and transeg) through a nestedap room.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

garoom init 0

instr 1                         ; e-piano: p4 Hz, p5 amp
  kidx expseg 4, 0.8, 0.3
  kamp transeg 1, p3, -4, 0
  amod oscili p4 * kidx, p4 * 1.0
  acar poscil p5 * kamp, p4 + amod, 1
  outs acar * 0.7, acar * 0.6
  garoom = garoom + acar * 0.25
endin

instr 2                         ; brass: p4 Hz, p5 amp
  kenv linseg 0, 0.08, 1, p3 - 0.18, 0.8, 0.1, 0
  amod oscili p4 * 3 * kenv, p4
  acar poscil p5 * kenv, p4 + amod, 1
  af   tone acar, 2500
  outs af * 0.5, af * 0.7
  garoom = garoom + af * 0.2
endin

instr 95                        ; room: nestedap all-passes
  a1 nestedap garoom, 1, 0.06, 0.0531, 0.5
  a2 nestedap garoom, 1, 0.06, 0.0473, 0.45
  outs a1 * 0.6, a2 * 0.6
  garoom = 0
endin
</CsInstruments>
<CsScore>
f1 0 16384 10 1
i95 0 5
i1 0.0 1.5 261.63 0.3
i1 0.0 1.5 329.63 0.25
i1 0.75 1.5 392.00 0.25
i1 1.5 2.0 349.23 0.3
i2 2.0 1.2 196.00 0.25
i2 2.5 1.2 246.94 0.2
i2 3.0 1.5 293.66 0.2
e
</CsScore>
</CsoundSynthesizer>
