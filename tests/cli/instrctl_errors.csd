<CsoundSynthesizer>
; Bad instrument numbers and names in instrument control (run_cli.sh, instrctl-errors):
; Csound warns and the note plays on for an undefined instrument or name; an
; invalid number or turnoff2 mode is a performance error that deletes the note.
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 1
instr 1
  schedule "nosuch", 0, 1
endin
instr 2
  event_i "i", 77, 0, 1
endin
instr 3
  kc init 0
  if kc == 1 then
    event "i", 0.5, 0, 1
  endif
  kc += 1
endin
instr 4
  turnoff2 4, 3, 0
endin
instr 5
  i1 nstrnum "missing"
endin
</CsInstruments>
<CsScore>
i 1 0 0.1
i 2 0 0.1
i 3 0 0.1
i 4 0 0.1
i 5 0 0.1
</CsScore>
</CsoundSynthesizer>
