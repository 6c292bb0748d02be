
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

; out before turnoff: the k-cycle that turns the note off still sounds
instr 1
  kph phasor p5
  a1 oscili 0.5, p4, -1
  outs a1, a1 * 0.5
  if kph > 0.7 then
    turnoff
  endif
endin

; turnoff before out: the k-cycle that turns the note off is silent
instr 2
  kcnt timeinstk
  if kcnt >= p5 then
    turnoff
  endif
  a1 oscili 0.5, p4, -1
  outs a1 * 0.5, a1
endin

; a release of 0.01 s (13 whole k-cycles) after turnoff, heard through `release`
instr 3
  xtratim 0.01
  krel release
  kcnt timeinstk
  if kcnt >= p5 then
    turnoff
  endif
  a1 oscili 0.5 - krel * 0.3, p4, -1
  outs a1, a1
endin

; `release` after turnoff reads 1 in turnoff's own k-cycle
instr 4
  xtratim 0.005
  kcnt timeinstk
  if kcnt >= p5 then
    turnoff
  endif
  krel release
  a1 oscili 0.5 - krel * 0.3, p4, -1
  outs a1 * 0.7, a1 * 0.2
endin
