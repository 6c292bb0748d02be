<CsoundSynthesizer>
; reinit, rigoto, rireturn and timout as Csound 6.18 runs them: a timout
; counts k-cycles ((int)(t kr + 0.5)) and jumps while they last; then
; `reinit` runs the init pass again from its label up to rireturn, at once,
; in the middle of the k-cycle, and the perf pass goes on after it.  Each
; step of this arpeggiator restarts envelopes and an oscillator on a pitch
; from a table an i-time counter walks; the counter before the label keeps
; counting, rigoto skips what only the note's start does, and the code after
; rireturn (an LFO) is never re-initialised.  A delay line inside the region
; is made again at every step with a longer time: its memory grows (Csound
; reallocates), and is cleared.  Instr 2 reinitialises from a k-rate
; condition (a metro-like counter), instr 3 nests a timout in a reinit region
; that reinitialises only part of the note, instr 4 reinitialises delay lines
; at every k-cycle.  Score times are exact in binary: Csound's sample-accurate
; times go through seconds, and 1.3 + 0.9 ends a k-cycle late there.
; difftest: sdr 100
; Oscillators and envelopes as Csound's, in double: measured ~150 dB; a
; reinit one k-cycle early or late, or a state not reset, changes the
; signal by far more.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  istep = p4
  indx = 0
  klfo oscili 0.5, 1.5          ; before the region: runs on
  ibase = 0
again:
  timout 0, istep, play
  reinit again
play:
  ipch table indx, 1, 0, 0, 1
  indx += 1
  rigoto already
  ibase = p5                    ; at the note's start only
already:
  kenv expon 0.3, istep, 0.002
  aenv linseg 0, 0.004, 1, istep, 0
  asig oscili kenv, cpspch(ibase + ipch)
  adel delay asig * aenv, 0.01 + indx * 0.003
  rireturn
  aout = asig * aenv + adel * 0.6
  outs aout * (0.5 + klfo), aout * (0.5 - klfo)
endin

instr 2                         ; reinit from a k-rate condition
  kcnt init 0
  kcnt += 1
  if kcnt % 37 == 0 then
    reinit restart
  endif
  icyc = p4
restart:
  ifrq = 300 + 50 * icyc
  icyc += 1
  kf line ifrq, 0.05, ifrq * 1.5
  a1 poscil 0.2, kf
  rireturn
  outs a1, a1
endin

instr 3                         ; timout inside a reinit region
  kamp linseg 0, 0.05, 0.3, p3 - 0.05, 0
outer:
  timout 0, 0.1, inner
  reinit outer
inner:
  timout 0.03, 0.02, mute
  a1 oscili kamp, 440
  kgoto out
mute:
  a1 = 0
out:
  rireturn
  outs a1, a1
endin

instr 4                         ; a reinit at every k-cycle for 12 s: delay
                                ; lines made again each time (and cleared)
                                ; must reuse their memory, or the note
                                ; memory runs out long before the end
top:
  timout 0, 0.0001, go
  reinit top
go:
  a1 oscili 0.3, 440
  along delay a1, 1             ; 192 KB each time
  ashort delay a1, 0.0005       ; 24 frames: sounds within the k-cycle
  rireturn
  outs a1 + along, ashort
endin
</CsInstruments>
<CsScore>
f 1 0 8 -2 0 0.04 0.07 0.12 0.07 0.04 0.03 0.11
i 1 0    1.25  0.1   7.00
i 1 1.25 0.875 0.075 8.02
i 2 2.25 0.75  0
i 3 3.125 0.75
i 4 4    12
</CsScore>
</CsoundSynthesizer>
