
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

; a-rate index, normalised, limit mode (the phasor stays in 0..1)
instr 1
  aph phasor p4
  asig table aph, 1, 1
  outs asig * 0.5, asig * 0.3
endin

; a-rate raw index over 1.5 table lengths with an offset: wrap mode, then limit mode
instr 2
  aph phasor p4
  aw table aph * 3072 - 512, 1, 0, 100, 1
  al table aph * 3072 - 512, 1, 0, 100, 0
  outs aw * 0.4, al * 0.4
endin

; k-rate index into a non-power-of-two GEN 7 table (1000 points), wrapped and
; limited, normalised with a normalised offset; i-rate reads scale the result
instr 3
  iamp table 512, 1           ; sin(pi/2) of table 1: 1
  ilo  table -5, 2            ; limited to point 0
  ihi  table 1.7, 2, 1, 0, 1  ; normalised 1.7 wraps to 0.7
  kph phasor p4
  kw table kph * 2 - 0.5, 2, 1, 0.25, 1
  kl table kph * 2 - 0.5, 2, 1, 0.25
  aw = kw
  al = kl
  outs aw * 0.4 * iamp + ilo * 0.5, al * 0.5 * ihi
endin

; ixmode and iwrap given as k-time truncations: 0.5 is off for the k-rate form
instr 4
  kph phasor p4
  k1 table kph * 1.5, 1, 1, 0, 0.5
  a1 = k1
  a2 oscili 0.3, 330
  outs a1 * 0.3, a2
endin
