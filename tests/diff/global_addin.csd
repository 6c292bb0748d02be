<CsoundSynthesizer>
; ga += x and ga -= x on a global audio variable, from notes that start and
; end mid-block (onsets and ends off the 16-frame grid, csound run with
; --sample-accurate): Csound 6.18 compiles them to ##addin/##subin, which
; add in place over the note's own frames and leave the frames before its
; start and after its end as other notes made them, while the written-out
; gaB = gaB + x zeroes those frames (##add).  Both buses play, on two
; channels: a wrong edge shows as a notch in a steady tone.  Onsets and
; lengths are a fraction under half a frame past a whole frame (p2*sr,
; p3*sr), where Csound 6.18's truncation and ondes's rounding of them agree:
; the test is of the bus, not of note timing.
; difftest: sdr 100
; oscili in double precision; a zeroed edge of a few frames fails by far.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 16
nchnls = 2
0dbfs = 1

gaA init 0
gaB init 0

instr 1                         ; a steady tone on both buses
  a1 oscili 0.3, 220
  gaA += a1
  gaB = gaB + a1
endin

instr 2                         ; p4 cps: short notes, added and taken away
  a1 oscili 0.1, p4
  gaA += a1
  gaA -= a1 * 0.5
  gaA += 0.01                   ; a k-rate (here constant) value added in place
  gaB = gaB + a1
  gaB -= 0.02
endin

instr 3                         ; plays and clears both buses
  outs gaA, gaB
  gaA = 0
  gaB = 0
endin
</CsInstruments>
<CsScore>
i 1 0 1
i 3 0 1
i 2 0.1003 0.0501 660
i 2 0.2506 0.0313 880
i 2 0.4001 0.1232 990
i 2 0.6103 0.2001 1320
</CsScore>
</CsoundSynthesizer>
