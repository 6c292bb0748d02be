<CsoundSynthesizer>
; exitnow: the performance stops on the k-cycle of the note that calls it
; (that k-cycle is not heard), so the file is 0.5 s long however long the
; score runs, and the tone that was still playing is cut there.
; difftest: sdr 100
; difftest: length exact
<CsOptions>
</CsOptions>
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
</CsInstruments>
<CsScore>
i 1 0 2
i 2 0.5003 0
e 2
</CsScore>
</CsoundSynthesizer>
