<CsoundSynthesizer>
; moogvcf and moogvcf2 (Stilson-Smith Moog VCF) in every rate combination of
; cutoff and resonance, with iscale 1 (default), 0 (= 0dbfs) and 2; run with
; 0dbfs = 32768 so the 0dbfs scaling shows: moogvcf divides its input by
; iscale (0: 0dbfs) and by 0dbfs (moogvcf2 is the same with iscale defaulting
; to 0: both scalings apply to it too in Csound 6.18).  moogladder is run here too,
; its thermal scale depending on 0dbfs.  White noise from rand (fixed seed),
; notes starting mid-block.
; difftest: sdr 110
; Same recursion, tuning and clipper as Csound in double; float input here:
; ~-145 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 32768

instr 1                 ; k-rate cutoff and resonance, iscale p4 (moogvcf) / p5 (moogvcf2)
  asrc rand 12000, 0.3, 1
  kcf  expon 200, p3, 8000
  kres line 0.1, p3, 0.9
  a1   moogvcf asrc, kcf, kres, p4
  a2   moogvcf2 asrc, 1000, 0.6, p5
  outs a1 * 0.25, a2                ; (kept below 0dbfs: ondes clips there)
endin

instr 2                 ; a-rate cutoff / k resonance, k cutoff / a-rate resonance
  asrc rand 12000, 0.7
  acf  expon 6000, p3, 100
  ares line 0, p3, 1
  a1   moogvcf asrc, acf, 0.5
  a2   moogvcf2 asrc, 800, ares
  outs a1, a2
endin

instr 3                 ; both a-rate; and moogladder at this 0dbfs
  asrc rand 12000, 0.11, 1
  acf  expon 300, p3, 5000
  ares line 0.9, p3, 0.3
  a1   moogvcf asrc, acf, ares
  a2   moogladder asrc, acf, 0.8
  outs a1, a2
endin
</CsInstruments>
<CsScore>
i 1 0      0.6003 1 1
i 1 0.7013 0.6    0 0
i 1 1.4003 0.6    2 2
i 2 2.1003 1.0
i 3 3.2013 1.0
</CsScore>
</CsoundSynthesizer>
