<CsoundSynthesizer>
; turnoff: notes end themselves when a condition becomes true, and their
; sound must stop on the same k-cycle as Csound's.  Csound's turnoff also
; skips the opcodes after it in that k-cycle (a note without a release), so
; an `out` placed after turnoff is silent in the k-cycle that calls it, one
; placed before it is not.  With xtratim the note goes into its release at
; once: `release` reads 1 in that same k-cycle, and the release lasts whole
; k-cycles.
; difftest: sdr 120
; oscili's integer phase is Csound's: expect about -130 dB of difference.
<CsOptions>
</CsOptions>
<CsInstruments>
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
</CsInstruments>
<CsScore>
i 1 0      2    440    2.3
i 1 0.4001 2    523.2  1.7
i 2 0.8001 2    330    200
i 2 1.3    2    250    77
i 3 1.6003 2    380    150
i 4 2.1001 2    290    90
</CsScore>
</CsoundSynthesizer>
