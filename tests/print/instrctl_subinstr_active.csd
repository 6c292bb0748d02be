<CsoundSynthesizer>
; subinstr and subinstrinit instances count as notes of their instrument,
; as Csound 6.18's subinstrset adds them to its active count until the
; calling note ends: active N counts them, active 0 too (Csound's count of
; every instrument starts from one), and maxalloc refuses a note while a
; sub-instance takes the instrument's last place (instr 11 at 0.8 is
; dropped, at 2.1 it plays).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
maxalloc 11, 1
instr 10
  a1 oscili 0.1, p4
  out a1
endin
instr 11
  prints "@i11 at %.3f\n", p2
endin
instr 1
  a1 subinstr 10, 440
  out a1
  subinstrinit 11
endin
instr 3
  i10 active 10
  i11 active 11
  i0 active 0
  prints "@i3 at %.3f: active10 %d active11 %d all %d\n", p2, i10, i11, i0
endin
</CsInstruments>
<CsScore>
i 3 0 0.1
i 1 0.5 1
i 3 0.7 0.1
i 11 0.8 0.1
i 10 0.9 0.1 330
i 3 0.95 0.1
i 3 2 0.1
i 11 2.1 0.1
</CsScore>
</CsoundSynthesizer>
