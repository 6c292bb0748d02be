<CsoundSynthesizer>
; The order instances perform in within one k-cycle follows the instrument numbers Csound
; gives named instruments (the lowest free number, after the numbered ones: Echo is 2,
; Tone is 4).  A bus chain: instr 1 writes gaDry; Echo (2) reads it the same k-cycle and
; writes a filtered copy to gaWet; instr 3 plays both and clears the buses; Tone (4) adds
; to gaWet after instr 3 cleared it, so it is heard one k-cycle late, as in Csound.
; Numbered the old way (Echo after instr 3), Echo's copy would arrive one k-cycle late and
; the difference would be far above the noise floor.
; difftest: sdr 120
; oscili's integer phase is Csound's: expect about -130 dB of difference.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

gaDry init 0
gaWet init 0

instr 1
  gaDry = oscili:a(0.3, 220 + 3 * p4, -1)
endin

instr Echo
  ; a k-rate gate and a one-pole filter: a late bus would show at every k-cycle
  kg oscili 0.5, 5, -1
  gaWet = gaWet + tone(gaDry, 800) * (0.5 + kg)
endin

instr 3
  outs gaDry + gaWet, gaWet - 0.5 * gaDry
  gaDry = 0
  gaWet = 0
endin

instr Tone
  gaWet = gaWet + oscili:a(0.1, 660, -1)
endin
</CsInstruments>
<CsScore>
i 3 0 2
i "Echo" 0 2
i 1 0.1003 1.5 7
i "Tone" 0.5 1
</CsScore>
</CsoundSynthesizer>
