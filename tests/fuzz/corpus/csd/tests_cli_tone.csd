<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; tone.csd — the CLI tests' input: one second of 440 Hz, stereo, left -6 dBFS, right -12 dBFS.
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1
  asig oscili 0.5, 440
  outs asig, asig * 0.5
endin
</CsInstruments>
<CsScore>
i 1 0 1
</CsScore>
</CsoundSynthesizer>
