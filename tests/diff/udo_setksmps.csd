<CsoundSynthesizer>
; A UDO running at a smaller ksmps than its caller (setksmps): a one-pole
; lowpass and a waveshaper written as k-rate code, with a k-rate loop, that
; at local ksmps 1 run once per sample (at the caller's 32 it would be a
; staircase: audibly different); a UDO called with Csound's hidden iksmps
; argument (4); a local-ksmps UDO calling a UDO without one (which then
; runs at 1 too); k-rate inputs the same in every sub-cycle and the k-rate
; output from the last.  Notes start on block boundaries (sr 48000, ksmps
; 32): Csound 6.18 misplaces the slices of a local-ksmps UDO when a note
; starts more than the local ksmps into a block.
; difftest: sdr 90
; Measured ~130 dB (float rounding only).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

opcode Sq, k, k
kx xin
xout kx * kx
endop

opcode KLow, ak, ak
setksmps 1
ain, kc xin
kin = k(ain)
kout init 0
kout = kout + (kin - kout) * kc
; a k-rate loop: a polynomial waveshaper, evaluated every sample
kacc = 0
kpow = 1
ki = 0
while ki < 4 do
  kacc += kpow / (ki + 1)
  kpow *= kout
  ki += 1
od
kpeak = Sq(kout)
aout = kacc - 1
xout aout, kpeak
endop

; no setksmps of its own: the call's last argument sets it
opcode Hold, a, a
ain xin
kv = k(ain)
aout = kv
xout aout
endop

instr 1
asaw vco2 0.5, p4
kc line 0.02, p3, 0.3
a1, kpk KLow asaw, kc
a2 Hold asaw, 4
a3 = Hold(asaw)
aenv linseg 0, 0.01, 1, p3 - 0.02, 1, 0.01, 0
outs (a1 + kpk * 0.1) * aenv * 0.5, (a2 - a3) * aenv * 0.4
endin
</CsInstruments>
<CsScore>
i 1 0 1 220
i 1 1 1 330
e
</CsScore>
</CsoundSynthesizer>
