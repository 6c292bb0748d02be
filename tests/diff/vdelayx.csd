<CsoundSynthesizer>
; The vdelayx family: vdelayx, vdelayxs, vdelayxq (read through a windowed
; sinc) and vdelayxw, vdelayxws, vdelayxwq (written through it), at
; iquality 4, 8 and 32, with a-rate delays swept by a sine and a constant one
; (whole samples: the no-interpolation branch), on sines; notes start and end
; mid-block (vdelayxq reads its delay from frame n - offset, as Csound).
; difftest: sdr 90
; Same sinc and window arithmetic as Csound in double; the a-rate delay is a
; float signal here (double in Csound).  Measured 100.8 dB (a-rate delays ~100
; dB, constant ones ~128 dB).  outs, not outch: Csound 6.18 outch drops its
; first channel for the first block of a note starting mid-block.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; mono and stereo, quality p4
  as1  oscili 0.2, 220
  as2  oscili 0.2, 331
  adt  oscili 0.004, 1.3
  adt  = adt + 0.006
  a1   vdelayx as1, adt, 0.02, p4
  a2   vdelayxw as2, adt, 0.02, p4
  a3, a4 vdelayxs as1, as2, adt, 0.02, p4
  a5, a6 vdelayxws as1, as2, adt, 0.02, p4
  outs (a1 + a3 + a5) * 0.3, (a2 + a4 + a6) * 0.3
endin

instr 2                 ; quad, quality p4
  as1  oscili 0.2, 220
  as2  oscili 0.2, 331
  as3  oscili 0.2, 109
  as4  oscili 0.2, 443
  adt  oscili 0.004, 1.9
  adt  = adt + 0.006
  a1, a2, a3, a4 vdelayxq as1, as2, as3, as4, adt, 0.02, p4
  ac   = 0.005                      ; 220.5 samples at 44.1 kHz: half way
  ad   = 0.004                      ; 176.4
  ae   = 0.00625                    ; a whole number of samples: no interpolation
  if p5 == 1 then
    ac = ae
  endif
  ab1, ab2, ab3, ab4 vdelayxwq as1, as2, as3, as4, ac, 0.02, p4
  ay1  vdelayx as4, ad, 0.02, p4
  outs (a1 + ab1 + a3 + ab3) * 0.25, (a2 + ab2 + a4 + ay1) * 0.25
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.4 4
i 1 0.4107 0.4 8
i 1 0.8203 0.4 32
i 2 1.2303 0.4 4 0
i 2 1.6407 0.4 8 1
i 2 2.0503 0.4 32 0
</CsScore>
</CsoundSynthesizer>
