<CsoundSynthesizer>
; moogladder (Huovilainen's non-linear Moog ladder, Lazzarini's port) on
; white noise from rand (fixed seed): several constant cutoffs and
; resonances up to self-oscillation, a k-rate cutoff sweep with k-rate
; resonance, a-rate cutoff with k resonance, k cutoff with a-rate resonance,
; both a-rate; a negative resonance (clamped to 0); notes starting mid-block.
; difftest: sdr 110
; Same ladder, tanh stages, thermal scale (1 / (1.22070315 * 0dbfs)) and tuning
; as Csound in double, so even self-oscillation (resonance 1) follows Csound;
; the float input (and float a-rate controls) here leave ~-145 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; constant cutoff p4, resonance p5
  asrc rand 0.5, 0.3, 1
  a1   moogladder asrc, p4, p5
  outs a1, a1
endin

instr 2                 ; k-rate cutoff sweep, k-rate resonance sweep
  asrc rand 0.7, 0.7
  kcf  expon 100, p3, 10000
  kres line 0, p3, 0.9
  a1   moogladder asrc, kcf, kres
  a2   moogladder asrc, 10000 - kcf, 0.5
  outs a1, a2
endin

instr 3                 ; a-rate cutoff with k resonance; k cutoff with a-rate resonance
  asrc rand 0.5, 0.11, 1
  acf  expon 8000, p3, 80
  ares line 0.1, p3, 0.95
  a1   moogladder asrc, acf, 0.7
  a2   moogladder asrc, 1500, ares
  outs a1, a2
endin

instr 4                 ; both a-rate; and a negative k resonance (taken as 0)
  asrc rand 0.5, 0.4
  acf  expon 300, p3, 6000
  ares line 0.9, p3, 0.2
  a1   moogladder asrc, acf, ares
  a2   moogladder asrc, 2000, -0.5
  outs a1, a2
endin
</CsInstruments>
<CsScore>
i 1 0      0.5003 1000 0
i 1 0.6013 0.5    500  0.5
i 1 1.2003 0.5    3000 0.9
i 1 1.8003 0.5    200  1.0
i 2 2.4013 1.0
i 3 3.5003 1.0
i 4 4.6003 0.8
</CsScore>
</CsoundSynthesizer>
