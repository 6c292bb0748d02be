<CsoundSynthesizer>
; Bells from a recursive additive UDO (each call adds an inharmonic partial
; with its own decay and calls itself for the next, depth from the score),
; scale degrees turned into pitches by an i-time UDO, a k-rate tremolo UDO,
; and a reverb UDO of four combs and two alpasses on a send bus.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 16
nchnls = 2
0dbfs = 1

garev init 0

opcode Degree, i, ii            ; scale degree of a pentatonic scale above a base
ideg, ibase xin
ioct = int(ideg / 5)
istep = ideg - ioct * 5
isemi = (istep == 0 ? 0 : istep == 1 ? 2 : istep == 2 ? 4 : istep == 3 ? 7 : 9)
xout ibase * semitone(isemi + 12 * ioct)
endop

opcode Partial, a, iiio
icps, iamp, idepth, icnt xin
iratio = 1 + icnt * 1.37 + icnt * icnt * 0.11
idec = p3 / (1 + icnt * 0.8)
kenv expon 1, idec, 0.001
asig oscili iamp * kenv / (1 + icnt * 0.5), icps * iratio
if icnt < idepth - 1 then
  anext Partial icps, iamp, idepth, icnt + 1
  asig = asig + anext
endif
xout asig
endop

opcode Tremolo, k, kk
krate, kdepth xin
kt oscili kdepth, krate
xout 1 - kdepth + kt
endop

opcode Verb, aa, ak
ain, kfb xin
ac1 comb ain, 2.2, 0.0297
ac2 comb ain, 2.2, 0.0371
ac3 comb ain, 2.2, 0.0411
ac4 comb ain, 2.2, 0.0437
asum = (ac1 + ac2 + ac3 + ac4) * 0.25
aa1 alpass asum, 0.09, 0.005
aa2 alpass aa1, 0.09, 0.0017
xout aa1 * kfb, aa2 * kfb
endop

instr 1                         ; bell: p4 degree, p5 amp, p6 partials
  icps Degree p4, 220
  a1 Partial icps, p5, p6
  ktr Tremolo 5, 0.15
  a1 = a1 * ktr
  outs a1 * 0.7, a1 * 0.5
  garev = garev + a1 * 0.25
endin

instr 90
  al, ar Verb garev, 0.6
  outs al, ar
  garev = 0
endin
</CsInstruments>
<CsScore>
i 90 0 8
i 1 0.0 3 0 0.2 6
i 1 0.5 3 2 0.2 5
i 1 1.0 3 4 0.2 8
i 1 1.5 3 7 0.15 4
i 1 2.0 3 5 0.2 6
i 1 3.0 4 3 0.2 10
i 1 3.25 3.5 9 0.12 3
i 1 4.0 3 1 0.2 6
i 1 4.5 3 6 0.15 5
e
</CsScore>
</CsoundSynthesizer>
