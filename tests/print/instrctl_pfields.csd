<CsoundSynthesizer>
; p(), pindex, pcount, passign, pset and tival printed at i-time, as Csound prints them:
; p-fields by a computed index (rounded; 0 beyond those the event gave), the
; count of p-fields of score notes (carried fields count) and of notes other
; instruments make, passign from p4 and from p1, pset's defaults for
; p-fields a note is not given, and tival for a note that ties a held one.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 1
0dbfs = 1

instr 1
  icnt pcount
  i4 p 4
  i5 p 4.6
  i9 p 9
  i0 p 0
  print icnt, i4, i5, i9, i0
  ia, ib, ic passign 3
  print ia, ib, ic
endin

instr 2
  pset 2, 0, 1, 11, 22, 33
  icnt pcount
  ix pindex 2
  print icnt, p4, p5, p6, ix
  kp p 5
  printk 0.1, kp
endin

instr 3
  it tival
  icnt pcount
  print p1, it, icnt, p4
endin

instr 4
  event_i "i", 2, 0, 0.1, 5
  schedule 1, 0.05, 0, 1, 2, 3, 4, 5
  i1, i2, i3, i4, i5 passign
  print i1, i2, i3, i4, i5
endin
</CsInstruments>
<CsScore>
i 1 0 0 10 20 30 40
i 1 0.1 0 11
i 2 0.2 0.3
i 2 0.6 0.1 7 8 9 10
i 3.5 1 -1 100
i 3.5 1.1 -1 200
i 3.5 1.2 0.1 300 400
i 4 1.5 0 6 7
e 2
</CsScore>
</CsoundSynthesizer>
