<CsoundSynthesizer>
; maxalloc and mute, as Csound's insert_event refuses notes: instr 2 may
; play 2 notes at once (set in the header), so of four overlapping notes
; the third and fourth are not heard until one ends (a later one is); the
; notes an instrument makes obey it too.  instr 3 is muted for a while (its
; notes then are dropped, not delayed) and allowed again; prealloc changes
; nothing audible.  Notes
; in release still count against maxalloc, as in Csound.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 2
0dbfs = 1

maxalloc 2, 2
prealloc 3, 4

instr 1                 ; makes four overlapping notes of instr 2 at once
  schedule 2, 0, 0.3, 300
  schedule 2, 0.01, 0.3, 400
  schedule 2, 0.02, 0.3, 500
  schedule 2, 0.31, 0.3, 600
endin

instr 2
  kenv linsegr 0, 0.005, 1, 0.05, 0
  a1 oscili 0.15 * kenv, p4
  outs a1, a1 * 0.5
endin

instr 3
  a1 oscili 0.1, p4
  outs a1 * 0.3, a1
endin

instr 4                 ; mute (p4 = 0) or allow (p4 = 1) instr 3
  mute 3, p4
endin
</CsInstruments>
<CsScore>
i 1 0    0
i 2 0.5  0.2  700
i 2 0.52 0.2  800
i 2 0.54 0.2  900
i 3 1.0  0.1  440
i 4 1.15 0    0
i 3 1.2  0.1  550
i 3 1.3  0.1  660
i 4 1.42 0    1
i 3 1.5  0.1  770
e 2
</CsScore>
</CsoundSynthesizer>
