<CsoundSynthesizer>
; User-defined opcodes as building blocks: an oscillator UDO that calls a
; filter UDO that calls an envelope UDO (UDOs calling UDOs), both call
; syntaxes (`a1 Op k1` and `a1 = Op(k1)`), a UDO with no outputs that writes
; the bus itself, an i-rate output computed at init, a k-rate output, p3 and
; a global variable read inside a UDO.  Channel 1: the synth voice; channel 2: a sine
; at the UDO-computed pitch, scaled by the UDO's k-rate output.
; difftest: sdr 90
; Measured ~125 dB (float rounding only); any wrong copy of an argument, a
; block or a k value in or out of a UDO changes the signal far more.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gkbright init 0.5

opcode Env, a, i
idur xin
aenv linseg 0, 0.01, 1, idur - 0.06, 0.6, 0.05, 0
xout aenv
endop

opcode Filt, a, ak
ain, kcf xin
kc = kcf * (0.5 + gkbright)
aout moogladder ain, kc, 0.4
aout = aout * Env(p3)
xout aout
endop

opcode Voice, a, kk
kamp, kcps xin
asaw vco2 kamp, kcps
acut Filt asaw, kcps * 6
xout acut
endop

opcode Pch2Hz, i, i
ipch xin
xout cpspch(ipch)
endop

opcode Wobble, k, kk
kdepth, krate xin
kw oscili kdepth, krate
xout 1 + kw
endop

opcode Stereo, 0, aa
al, ar xin
outs al, ar
endop

instr 1
icps Pch2Hz p4
kw Wobble 0.2, 3
a1 Voice 0.4, icps * kw
a2 = Voice(0.3, icps * 1.5)
asig = a1 + a2
Stereo asig, oscili(0.2 * kw, icps)
endin

instr 2
gkbright line 0, p3, 1
endin

</CsInstruments>
<CsScore>
i 2 0 4
i 1 0 1.5 8.09
i 1 1 2 7.04
i 1 2.5 1.2 8.00
e
</CsScore>
</CsoundSynthesizer>
