<CsoundSynthesizer>
; A polyphonic subtractive synth built from user-defined opcodes: a
; detuned oscillator pair, an envelope, a resonant filter and a voice that
; calls them (UDOs calling UDOs), a pitch helper returning an i-time value,
; and a stereo ping-pong delay UDO (delayr/delayw inside a UDO) on a send
; bus; chords and a bass line.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gasend init 0

opcode Pch, i, ii               ; octave.pc with a transposition in semitones
ipch, itrans xin
xout cpspch(ipch) * semitone(itrans)
endop

opcode Osc2, a, kkk             ; two detuned saws
kamp, kcps, kdet xin
a1 vco2 kamp, kcps * (1 + kdet)
a2 vco2 kamp, kcps * (1 - kdet)
xout (a1 + a2) * 0.5
endop

opcode Env, a, iii
iatt, irel, isus xin
aenv linseg 0, iatt, 1, 0.1, isus, p3 - iatt - irel - 0.1, isus, irel, 0
xout aenv
endop

opcode Filter, a, akk
ain, kcf, kres xin
aout moogladder ain, kcf, kres
xout aout
endop

opcode Voice, a, ikk
icps, kbright, kdet xin
aosc Osc2 0.5, icps, kdet
aenv Env 0.02, 0.2, 0.7
kcf = icps * (1 + 8 * kbright)
afilt Filter aosc, kcf, 0.3
xout afilt * aenv
endop

opcode PingPong, aa, aii
ain, itime, ifb xin
abufl delayr 1
atapl deltap itime
delayw ain + atapl * ifb
abufr delayr 1
atapr deltap itime * 1.5
delayw atapl * 0.7 + atapr * ifb
xout atapl, atapr
endop

instr 1                         ; pad voice: p4 pitch, p5 amp
  icps Pch p4, 0
  kbr line 0.2, p3, 0.7
  a1 Voice icps, kbr, 0.004
  a1 = a1 * p5
  outs a1 * 0.8, a1 * 0.6
  gasend = gasend + a1 * 0.3
endin

instr 2                         ; bass: p4 pitch
  icps Pch p4, -12
  kbr expon 0.6, p3, 0.05
  a1 = Voice(icps, kbr, 0.001)
  outs a1 * 0.35, a1 * 0.35
endin

instr 90                        ; delay bus
  al, ar PingPong gasend, 0.375, 0.45
  outs al, ar
  gasend = 0
endin
</CsInstruments>
<CsScore>
i 90 0 9
i 1 0 2 8.00 0.25
i 1 0 2 8.04 0.25
i 1 0 2 8.07 0.25
i 1 2 2 7.09 0.25
i 1 2 2 8.00 0.25
i 1 2 2 8.04 0.25
i 1 4 2 7.05 0.25
i 1 4 2 7.09 0.25
i 1 4 2 8.00 0.25
i 1 6 2 7.07 0.25
i 1 6 2 7.11 0.25
i 1 6 2 8.02 0.25
i 2 0 0.5 8.00
i 2 1 0.5 8.00
i 2 2 0.5 7.09
i 2 3 0.5 7.09
i 2 4 0.5 7.05
i 2 5 0.5 7.05
i 2 6 0.5 7.07
i 2 7 0.5 7.07
e
</CsScore>
</CsoundSynthesizer>
