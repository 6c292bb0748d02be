<CsoundSynthesizer>
; loscil and loscil3 with imod1 / imod2 omitted (-1): the loops come from the
; sound file's smpl chunk, as Csound's GEN 1 records them (loopmode, begin,
; end).  tone_loop.wav (0.6 s) has a forward sustain loop (frames 2205-6615)
; and a back-and-forth release loop (frames 8000-11025): notes far longer than
; the sound keep sounding only if the sustain loop is taken from the file, and
; the release loop is heard after a note held by xtratim releases.
; tone_mono.wav has a smpl chunk without loops: played through, then silent
; (Csound warns "sustain defers to non-looping source").
; difftest: sdr 90
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

; p4 amp, p5 kcps, p6 table; loscil, ibas omitted (the file's root note)
instr 1
  a1 loscil p4, p5, p6
  outs a1, a1
endin

; loscil3 with ibas 1, a release segment: xtratim lets it play after p3
instr 2
  xtratim 1
  a1 loscil3 p4, p5, p6, 261.6256
  outs a1 * 0.7, a1
endin
</CsInstruments>
<CsScore>
f 1 0 0 1 "../data/tone_loop.wav" 0 0 0
f 2 0 0 1 "../data/tone_mono.wav" 0 0 0
i 1 0     2.5 0.5 261.6256 1
i 1 0.5   1.5 0.4 330      1
i 1 2.6   1.5 0.5 220      2
i 2 4.1   1   0.5 300      1
i 2 6.3   0.5 0.4 200      1
e
</CsScore>
</CsoundSynthesizer>
