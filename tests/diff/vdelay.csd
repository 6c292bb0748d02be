<CsoundSynthesizer>
; vdelay and vdelay3 with a k-rate delay (constant, and swept past the line's
; end so the read position wraps) and an a-rate delay modulated by a sine, on
; a sum of sines and on noise (rand, fixed seed); vdelay3 with a line shorter
; than 4 samples (its linear fallback, and Csound's k-rate form writing no
; input there); notes start and end mid-block.
; difftest: sdr 90
; Same interpolation as Csound in double; the a-rate delays are float signals
; here (double in Csound), and their rounding moves the taps.
; Measured 97.2 dB (k-rate ~145 dB, a-rate on noise ~90 dB, on sines ~123 dB).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; k-rate delays
  if p4 == 0 then
    asrc rand 0.2, 0.3, 1
  else
    as1  oscili 0.1, 220
    as2  oscili 0.1, 331
    asrc = as1 + as2
  endif
  kdt  line 1, p3, 60
  a1   vdelay asrc, kdt, 50
  a2   vdelay3 asrc, kdt, 50
  a3   vdelay asrc, 12.3, 20
  a4   vdelay3 asrc, 7.77, 20
  outs (a1 + a3) * 0.5, (a2 + a4) * 0.5
endin

instr 2                 ; a-rate delays
  if p4 == 0 then
    asrc rand 0.2, 0.7, 1
  else
    as1  oscili 0.1, 220
    as2  oscili 0.1, 331
    asrc = as1 + as2
  endif
  amod oscili 8, 1.7
  amod = amod + 10
  a1   vdelay asrc, amod, 30
  a2   vdelay3 asrc, amod, 30
  outs a1, a2
endin

instr 3                 ; vdelay3 on a line of 3 samples
  asrc oscili 0.3, 500
  adt  oscili 0.02, 3
  adt  = adt + 0.03
  a1   vdelay3 asrc, adt, 0.07
  a2   vdelay3 asrc, 0.045, 0.07
  outs a1, a2
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.5 0
i 1 0.5507 0.5 1
i 2 1.1003 0.5 0
i 2 1.6107 0.5 1
i 3 2.2003 0.3
</CsScore>
</CsoundSynthesizer>
