<CsoundSynthesizer>
; A plucked-string ensemble on UDOs: pluck into a recursive body-resonance
; UDO (a chain of reson stages whose depth is a p-field), a soft clipper
; written as k-rate code in a UDO running at ksmps 1 (setksmps) so it
; shapes every sample, a pan UDO overloaded for i- and k-rate positions,
; and a zero-output UDO that writes the bus.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

opcode Body, a, aiio
ain, ibase, istages, icnt xin
aout reson ain, ibase * (1 + icnt * 0.61), ibase * 0.2, 1
aout = aout * 0.5 + ain * 0.5
if icnt < istages - 1 then
  aout Body aout, ibase, istages, icnt + 1
endif
xout aout
endop

opcode SoftClip, a, ak
setksmps 1
ain, kdrive xin
kx = k(ain) * kdrive
ky = kx / (1 + abs(kx))
aout = ky
xout aout
endop

opcode Pan, aa, ai
ain, ipos xin
xout ain * sqrt(1 - ipos), ain * sqrt(ipos)
endop

opcode Pan, aa, ak
ain, kpos xin
kleft = sqrt(1 - kpos)
kright = sqrt(kpos)
xout ain * kleft, ain * kright
endop

opcode ToBus, 0, aak
al, ar, kgain xin
outs al * kgain, ar * kgain
endop

instr 1                         ; pluck: p4 pitch, p5 amp, p6 pan, p7 body stages
  icps = cpspch(p4)
  a1 pluck p5, icps, icps, 0, 1
  a2 Body a1, 400, p7
  a3 SoftClip a2, 3
  al, ar Pan a3, p6
  ToBus al, ar, 0.4
endin

instr 2                         ; drone with a moving pan
  a1 vco2 0.2, cpspch(p4)
  a1 tone a1, 900
  kpos line 0, p3, 1
  al, ar Pan a1, kpos
  aenv linseg 0, 0.5, 1, p3 - 1, 1, 0.5, 0
  ToBus al * aenv, ar * aenv, 0.5
endin
</CsInstruments>
<CsScore>
i 2 0 6 6.09
i 1 0.00 1.5 8.09 0.5 0.2 3
i 1 0.25 1.5 9.00 0.5 0.4 2
i 1 0.50 1.5 9.04 0.5 0.6 4
i 1 0.75 1.5 9.09 0.5 0.8 1
i 1 1.50 2.0 8.07 0.6 0.3 5
i 1 2.00 2.0 9.02 0.5 0.7 3
i 1 3.00 2.5 8.05 0.6 0.5 6
i 1 3.10 2.5 9.00 0.4 0.1 2
i 1 3.20 2.5 9.05 0.4 0.9 2
e
</CsScore>
</CsoundSynthesizer>
