<CsoundSynthesizer>
; deltapx (read) and deltapxw (write) on a delayr line, at iwsize 4 (cubic)
; and 16 (windowed sinc), with a-rate delays swept by a sine and a constant
; one of a whole number of samples (the no-interpolation branch), on sines;
; notes start and end mid-block (both read the delay from frame n - offset,
; and deltapxw's sinc writes the block's first input frame, as Csound does).
; difftest: sdr 90
; Same kernels as Csound in double over a double line; the a-rate delays are
; float signals here (double in Csound).  Measured 101.7 dB (the a-rate
; delays ~100 dB, the rest ~143 dB).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; iwsize p4
  as1  oscili 0.2, 220
  as2  oscili 0.2, 331
  adt  oscili 0.004, 1.3
  adt  = adt + 0.01
  awr  oscili 0.003, 0.7
  awr  = awr + 0.006
  aw2  = 0.0025                      ; 110.25 samples
  ad   delayr 0.02
  a1   deltapx adt, p4
  a2   deltapx aw2, p4
       deltapxw as2, awr, p4
  aw5  = 0.005                      ; 220.5 samples
       deltapxw as1 * 0.5, aw5, p4
       delayw as1
  outs (ad + a1) * 0.3, a2 * 0.5
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.5 4
i 1 0.5107 0.5 16
</CsScore>
</CsoundSynthesizer>
