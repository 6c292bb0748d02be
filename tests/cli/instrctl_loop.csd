<CsoundSynthesizer>
; An instrument that schedules itself at once, for ever (run_cli.sh, instrctl-loop): the
; notes one k-cycle makes are bounded, so the block ends and the render goes on.
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 1
instr 1
  schedule 1, 0, 0
endin
</CsInstruments>
<CsScore>
i 1 0 0
e 0.1
</CsScore>
</CsoundSynthesizer>
