<CsoundSynthesizer>
; Named instruments take numbers as Csound 6.18 gives them (named_instr_assign_numbers):
; once every numbered instrument is known, each name in order of definition takes the
; lowest free number; +Name comes after all other names; `instr 5, Five` is number 5 and
; a name with a number of its own (the lowest free one).  Printed
; with nstrnum, with p1 of notes the score and schedule start by name, and in the order
; the instances perform in one k-cycle (instrument-number order, whatever the start order).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 100
nchnls = 1
0dbfs = 1

instr Lead
  if timeinstk() == 1 then
    printsk "@perf Lead p1=%d\n", p1
  endif
endin

instr 1
  print nstrnum("Lead"), nstrnum("Pad"), nstrnum("Five"), nstrnum("Late"), nstrnum("Bass"), nstrnum("Drum")
  schedule "Late", 0.01, 0.03
  schedule "Drum", 0.01, 0.01
  schedule "Pad", 0.01, 0.01
  schedule "Bass", 0.01, 0.01
  schedule "Lead", 0.01, 0.03
  schedule 5, 0.01, 0.01
  schedule 3, 0.01, 0.01
endin

instr +Late
  print p1
  if timeinstk() == 1 then
    printsk "@perf Late p1=%d\n", p1
  endif
endin

instr 3
  if timeinstk() == 1 then
    printsk "@perf 3\n"
  endif
endin

instr Pad
  print p1
  if timeinstk() == 1 then
    printsk "@perf Pad p1=%d\n", p1
  endif
endin

instr 5, Five
  print p1
  if timeinstk() == 1 then
    printsk "@perf 5/Five p1=%d\n", p1
  endif
endin

instr Bass
  print p1
  if timeinstk() == 1 then
    printsk "@perf Bass p1=%d\n", p1
  endif
endin

instr 9
endin

instr Drum
  print p1
  if timeinstk() == 1 then
    printsk "@perf Drum p1=%d\n", p1
  endif
endin

; active and turnoff2 by name reach the number the name has
instr Probe
  print active("Lead"), active(nstrnum("Lead")), active("Late"), active(5)
  turnoff2 "Late", 0, 0
endin

instr Probe2
  print active("Late"), active("Lead"), p1
endin
</CsInstruments>
<CsScore>
i 1 0 0.01
i "Probe" 0.015 0.001
i "Probe2" 0.016 0.001
i "Five" 0.1 0.01
i "Drum" 0.2 0.01
e 0.5
</CsScore>
</CsoundSynthesizer>
