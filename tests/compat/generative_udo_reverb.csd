<CsoundSynthesizer>
; A generative study around user-defined opcodes: a conductor draws a
; phrase from a seeded random sequence at i-time and schedules it, a k-rate
; metro adds ornaments with schedkwhen, and every voice (an FM pair and a
; detuned saw-ish stack, both UDOs, one calling another) sends into a
; global bus; a Schroeder reverb built as a UDO from four combs and two
; alpasses plays the bus and clears it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 16
nchnls = 2
0dbfs = 1

seed 1234
gaRev init 0
giScale ftgen 0, 0, 8, -2, 0, 2, 4, 7, 9, 12, 14, 16

opcode Env, a, ii                  ; a soft attack-decay shape of p3
  iatt, idur xin
  aenv linseg 0, iatt, 1, idur - iatt, 0
  xout aenv
endop

opcode FmPair, a, kki              ; carrier cps, index, ratio
  kcps, kndx, irat xin
  amod oscili kcps * irat * kndx, kcps * irat
  acar oscili 1, kcps + amod
  xout acar
endop

opcode Stack, a, ki                ; three detuned partial stacks
  kcps, idet xin
  a1 FmPair kcps, 0.8, 1
  a2 FmPair kcps * (1 + idet), 0.6, 2
  a3 oscili 0.3, kcps * 2 * (1 - idet)
  xout (a1 + a2 * 0.7 + a3) / 2
endop

opcode Schroeder, aa, ak           ; four combs in parallel, two alpasses in series
  ain, krvt xin
  ac1 comb ain, krvt, 0.0297
  ac2 comb ain, krvt, 0.0371
  ac3 comb ain, krvt, 0.0411
  ac4 comb ain, krvt, 0.0437
  asum = (ac1 + ac2 + ac3 + ac4) * 0.25
  ap1 alpass asum, 0.09683, 0.005
  ap2 alpass ap1, 0.03292, 0.0017
  aL = ap2
  aR delay ap2, 0.011
  xout aL, aR
endop

instr conductor                    ; p4 notes, p5 base midi
  inote = 0
  istart = 0
  while inote < p4 do
    ideg = int(random(0, 7.999))
    idur = 0.25 * (1 + int(random(0, 2.999)))
    iamp = random(0.08, 0.16)
    schedule "voice", istart, idur * 1.5, p5 + table(ideg, giScale), iamp, random(0.2, 0.8)
    istart += idur
    inote += 1
  od
endin

instr voice                        ; p4 midi, p5 amp, p6 pan
  aenv Env 0.01, p3
  asig Stack cpsmidinn(p4), 0.004
  asig *= aenv * p5
  outs asig * (1 - p6), asig * p6
  gaRev += asig * 0.4
endin

instr ornament                     ; k-rate grace notes from a metro
  ktick metro 3
  knote = 72 + int(random:k(0, 4.999)) * 2
  schedkwhen ktick, 0, 3, "grace", 0, 0.12, knote
endin

instr grace                        ; p4 midi
  aenv Env 0.005, p3
  a1 FmPair cpsmidinn(p4), 2, 3.5
  a1 *= aenv * 0.05
  outs a1 * 0.3, a1 * 0.7
  gaRev += a1 * 0.6
endin

instr reverb                       ; plays and clears the bus
  krvt linseg 1.2, p3, 2.5
  aL, aR Schroeder gaRev, krvt
  outs aL * 0.5, aR * 0.5
  gaRev = 0
endin
</CsInstruments>
<CsScore>
i "conductor" 0 0.01 24 60
i "conductor" 4 0.01 12 48
i "ornament" 2 4
i "reverb" 0 12
</CsScore>
</CsoundSynthesizer>
