<CsoundSynthesizer>
; Arithmetic on arrays turned into sound: k-arrays added, multiplied and
; divided element by element and with scalars (both orders), i-arrays the
; same at init, ^, the array forms of abs, floor, sqrt and log2 (which
; Csound 6.18 computes as log10), copies (kC = kA), a scalar assigned to a
; whole array, an element updated from itself, and the reductions
; sumarray, maxarray and minarray (with their index outputs).  Each result
; sets a partial's frequency or amplitude, so a wrong element is heard.
; difftest: sdr 60
; Measured above 100 dB: the same double arithmetic, float output.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 16
nchnls = 2
0dbfs = 1

instr 1
  kA[] fillarray 1, 2, 3, 4
  kB[] fillarray 0.5, -0.25, 0.125, -2
  kC[] = kA + kB
  kD[] = kA * kB - 1
  kE[] = 2 / kA
  kG[] = kA ^ 2
  kH[] = abs(kB)
  kI[] = floor(kC)
  kJ[] = sqrt(kA)
  kL[] = log2(kA)
  kM[] = kC
  kN[] init 4
  kN = 0.1
  kN[2] = kN[2] + 0.05
  kN[3] = kN[3] * 2 + 0.2
  ksum sumarray kG
  kmax, kimax maxarray kD
  kmin, kimin minarray kD
  iA[] fillarray 3, 5, 8
  iB[] = iA * 2 + 1
  iC[] = iA - iB
  isum sumarray iC
  a0 oscili 0.05, 110 * kC[0] + 10 * kI[1]
  a1 oscili 0.05 * kH[3], 220 + 20 * kD[1] + kE[2] * 50
  a2 oscili 0.03, 100 * kJ[3] + 100 * kL[2]
  a3 oscili kN[2] + kN[3] * 0.1, ksum * 10 + kM[3] * 5
  a4 oscili 0.04, 200 + kmax * 30 + kimax * 7 - kmin * 11 + kimin * 13
  a5 oscili 0.04, iB[2] * 10 - isum + kG[1] * 3
  outs a0 + a1 + a2, a3 + a4 + a5
endin
</CsInstruments>
<CsScore>
i1 0 0.5
</CsScore>
</CsoundSynthesizer>
