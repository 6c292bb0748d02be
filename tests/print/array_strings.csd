<CsoundSynthesizer>
; String arrays (S[]): init, fillarray, elements written by '=' and as an
; opcode's output, read into S variables at init (i index) and at perf
; (k index), copied whole, lenarray, and printarray with formats and labels;
; a global array's element written by one note and read after it ended.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

gSNames[] fillarray "kick", "snare", "hat"

instr 1
  SArr[] init 3
  SArr[0] = "alpha"
  SArr[1] strcpy "beta"
  SArr[2] = SArr[0]
  printarray SArr, "@%s", "@names"
  Sx = SArr[1]
  printf_i "@got %s\n", 1, Sx
  ilen lenarray SArr
  print ilen
  SB[] = SArr
  SB[0] = "delta"
  printarray SB, 1, "@%s"
  printarray gSNames, 1, "@<%s>"
  kndx init 0
  Sk = gSNames[kndx]
  printf "@k %s\n", kndx + 1, Sk
  kndx = (kndx + 1) % 3
endin

instr 2                         ; a global array's element outlives the note that wrote it
  gSNames[1] = "a-name-long-enough-for-a-new-buffer"
endin

instr 3
  printarray gSNames, 1, "@%s"
  S2 = gSNames[1]
  printf_i "@after %s\n", 1, S2
endin
</CsInstruments>
<CsScore>
i1 0 0.003
i2 0.01 0.003
i3 0.02 0.003
</CsScore>
</CsoundSynthesizer>
