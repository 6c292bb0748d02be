<CsoundSynthesizer>
; nestedap in its three modes (one all-pass, one nested, two nested), on
; noise (rand, fixed seed); notes start and end mid-block.
; difftest: sdr 120
; Same recirculation as Csound in double.  Measured 143.7 dB (the float
; signals around it).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  asrc rand 0.1, 0.3, 1
  a1   nestedap asrc, 1, 0.05, 0.0237, 0.6
  a2   nestedap asrc, 2, 0.05, 0.0413, 0.4, 0.0131, 0.3
  a3   nestedap asrc, 3, 0.05, 0.0471, 0.3, 0.0127, 0.2, 0.0071, 0.15
  outs (a1 + a2) * 0.2, a3 * 0.3
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.6
i 1 0.3107 0.4     ; overlapping: Csound reusing a finished note's instance
                   ; would clear only half its line (memset of int32s)
</CsScore>
</CsoundSynthesizer>
