<CsoundSynthesizer>
; deltapx / deltapxw at steady delays that are whole samples in double but
; not in float (0.2 s, 0.3 s, 0.15 s at 44100 Hz), at iwsize 32 (windowed
; sinc, as the manual's example) and 4 (cubic): Csound takes the
; whole-sample branch for them (deltapxw then writes each frame's own input;
; its sinc branch writes the block's first), and so must ondes, though its
; a-rate delay arrives as a float a few 1e-8 s off (-0.3 dB before).  A
; k-rate delay (steady within each block) stepping between whole samples too.
; difftest: sdr 110
; Measured 120.5 dB (the k-rate steps ~4.6e-05 apart at most).
<CsOptions>
</CsOptions>
<CsInstruments>
sr     = 44100
ksmps  = 32
nchnls = 2
0dbfs  = 1

instr 1                 ; iwsize p4
  a1   phasor 300
  a1   = a1 - 0.5
  a2   oscili 0.3, 441
  a_   delayr 1
  adel = 0.2
       deltapxw a1, adel, p4
  kst  = 0.15 + int(timeinsts() * 4) * 0.01   ; 0.15, 0.16 … s: whole samples in double
  adel = kst
       deltapxw a2, adel, p4
  adel = 0.3
  ar   deltapx adel, p4
  azero = 0
       delayw azero
  outs ar * 0.7, ar * 0.3
endin
</CsInstruments>
<CsScore>
i 1 0 1.2 32
i 1 1.5 1.2 4
e
</CsScore>
</CsoundSynthesizer>
