<CsoundSynthesizer>
; Assigning p-fields at i-time: p3 sets the note's length (doubled here),
; p4 the pitch the note reads back.  The last note keeps its length, so
; the score's end (3.5 s) is where both renders stop.
; difftest: sdr 100
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
 p3 = p3 * p5
 p4 = p4 + 220
 out oscili(0.3, p4)
endin
</CsInstruments>
<CsScore>
i 1 0 0.5 220 2
i 1 1.5 0.25 440 2
i 1 2.5 1 330 1
</CsScore>
</CsoundSynthesizer>
