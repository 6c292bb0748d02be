<CsoundSynthesizer>
; delay (a fixed line, also written back into its own input variable),
; delay1 (one sample, also in place), delayk and vdel_k (k-rate lines, imode
; 0 and 2, a vdel_k time swept past its maximum so the line wraps), on noise
; from rand (fixed seed) and a sine, notes starting and ending mid-block.
; difftest: sdr 140
; Same line arithmetic as Csound; the lines only copy samples, so what differs
; is the float signals around them (rand, oscili, sums): measured 148.5 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; delay and delay1
  asrc rand 0.5, 0.3, 1
  a1   delay asrc, p4
  a2   delay1 asrc
  asin oscili 0.3, 331
  asin delay asin, 0.0213          ; in place
  a3   = asin
  a3   delay1 a3                   ; in place
  outs a1 + a3, a2 + asin
endin

instr 2                 ; delayk, vdel_k
  kx   oscili 0.2, 3.7
  kx   = kx + 0.1
  k1   delayk kx, 0.05
  k2   delayk kx, 0.1, 2
  kdt  line 0, p3, 0.15
  k3   vdel_k kx, kdt, 0.1
  k4   vdel_k kx, 0.03, 0.05, 2
  a1   = k1 + k3
  a2   = k2 + k4
  outs a1, a2
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.5 0.01
i 1 0.6107 0.4 0.0371
i 2 1.1003 0.7
</CsScore>
</CsoundSynthesizer>
