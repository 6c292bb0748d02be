<CsoundSynthesizer>
; A-rate delay times that are exact in float as in double, so the taps must
; match Csound's to the last bits: sawtooths of 2^-12 steps from phasor
; (sr = 32768 makes the increment exact) scaled by powers of two.  deltapi,
; deltap3, deltapn, deltapx and deltapxw on a delayr line; vdelay and vdelay3;
; vdelayx, vdelayxs, vdelayxq, vdelayxw, vdelayxws, vdelayxwq at iquality 4
; and 16; on noise (rand, fixed seed) and sines.  Notes start mid-block, on
; exact frames (a start of N/32768 s).  The other tests modulate the times
; with sines, as music does; there the float time signal limits the match.
; difftest: sdr 120
; Same interpolation as Csound in double.  Measured 144.0 dB (float signals
; around the taps).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 32768
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; taps on a delayr line
  asrc rand 0.2, 0.3, 1
  as1  oscili 0.2, 220
  aph  phasor sr / 4096
  at1  = aph * 0.0078125 + 0.015625
  at2  = aph * 0.00390625 + 0.00390625
  asm  = aph * 256 + 100
  adl  delayr 0.03125
  a1   deltapi at1
  a2   deltap3 at1
  a3   deltapn asm
  a4   deltapx at1, p4
       deltapxw as1, at2, p4
       delayw asrc
  outs (a1 + a2) * 0.4, (a3 + a4 + adl) * 0.3
endin

instr 2                 ; vdelay, vdelay3 (milliseconds)
  asrc rand 0.2, 0.7, 1
  aph  phasor sr / 4096
  amod = aph * 8 + 4
  a1   vdelay asrc, amod, 30
  a2   vdelay3 asrc, amod, 30
  outs a1, a2
endin

instr 3                 ; the vdelayx family, quality p4
  as1  oscili 0.2, 220
  as2  oscili 0.2, 331
  aph  phasor sr / 8192
  adt  = aph * 0.0078125 + 0.00390625
  a1   vdelayx as1, adt, 0.02, p4
  a2   vdelayxw as2, adt, 0.02, p4
  a3, a4 vdelayxs as1, as2, adt, 0.02, p4
  a5, a6 vdelayxws as1, as2, adt, 0.02, p4
  aq1, aq2, aq3, aq4 vdelayxq as1, as2, as1, as2, adt, 0.02, p4
  aw1, aw2, aw3, aw4 vdelayxwq as1, as2, as1, as2, adt, 0.02, p4
  outs (a1 + a3 + a5 + aq1 + aq3 + aw1 + aw3) * 0.1, (a2 + a4 + a6 + aq2 + aq4 + aw2 + aw4) * 0.1
endin
</CsInstruments>
<CsScore>
i 1 [1000/32768]  [16384/32768] 4
i 1 [20011/32768] [16384/32768] 16
i 2 [40013/32768] [16384/32768]
i 3 [60007/32768] [16384/32768] 4
i 3 [80005/32768] [16384/32768] 16
</CsScore>
</CsoundSynthesizer>
