<CsoundSynthesizer>
; Program control inside user-defined opcodes: a UDO whose body restarts its
; own envelope with timout/reinit (the reinit pass runs over the UDO
; instance, from its label to its rireturn), a UDO summing partials with a
; k-rate loop_lt, one choosing with if/elseif on an i-rate and a k-rate
; input; and an instrument whose reinit pass re-initialises a UDO call.
; difftest: sdr 100
; Oscillators and envelopes as Csound's, in double: measured ~150 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

opcode Pulser, a, ii            ; icps, istep: a tone re-struck every istep
  icps, istep xin
  icount = 0
strike:
  timout 0, istep, ring
  reinit strike
ring:
  icount += 1
  kenv expseg 1, istep, 0.01
  a1 oscili 0.2 * kenv, icps * (1 + (icount % 3) * 0.5)
  rireturn
  xout a1
endop

opcode Partials, a, kk          ; kcps, kn: kn partials summed each k-cycle
  kcps, kn xin
  ksum = 0
  ki = 1
add:
  ksum += kcps * ki
  loop_lt ki, 1, kn + 1, add
  a1 oscili 0.1, ksum / kn
  xout a1
endop

opcode Chooser, a, ik
  imode, kx xin
  if kx > 0.5 then
    ka = 0.2
  elseif imode == 1 then
    ka = 0.1
  else
    ka = 0.05
  endif
  a1 oscili ka, 330
  xout a1
endop

instr 1
  a1 Pulser p4, p5
  outs a1, a1
endin

instr 2
  kn line 1, p3, 6
  a1 Partials 110, int(kn)
  klfo oscili 1, 2
  a2 Chooser p4, klfo
  outs a1, a2
endin

instr 3                         ; the instrument's reinit re-runs a UDO's init
  icps = 200
again:
  timout 0, 0.125, go
  reinit again
go:
  icps *= 1.125
  a1 Pulser icps, 0.0625
  rireturn
  outs a1, a1
endin
</CsInstruments>
<CsScore>
i 1 0    1     440 0.1
i 2 1    1     1
i 2 2    1     0
i 3 3    1
</CsScore>
</CsoundSynthesizer>
