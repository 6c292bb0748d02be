<CsoundSynthesizer>
; subinstr: an instrument run as an opcode inside another note, its
; outs returned as the opcode's audio outputs (here filtered and panned
; by the caller), its p4… the call's inputs and its p3 the caller's;
; one instrument run twice in one note (two instances, two pitches), by
; number and by name; subinstrinit runs an instrument's init pass only
; (its print and its event_i).
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 10                        ; the voice run inside: p4 pitch, p5 amp
  kenv linseg 0, 0.02, 1, p3 - 0.04, 1, 0.02, 0
  a1 oscili p5 * kenv, p4
  a2 oscili p5 * kenv * 0.5, p4 * 2.01
  outs a1, a2
endin

instr chord                     ; named
  a1 oscili p5, p4 * 1.5
  outs a1 * 0.7, a1 * 0.3
endin

instr 1                         ; two instances of instr 10, one of "chord", mixed and filtered
  aL1, aR1 subinstr 10, p4, 0.15
  aL2, aR2 subinstr 10, p4 * 1.26, 0.1
  aC1, aC2 subinstr "chord", p4, 0.05
  aL butterlp aL1 + aL2 + aC1, 1800
  aR butterlp aR1 + aR2 + aC2, 2400
  outs aL, aR
endin

instr 11
  print p1, p2, p3, p4
  event_i "i", 12, 0.01, 0.2, p4
endin

instr 12
  a1 oscili 0.1, p4
  outs a1, a1
endin

instr 2
  subinstrinit 11, 660
endin
</CsInstruments>
<CsScore>
i 1 0    0.6 220
i 1 0.45 0.5 330
i 2 1.1  0.1
e 1.5
</CsScore>
</CsoundSynthesizer>
