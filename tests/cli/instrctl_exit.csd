<CsoundSynthesizer>
; exitnow and remove (run_cli.sh, instrctl-exit): the render stops where exitnow ran (0.5 s:
; 24000 frames, as csound 6.18 writes); removing an instrument that plays is an init
; error, and a note of a removed one is not played.
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 1
0dbfs = 1
instr 1
  a1 oscili 0.3, 440
  out a1
endin
instr 2
  exitnow
endin
instr 3
  remove 4
endin
instr 4
  a1 oscili 0.3, 660
  out a1
endin
instr 5
  remove 1
endin
</CsInstruments>
<CsScore>
i 1 0 2
i 5 0.2 0
i 3 0.1 0
i 4 0.3 0.1
i 2 0.5003 0
e 2
</CsScore>
</CsoundSynthesizer>
