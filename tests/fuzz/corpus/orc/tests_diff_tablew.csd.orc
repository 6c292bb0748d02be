
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

; i-rate: a few points of table 1 set at the note's start
instr 1
  tablew 0.8, 3, 1
  tablew -0.6, 1.3, 1, 1                ; normalised: point 1.3·64 = 83, limited to 63
  tablew 0.4, 70, 1, 0, 0, 1            ; point 70 wrapped to 6
endin

; k-rate: a staircase written into table 2, guard-point mode from a normalised index
instr 2
  kph phasor 40
  tablew kph * 2 - 1, kph, 2, 1, 0, 2
endin

; a-rate: an oscillator written into table 3 through a raw wrapped index (a circular buffer)
instr 3
  aidx phasor 44100 / 4096
  asig oscili 0.5, 441, -1
  tablew asig, aidx * 4096 + 17.2, 3, 0, 0, 1
endin

; readers
instr 4
  aph phasor p4
  a1 tablei aph, 1, 1, 0, 1
  a2 tablei aph, 2, 1, 0, 1
  outs a1 * 0.5, a2 * 0.5
endin

instr 5
  aph phasor 44100 / 4096
  a1 table aph * 4096 - 100, 3, 0, 0, 1
  outs a1, -a1
endin
