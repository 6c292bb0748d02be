<CsoundSynthesizer>
; printarray as Csound 6.18 prints it (emugens.c's arrprint): i-arrays at
; init, k-arrays on a trigger, formats (%d becomes %.0f), labels, 2-D rows
; with their index, vectors over 100 long with the first index of each line,
; lines broken past 80 characters; and print/printk of array elements.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  iArr[] fillarray 3, 1, 2, 7.5, -1
  printarray iArr
  iS[] sorta iArr
  printarray iS, "%d", "@sorted"
  iD[] sortd iArr
  printarray iD, "%8.3f"
  imx, imi maxarray iArr
  print imx, imi, iArr[3], lenarray(iArr)
  iG[] genarray 0, 1, 0.1
  printarray iG
  iSl[] slicearray iG, 2, 6
  printarray iSl, "%6.2f", "@slice"
  iM[][] init 3, 4
  iM[1][2] = 5
  iM[2][0] = -2.5
  printarray iM
  iL[] genarray 1, 120
  printarray iL
  iW[] genarray 1000, 1030
  printarray iW, "%.6f"
  kArr[] fillarray 1, 2, 3
  kB[] = kArr * kArr + 0.5
  ktrig init 1
  printarray kB, ktrig, "%.2f", "@kB"
  ktrig = 0
  printk 0, kB[2]
  kM[][] init 2, 2
  kM[1][1] = 4
  printarray kM, 1, "%g"
endin
</CsInstruments>
<CsScore>
i1 0 0.003
</CsScore>
</CsoundSynthesizer>
