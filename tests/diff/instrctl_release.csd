<CsoundSynthesizer>
; xtratim and release against Csound: held notes (negative p3) ended by a
; negative p1 go into a release of xtratim's whole k-cycles, heard through
; `release` (a fade chosen by it); a note with a duration does the same at
; its end; a note whose release is asked for by two xtratim calls takes the
; longer; an instrument's event ends a held note of a fractional number.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  xtratim 0.05
  xtratim p5
  krel release
  kfade init 1
  if krel == 1 then
    kfade = kfade * 0.97
  endif
  a1 oscili 0.2 * kfade, p4
  outs a1, a1 * 0.6
endin

instr 2                 ; ends held note 1.2 from an instrument, 0.013 s after it starts
  event_i "i", -1.2, 0.013, 0
endin
</CsInstruments>
<CsScore>
i 1.1 0   -1  330 0.02
i 1.2 0.2 -1  440 0.12
i 1   0.4 0.3 550 0.0
i -1.1 0.9 0
i 2   1.1 0
e 2
</CsScore>
</CsoundSynthesizer>
