; expect: ftgen: table 1 (GEN 1): GEN1: cannot open '...gen1_not_audio.csd': Format not recognised
<CsoundSynthesizer>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
giT ftgen 1, 0, 0, 1, "gen1_not_audio.csd", 0, 0, 0
instr 1
  out oscili(0.1, 440, giT)
endin
</CsInstruments>
<CsScore>
i 1 0 1
</CsScore>
</CsoundSynthesizer>
