<CsoundSynthesizer>
; A generative piece from the score's random values: y fixes the seed, a
; { } loop draws each note's pitch and loudness with [~], '~' fills the
; pad's brightness between the values around it, an r repeat varies a
; phrase with its counter, q mutes the bells for a while, held drones
; (fractional instrument numbers, negative p3) are turned off by negative
; p1.  Each bell makes a table of its own with ftgentmp (freed with it).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                         ; bell: p4 Hz, p5 amp, p6 inharmonic partial ratio
  itab ftgentmp 0, 0, 4096, 9, 1, 1, 0, p6, 0.4, 0, p6 * 1.5, 0.2, 0
  kenv expon p5, p3, 0.0005
  a1   oscili kenv, p4, itab
  al, ar pan2 a1, 0.3 + frac(p4 / 100) * 0.4
  outs al, ar
endin

instr 2                         ; pad: p4 pch, p5 amp, p6 brightness 0..1
  kenv linen p5, 0.3, p3, 0.5
  a1   vco2 kenv, cpspch(p4)
  a2   vco2 kenv, cpspch(p4) * 1.005
  af   butterlp (a1 + a2) * 0.5, 300 + p6 * 3000
  outs af, af
endin

instr 3                         ; drone, held until its negative p1: p4 Hz
  kenv linseg 0, 0.5, 0.08, 1, 0.08
  a1   oscili kenv, p4, -1
  a2   oscili kenv * 0.5, p4 * 1.5, -1
  outs a1, a2
endin
</CsInstruments>
<CsScore>
y 2024
i 3.1 0 -1 110
i 3.2 4 -1 165
{ 12 N
i 1 [$N * 0.5] 1.2 [400 + ~ * 400] [0.1 + ~ * 0.1] [2.5 + ~]
}
q 1 3 0
q 1 4.5 1
i 2 0 2 7.00 0.1 0.2
i 2 2 2 7.05 0.1 ~
i 2 4 2 7.07 0.1 ~
i 2 6 2 7.00 0.1 0.9
i -3.1 5 0
i -3.2 6.5 0
s
r 2 PH
i 1 0 0.8 [600 + $PH * 100] 0.15 2.7
i 1 0.5 0.8 [500 + $PH * 100 + ~ * 50] 0.12 3.1
i 1 1 0.8 [400 + $PH * 100] 0.1 2.3
s
e
</CsScore>
</CsoundSynthesizer>
