<CsoundSynthesizer>
; A pattern player that speaks score: a "player" instrument sends whole
; bars as score text with scoreline at k-time (several lines each, a
; carried p-field), starts a fill with schedwhen once its counter crosses a
; threshold, and a "mixer" mutes and allows the hat instrument while the
; pattern runs.  The notes take their p-fields with passign, and the bell
; reads its brightness from p() at k-time.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 16
nchnls = 2
0dbfs = 1

instr player                    ; p4 bars
  kc init 0
  kbar = int(kc / 1378)         ; a bar of 0.5 s in k-cycles
  ktrig = (kc % 1378 == 0 && kbar < p4 ? 1 : 0)
  scoreline {{
i "bell" 0     0.3 72 0.2 0.8
i "bell" 0.125 0.3 76 .   0.4
i "bell" 0.25  0.3 79 .   0.6
i "hat"  0     0.05 0.2
i "hat"  0.25  0.05 0.1
  }}, ktrig
  schedwhen (kbar >= 2 ? 1 : 0), 5, 0.375, 0.2, 84, 0.15
  kc += 1
endin

instr bell                      ; note, amp, brightness
  inote, iamp, ibright passign 4
  kb p 6
  kenv expseg 1, p3, 0.001
  a1 oscili iamp * kenv, cpsmidinn(inote)
  a2 oscili iamp * kenv * kb, cpsmidinn(inote) * 2.76
  outs a1 + a2 * 0.5, a1 * 0.5 + a2
endin

instr hat                       ; amp
  iamp passign 4
  an rand iamp, 0.3, 1
  an butterhp an, 7000
  kenv expseg 1, p3, 0.001
  outs an * kenv, an * kenv * 0.7
endin

instr 5                         ; the fill: a rising pair
  a1 oscili p5, cpsmidinn(p4)
  a2 oscili p5, cpsmidinn(p4 + 7)
  kenv linseg 0, 0.01, 1, p3 - 0.02, 1, 0.01, 0
  outs a1 * kenv, a2 * kenv
endin

instr mixer                     ; p4: 0 mutes the hats, 1 lets them play
  mute "hat", p4
endin
</CsInstruments>
<CsScore>
i "player" 0   2.2 4
i "mixer"  0.9 0   0
i "mixer"  1.4 0   1
e 2.6
</CsScore>
</CsoundSynthesizer>
