<CsoundSynthesizer>
; A dub chord stab: randi-wobbled oscil3 voices through butterbp, into a
; multitap echo and a comb, with a low randh-stepped bass through butterlp.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gafx init 0

instr 1                         ; stab: p4 Hz, p5 amp
  kw   randi 3, 5, 0.3
  aenv expsega 0.001, 0.01, 1, 0.25, 0.01
  a1   oscil3 p5, p4 + kw, 1
  a2   oscil3 p5, p4 * 1.5 + kw, 1
  af   butterbp (a1 + a2) * aenv, 1200, 800
  outs af, af
  gafx = gafx + af
endin

instr 2                         ; bass: p4 Hz, p5 amp
  kst  randh 0.5, 4, 0.7
  kenv linenr p5, 0.02, 0.3, 0.01
  a1   vco2 kenv, p4 * (1 + 0.02 * kst)
  af   butterlp a1, 500
  outs af, af
endin

instr 70                        ; echoes
  am multitap gafx, 0.375, 0.5, 0.75, 0.3, 1.125, 0.15
  ac comb gafx, 1.5, 0.083
  outs am * 0.6 + ac * 0.1, am * 0.4 + ac * 0.2
  gafx = 0
endin
</CsInstruments>
<CsScore>
f1 0 4096 10 1 0 0.3 0 0.1
i70 0 6
i1 0.5 0.3 440 0.15
i1 1.5 0.3 392 0.15
i1 2.5 0.3 440 0.15
i1 3.5 0.3 523.25 0.15
i2 0.0 1.9 55 0.3
i2 2.0 1.9 49 0.3
i2 4.0 1.0 55 0.3
e
</CsScore>
</CsoundSynthesizer>
