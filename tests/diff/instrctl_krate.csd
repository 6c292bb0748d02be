<CsoundSynthesizer>
; Instruments scheduling at k-rate: event and schedulek on a k-rate counter
; (a metronome every 40 k-cycles, p2 = 0 and later), schedkwhen with a
; least time between events and a most notes at once (kmaxnum, counted as
; active does), turnoff2 (all, oldest, newest, with and without release),
; and active at i- and k-time driving amplitudes.  (Csound 6.18 ends a
; single note released by turnoff2 a k-cycle early but one sample: a float
; rounding of its end time, not tested.)  A k-rate event starts
; with the next k-cycle (p2 counts from there), as Csound 6.18 places it.
; Starts fall on the block grid (48 kHz, ksmps 48).
; difftest: sdr 120
; oscili and linseg(r) in double precision: float-LSB differences; a note a
; k-cycle off, or one note more or less, fails by far.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 2
0dbfs = 1

instr 1                 ; metronome: a counter of k-cycles
  kc init 0
  kn init 0
  if kc % 40 == 0 then
    event "i", "blip", 0, 0.03, 300 + 50 * kn
    schedulek 3, 0.005, 0.0213, 900 + 25 * kn
    kn += 1
  endif
  kc += 1
endin

instr blip
  kenv linseg 0, 0.005, 1, p3 - 0.01, 1, 0.005, 0
  a1 oscili 0.2 * kenv, p4
  outs a1, a1 * 0.3
endin

instr 3
  a1 oscili 0.1, p4
  outs a1 * 0.2, a1
endin

instr 4                 ; schedkwhen: a trigger every k-cycle, least 0.01 s apart, at most 3 held at once
  ktrig = 1             ; (each p1 its own fraction: Csound ties a held note to a new one of the same p1)
  kc init 1
  schedkwhen ktrig, 0.01, 3, 5 + kc / 1000, 0, -1
  kc += 1
endin

instr 5                 ; held notes; their level says how many play
  iact active 5
  kact active 5
  kenv linsegr 0, 0.002, 1, 0.02, 0
  a1 oscili 0.05 * kenv * (1 + iact) / (1 + kact), 200 + 100 * iact
  outs a1, a1
endin

instr 6                 ; turnoff2: the oldest, then the newest, at once; then all, with release
  kc init 0
  if kc == 1 then
    turnoff2 5, 1, 0
  elseif kc == 5 then
    turnoff2 5, 2, 0
  elseif kc == 10 then
    turnoff2 5, 0, 1
  endif
  kc += 1
endin

instr 7                 ; schedkwhen counts p2 from this k-cycle: 2 ms later, and now (late: the next k-cycle, ending p3 after this one began)
  kc init 0
  schedkwhen (kc == 2 ? 1 : 0), 0, 0, 3, 0.002, 0.0105, 700
  schedkwhen (kc == 7 ? 1 : 0), 0, 0, 3, 0, 0.0105, 750
  kc += 1
endin
</CsInstruments>
<CsScore>
i 1 0 1
i 4 1.2 0.1
i 6 1.5 0.3
i 7 1.7 0.1
e 2
</CsScore>
</CsoundSynthesizer>
