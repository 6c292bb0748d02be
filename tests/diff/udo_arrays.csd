<CsoundSynthesizer>
; Arrays as arguments of user-defined opcodes: a k[] of pitches transposed
; by a UDO returning a k[] (every k-cycle, the glide heard), a UDO sounding
; a k[]'s three pitches, an i[] summed at i-time to the note's amplitude; a
; UDO with its own ksmps stepping a k[], an a[] mixed by a UDO, and a UDO
; returning an a[] of two oscillators.
; difftest: sdr 100
; Oscillators as Csound's, in double: measured ~143 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

opcode Transpose, k[], k[]k
  kp[], kst xin
  kout[] = kp * semitone(kst)
  xout kout
endop

opcode Chord, a, k[]
  kf[] xin
  a1 oscili 0.2, kf[0]
  a2 oscili 0.2, kf[1]
  a3 oscili 0.2, kf[2]
  xout a1 + a2 + a3
endop

opcode isum, i, i[]
  ia[] xin
  ilen = lenarray(ia)
  is = 0
  ii = 0
loop:
  is += ia[ii]
  ii += 1
  if ii < ilen igoto loop
  xout is
endop

opcode Mix, a, a[]
  as[] xin
  xout as[0] * 0.5 + as[1] * 0.25
endop

opcode Steps, k[], k[]
  setksmps 8
  kp[] xin
  kc init 0
  kc += 1
  kout[] = kp * (1 + (kc % 50) / 400)
  xout kout
endop

opcode Spread, a[], k
  kf xin
  aa[] init 2
  aa[0] oscili 0.3, kf
  aa[1] oscili 0.3, kf * 1.5
  xout aa
endop

instr 2
  kb[] fillarray 330, 440
  kc[] Steps kb
  asigs[] init 2
  asigs[0] oscili 0.3, kc[0]
  asigs[1] oscili 0.3, kc[1]
  am Mix asigs
  ap[] Spread kc[0] * 0.5
  out am + ap[0] * 0.3 + ap[1] * 0.2
endin

instr 1
  kp[] fillarray 220, 277.18, 329.63
  kst line 0, p3, 7
  kq[] Transpose kp, kst
  asig Chord kq
  ia[] fillarray 0.1, 0.2, 0.3
  iamp isum ia
  print iamp
  out asig * iamp
endin
</CsInstruments>
<CsScore>
i1 0 1
i2 1 1
</CsScore>
</CsoundSynthesizer>
