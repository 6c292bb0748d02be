<CsoundSynthesizer>
; butterhp (second-order Butterworth high-pass) with a constant, a k-rate swept
; and an a-rate swept cutoff, on white noise from rand (fixed seed), notes
; starting mid-block; also the alias buthp, istor = 1, and a cutoff of 0
; (Csound passes the input through for the block and leaves the filter untouched).
; difftest: sdr 110
; Same bilinear coefficients and direct-form-II recursion as Csound in double;
; the float input and float a-rate cutoff here leave ~-130 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate cutoff: constant, and swept every k-cycle
  asrc rand 0.5, 0.3, 1
  kcf  expon 50, p3, 15000
  a1   butterhp asrc, p4
  a2   buthp asrc, kcf
  outs a1, a2
endin

instr 2                 ; a-rate cutoff, and istor = 1
  asrc rand 0.5, 0.7
  acf  expon 12000, p3, 40
  a1   butterhp asrc, acf
  a2   butterhp asrc, 300, 1
  outs a1, a2
endin

instr 3                 ; the cutoff steps to 0 (pass-through) and back
  asrc rand 0.5, 0.11, 1
  kcf  = (timeinsts() < p3 * 0.5 ? 2000 : (timeinsts() < p3 * 0.7 ? 0 : 800))
  a1   butterhp asrc, kcf
  outs a1, a1
endin
</CsInstruments>
<CsScore>
i 1 0      1.0003 1000
i 1 1.1013 0.5    80
i 2 1.7003 1.2
i 3 3.0003 0.8
</CsScore>
</CsoundSynthesizer>
