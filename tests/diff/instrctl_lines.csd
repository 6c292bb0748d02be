<CsoundSynthesizer>
; Notes made from score text (scoreline_i at i-time, scoreline at k-time),
; by schedkwhennamed (its trigger, least time apart and most notes at once,
; a named instrument) and by schedwhen (one note, the first k-cycle its
; trigger is not 0), on exact frames: scoreline_i counts p2 from the calling
; note's k-cycle, scoreline and schedwhen from the next one, schedkwhennamed
; from its own (as csound 6.18 --sample-accurate places them).  The score
; text has several lines, a named instrument, and a `.` carrying a p-field
; of the previous i line; the notes read their p-fields with p() by a
; computed index.  An f line sent from the header's code makes a table
; (the voice's waveform).
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 2
0dbfs = 1

scoreline_i "f 5 0 8192 10 1 0.5 0.3 0.25"

instr 1                 ; i-time: three lines, one carried field, one named
  scoreline_i {{
i 2 0.0013 0.05 440 0.2
i 2 0.0517 0.05 .   0.1
i "voice" 0.1 0.08 660
  }}
endin

instr 2                 ; p(4), p(5) by a computed index
  ia p 4
  ib p 3 + 2
  a1 oscili ib, ia
  outs a1, a1 * 0.5
endin

instr voice
  kenv linseg 0, 0.01, 1, p3 - 0.02, 1, 0.01, 0
  a1 oscili 0.2 * kenv, p(4), 5
  outs a1 * 0.4, a1
endin

instr 3                 ; k-time: a line every 50 k-cycles, its pitch from a counter
  kc init 0
  Sline = "i 2 0.0021 0.03 770 0.15"
  scoreline Sline, (kc % 50 == 7 ? 1 : 0)
  kc += 1
endin

instr 4                 ; schedkwhennamed: every k-cycle asked, 0.02 s apart, at most 2 at once
  kc init 0
  schedkwhennamed 1, 0.02, 2, "voice", 0.0007, 0.05, 300 + kc
  kc += 1
endin

instr 5                 ; schedwhen: once, when the counter reaches 5 (p4.. are i-time)
  kc init 0
  schedwhen (kc >= 5 ? 1 : 0), 2, 0.0011, 0.04, 990, 0.1
  kc += 1
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.01
i 1 0.3    0.01
i 3 0.5005 0.3
i 4 0.9    0.2
i 5 1.2    0.2
e 1.6
</CsScore>
</CsoundSynthesizer>
