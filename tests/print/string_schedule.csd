<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; Instruments scheduling notes with string p-fields (Csound's schedule.N and
; schedule.SN): constants and S variables, several per note, by number and
; by name; the scheduled notes read them with S = p4 and strget.
sr = 44100
ksmps = 100
nchnls = 1
0dbfs = 1

instr 1
  schedule 2, 0, 0.01, "hello", 5
  Sx sprintf "built %d", 42
  schedule 2, 0.1, 0.01, Sx, 6
  schedule "Reader", 0.2, 0.01, 7, "left", "right"
endin

instr 2
  S1 = p4
  prints "@2: %s %d\n", S1, p5
endin

instr Reader
  S1 strget p5
  S2 strget p6
  prints "@Reader: %d %s %s\n", p4, S1, S2
endin
</CsInstruments>
<CsScore>
i 1 0 0.01
e 1
</CsScore>
</CsoundSynthesizer>
