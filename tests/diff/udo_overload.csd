<CsoundSynthesizer>
; One UDO name, several definitions told apart by their types, as Csound
; picks among them by the rates of a call's outputs and inputs: Shape on an
; a-rate signal, on a k-rate value, on an i-rate value, each scaling by a
; different factor, so the wrong pick changes the level; in statements and
; in function calls (where the wanted output rate decides).  A later
; definition with the same types replaces an earlier one.
; difftest: sdr 90
; Measured ~135 dB (float rounding only).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

opcode Shape, a, ak
ain, kg xin
xout ain * kg
endop

opcode Shape, k, kk
kin, kg xin
xout kin * kg * 0.5
endop

opcode Shape, i, ii
iin, ig xin
xout iin * ig * 0.25
endop

; replaced below: never used
opcode Twice, a, a
ain xin
xout ain * 10
endop

opcode Twice, a, a
ain xin
xout ain * 2
endop

opcode Twice, k, k
kin xin
xout kin * 3
endop

instr 1
iamp Shape 0.8, 1            ; i version: 0.2
kamp Shape 0.8, 1            ; k version: 0.4
kf line 300, p3, 600
asig oscili 1, kf
a1 Shape asig, kamp          ; a version
a2 = Shape(asig, iamp)       ; a version, function call
k3 = Shape(kamp, 2)          ; k version from a function call: 0.4
a3 oscili k3, kf * 1.5
a4 Twice a3
k5 = Twice(kamp)
outs a1 + a4 * 0.1, a2 * k5
endin
</CsInstruments>
<CsScore>
i 1 0 1
i 1 1.25 0.5
e
</CsScore>
</CsoundSynthesizer>
