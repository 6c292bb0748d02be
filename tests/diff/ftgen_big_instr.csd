<CsoundSynthesizer>
; Tables too big for the audio thread made inside instruments: 2^18-point
; GEN 10 tables (16 harmonics, far beyond the real-time pool's 16384 points)
; by ftgen, ftgenonce (two notes asking the same numbers share one table) and
; ftgentmp (freed at the note's end, its number then free again: the next
; note gets it), and a GEN 1 table read from a sound file by a note.  The
; table worker makes them; offline the render waits for it, so every note
; starts on time, as in Csound, and the numbers come out as Csound's.
; difftest: sdr 110
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  ifn ftgen 0, 0, 262144, 10, 1, 0.5, 0.33, 0.25, 0.2, 0.17, 0.14, 0.125, 0.11, 0.1, 0.09, 0.083, 0.077, 0.071, 0.067, p5
  print ifn
  aenv linseg 0, 0.01, 0.3, p3 - 0.02, 0.3, 0.01, 0
  a1 poscil aenv, p4 + (ifn - 100), ifn
  outs a1, a1 * 0.5
endin

instr 2
  ifn ftgenonce 0, 0, 262144, 10, 1, 0, 0.3, 0, 0.2
  ifn2 ftgentmp 0, 0, 131072, -10, 0.2, 0.2, 0.2
  print ifn, ifn2
  a1 poscil 0.2, p4, ifn
  a2 poscil 0.2, p4 * 1.5, ifn2
  outs a1 + a2, a1 - a2
endin

instr 3
  ifn ftgen 0, 0, 0, 1, "../data/tone_mono.wav", 0, 0, 0
  ilen = ftlen(ifn)
  print ifn, ilen
  a1 loscil 0.5, 1, ifn, 1
  outs a1, -a1
endin
</CsInstruments>
<CsScore>
i 1 0     0.4 220 0.1
i 1 0.21  0.4 330 0.3
i 2 0.5   0.3 262
i 2 0.51  0.3 392
i 2 0.9   0.3 294
i 3 1.2   0.5
i 1 1.3   0.3 440 0.5
e
</CsScore>
</CsoundSynthesizer>
