<CsoundSynthesizer>
; reson (two-pole resonator) with iscl 0, 1 and 2; centre frequency and
; bandwidth constant, k-rate swept and a-rate swept (every rate combination);
; white-noise input from rand (fixed seed); notes starting mid-block.
; difftest: sdr 100
; Same recursion and coefficient formulas as Csound in double.  The float
; input (and float a-rate cf/bw) here are the only difference; a narrow
; resonance amplifies it a little: ~-125 dB.  Outputs are scaled to stay
; below 0 dBFS (ondes clips its output at 0dbfs, Csound's float output does not).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate cf and bw (constant and swept), iscl from p4
  asrc rand 0.5, 0.3, 1
  kcf  expon 100, p3, 5000
  kbw  line 20, p3, 400
  a1   reson asrc, 1000, 50, p4
  a2   reson asrc, kcf, kbw, p4
  outs a1 * p5, a2 * p5
endin

instr 2                 ; a-rate cf with k bw, k cf with a-rate bw (iscl 2)
  asrc rand 0.5, 0.6
  acf  expon 8000, p3, 200
  abw  line 10, p3, 1000
  a1   reson asrc, acf, 80, 2
  a2   reson asrc, 1500, abw, 2
  outs a1 * 0.5, a2 * 0.5
endin

instr 3                 ; both a-rate (iscl 1), and istor = 1
  asrc rand 0.5, 0.1, 1
  acf  expon 300, p3, 3000
  abw  expon 500, p3, 5
  a1   reson asrc, acf, abw, 1
  a2   reson asrc, 700, 100, 1, 1
  outs a1 * 0.5, a2 * 0.5
endin
</CsInstruments>
<CsScore>
i 1 0      0.6003 0 0.001
i 1 0.7013 0.6    1 0.5
i 1 1.4003 0.6    2 0.5
i 2 2.1003 0.8
i 3 3.0013 0.8
</CsScore>
</CsoundSynthesizer>
