<CsoundSynthesizer>
; A generative arpeggiator: a conductor instrument walks a scale table and
; makes notes with schedkwhennamed (a trigger every 6 k-cycles, at most 5
; voices of the synth at once), the synth is limited further with maxalloc,
; the delay-line "room" is started held with turnon and fed through a global
; bus, and the closing chord is score text sent with scoreline_i; every note
; reads its pitch with p() by index.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gasend init 0
maxalloc "synth", 4

instr conductor                 ; p4 base note, p5 k-cycles a step
  kc init 0
  kstep init 0
  ktrig = (kc % p5 == 0 ? 1 : 0)
  knote table kstep % 8, 1
  koct = int(kstep / 8) % 2
  schedkwhennamed ktrig, 0, 5, "synth", 0, 0.18, p4 + knote + 12 * koct, 0.12 + 0.04 * (kstep % 3)
  if ktrig == 1 then
    kstep += 1
  endif
  kc += 1
endin

instr synth                     ; p4 MIDI note, p5 amplitude
  inote p 4
  iamp p 5
  kenv madsr 0.005, 0.05, 0.6, 0.08
  a1 vco2 iamp * kenv, cpsmidinn(inote)
  a1 moogladder a1, 900 + 2500 * kenv, 0.3
  outs a1 * 0.8, a1 * 0.6
  gasend = gasend + a1 * 0.3
endin

instr roomstart
  turnon "room"
endin

instr room                      ; held: two combs and an allpass on the bus
  a1 comb gasend, 1.2, 0.0297
  a2 comb gasend, 1.1, 0.0371
  a3 alpass a1 + a2, 0.3, 0.005
  outs a3 * 0.25, a2 * 0.25
  gasend = 0
endin

instr closing
  scoreline_i {{
i "synth" 0 1.2 48 0.15
i "synth" 0.01 1.2 55 0.12
i "synth" 0.02 1.2 63 0.1
  }}
endin

instr stoproom
  turnoff2 "room", 0, 0
endin
</CsInstruments>
<CsScore>
f 1 0 8 -2 0 3 7 10 12 15 17 19
i "roomstart" 0 0
i "conductor" 0 3 50 160
i "conductor" 1.5 1.5 62 110
i "closing" 3.1 0
i "stoproom" 4.9 0.01
e 5
</CsScore>
</CsoundSynthesizer>
