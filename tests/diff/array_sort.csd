<CsoundSynthesizer>
; A melody stepped through sorted arrays: an unordered set of MIDI notes
; sorted up (sorta) and down (sortd), a slice of it (slicearray), its
; range rescaled (scalearray) to set a filter-like second partial, a ramp
; from genarray, table contents read into arrays (copyf2array, tab2array)
; and an array written into a table (copya2ftab) that an oscillator plays;
; lenarray with and without a dimension picks step counts.  Every value
; ends up as a pitch or an amplitude.
; difftest: sdr 60
; Measured above 100 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

giSrc ftgen 1, 0, 8, -2, 67, 60, 72, 64, 69, 62, 71, 65
giWave ftgen 2, 0, 16, 10, 1
giPart ftgen 3, 0, 16, -2, 0

instr 1
  iNotes[] init 8
  copyf2array iNotes, giSrc
  iUp[] sorta iNotes
  iDown[] sortd iNotes
  iMid[] slicearray iUp, 2, 5
  iRamp[] genarray 0.1, 0.4, 0.05
  iSc[] = iRamp
  scalearray iSc, 1, 3
  kT[] tab2array giSrc, 2, 8, 2
  iM[][] init 3, 5
  irows lenarray iM
  icols lenarray iM, 2
  idims lenarray iM, 0
  kstep init 0
  kt timeinsts
  kstep = int(kt * 10)
  kn = kstep % lenarray(iUp)
  kup = iUp[kn]
  kdown = iDown[kn]
  kfu = cpsmidinn(p4 == 0 ? kup : kdown)
  kfm = cpsmidinn(iMid[kstep % 4] - 12)
  kamp = iSc[kstep % 7] * 0.05
  a1 oscili kamp, kfu
  a2 oscili 0.05 * iRamp[kstep % 7], kfm * (irows + icols * 0.1 + idims * 0.01)
  a3 oscili 0.03, cpsmidinn(kT[kstep % 3])
  outs a1 + a3, a2
endin

instr 2
  kPart[] fillarray 1, 0.5, 0.25, 0.125, 0, 0.3, 0.2, 0.1
  copya2ftab kPart, giPart
  iA[] genarray 1, 4
  kG[] genarray_i 0.5, 2, 0.5
  copya2ftab kG, giPart, 12
  copya2ftab iA, giPart, 10
  a1 oscili 0.2, 220, giPart
  outs a1, a1 * 0.5
endin
</CsInstruments>
<CsScore>
i1 0 1.6 0
i1 1.6 1.6 1
i2 0.5 1
</CsScore>
</CsoundSynthesizer>
