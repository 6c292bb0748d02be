<CsoundSynthesizer>
; An arpeggiator piece driven by program control: the lead is one long note
; per phrase that a timout/reinit clock restarts on every step (envelope,
; filter sweep and pitch from a GEN -2 table walked by an i-time counter,
; the octave flipped by an if/else at i-time); a pad builds its chords at
; i-time with loop_lt and event_i; a bass follows the lead's steps with a
; k-rate if/elseif; everything sends into a global echo bus (+=) that one
; instrument reads and clears.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

gaEcho init 0

instr 1                         ; arpeggio lead: p4 step (s), p5 base pch, p6 amp
  istep = p4
  indx = 0
  kpan oscili 0.35, 0.25
step:
  timout 0, istep, play
  reinit step
play:
  ipch table indx, 1, 0, 0, 1
  if indx % 8 >= 4 then
    ioct = 1
  else
    ioct = 0
  endif
  indx += 1
  kenv expseg 0.001, 0.005, 1, istep * 2, 0.001
  kcf expon 4000, istep, 500
  asaw vco2 p6, cpspch(p5 + ipch + ioct)
  alp moogladder asaw, kcf, 0.3
  rireturn
  aout = alp * kenv
  al, ar pan2 aout, 0.5 + kpan
  outs al, ar
  gaEcho += aout * 0.4
endin

instr 2                         ; pad chord: p4 root (cps), p5 notes, p6 amp
  inote = 0
more:
  event_i "i", 3, 0, p3, p6 / p5, p4 * (1 + inote * 0.25), inote / (p5 - 1)
  loop_lt inote, 1, p5, more
endin

instr 3                         ; one pad voice: p4 amp, p5 cps, p6 pan
  kenv linseg 0, p3 * 0.3, 1, p3 * 0.4, 1, p3 * 0.3, 0
  a1 vco2 p4, p5, 2, 0.3
  a2 vco2 p4, p5 * 1.003, 2, 0.3
  af tone a1 + a2, 1200
  al, ar pan2 af * kenv, p6
  outs al, ar
endin

instr 4                         ; bass: follows the steps (p4 step, p5 pch)
  kcnt init 0
  kph phasor 1 / (p4 * 4)
  if kph < 0.25 then
    kp = p5
  elseif kph < 0.5 then
    kp = p5 + 0.05
  elseif kph < 0.75 then
    kp = p5 + 0.07
  else
    kp = p5 + 0.03
  endif
  kamp = (kph * 4 - int(kph * 4) < 0.5 ? 0.3 : 0.15)
  a1 oscili kamp, cpspch(kp)
  asub oscili kamp * 0.5, cpspch(kp) / 2
  a1 += asub
  outs a1, a1
endin

instr 9                         ; echo bus
  adl delay gaEcho, 0.375
  adl2 delay gaEcho + adl * 0.4, 0.25
  outs adl * 0.5, adl2 * 0.5
  gaEcho = 0
endin
</CsInstruments>
<CsScore>
f 1 0 8 -2 0 0.03 0.07 0.10 0.07 0.12 0.03 0.07
i 1 0    4     0.125 8.00 0.25
i 2 0    2     130.81 4 0.3
i 2 2    2     146.83 3 0.3
i 4 0    4     0.125 6.00
i 1 4    3     0.0625 8.05 0.2
i 2 4    3     174.61 5 0.25
i 4 4    3     0.0625 6.05
i 9 0    7.5
</CsScore>
</CsoundSynthesizer>
