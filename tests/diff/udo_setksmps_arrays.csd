<CsoundSynthesizer>
; An a[] as argument and result of a UDO with a local ksmps smaller than
; its caller's: each sub-cycle sees its slice of the caller's block, as
; scalar a-rate arguments do (Csound 6.18's useropcd1 copies a[] members
; slice by slice).  A k-rate sample-and-hold per slice makes any misplaced
; slice audible.
; Notes start on block boundaries (Csound 6.18 misplaces a local-ksmps
; UDO's slices when a note starts more than the local ksmps into a block).
; difftest: sdr 90
; Measured ~147 dB (float rounding only); before a[] args were sliced, 0 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

opcode HoldArr, a[], a[]
  setksmps 4
  ain[] xin
  aout[] init 2
  k0 = k(ain[0])
  k1 = k(ain[1])
  aout[0] = k0
  aout[1] = k1 * 0.5
  xout aout
endop

opcode MixArr, a, a[]
  setksmps 8
  ain[] xin
  kv = k(ain[0]) - k(ain[1])
  xout a(kv)
endop

instr 1
  as[] init 2
  as[0] vco2 0.4, p4
  as[1] poscil 0.4, p4 * 1.5
  ao[] HoldArr as
  am MixArr as
  outs ao[0] + ao[1], am
endin
</CsInstruments>
<CsScore>
i 1 0 0.5 220
i 1 0.5 0.5 330
e
</CsScore>
</CsoundSynthesizer>
