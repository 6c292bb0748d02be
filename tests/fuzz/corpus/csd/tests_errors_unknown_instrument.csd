; expect: 15:1: error: unknown instrument '7'
<CsoundSynthesizer>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  out oscili:a(0.1, 440)
endin
</CsInstruments>
<CsScore>
i 1 0 1
i 7 1 1
</CsScore>
</CsoundSynthesizer>
