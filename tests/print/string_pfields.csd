<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; String p-fields: a score's "text" reaches the note (S1 = p4, strget,
; strtod, strtol, sprintf with the text); several per note, given to
; a named instrument; a p-field holding a string prints as nan.
sr = 44100
ksmps = 100
nchnls = 1
0dbfs = 1

strset 5, "five"

instr 1
  S1 = p4
  S2 strget p5
  i1 strtod p6
  i2 strtol p7
  print p4, i1, i2
  prints "@%s|%s|%f|%d\n", S1, S2, i1, i2
  S3 sprintf "%s-%s.wav", S1, S2
  prints "@%s %d\n", S3, strlen(S3)
endin

instr Named
  Sname = p4
  ival = p5
  Sup strupper Sname
  prints "@named %s %s %d\n", Sname, Sup, ival
endin

instr 3
  S1 strget p4
  S2 = p4
  prints "@number p-field: [%s] [%s]\n", S1, S2
endin
</CsInstruments>
<CsScore>
i 1 0 0.01 "hello" "world" "2.5" "0x10"
i 1 0.1 0.01 "x" "a longer string with spaces, commas; and \"quotes\"" "-1e3" "-12"
i 1 0.2 0.01 "third" "w" "7" "077"
i "Named" 0.3 0.01 "bassdrum" 7
i "Named" 0.3 0.01 "" 8
i 3 0.5 0.01 5
i 3 0.5 0.01 6
</CsScore>
</CsoundSynthesizer>
