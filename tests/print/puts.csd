<CsoundSynthesizer>
; puts: a string when ktrig changes to a positive value (and at i-time when
; it is positive), with a newline unless inonl; run by tests/run_print.sh.
; Every line starts with "@".
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 1
0dbfs = 1

instr 1
  kc timeinstk
  puts "@hello", 1
  puts "@never", 0
  puts "@third", int(kc / 3)
  puts "@nonl ", int(kc / 4), 1
  puts "@after", int(kc / 4) + 100
  Smsg = "@var"
  puts Smsg, kc % 2
endin

; notes of their own instruments: Csound reuses a finished note's instance,
; whose k variables keep their last values, which an i-time trigger would see
instr 2
  kc timeinstk
  puts "@p4 is positive", p4
  puts "@from p4", kc + p4
endin

instr 3
  kc timeinstk
  puts "@p4 is negative", p4
  puts "@from -p4 ", kc + p4, 1
  puts "@end", kc - 2
endin
</CsInstruments>
<CsScore>
i 1 0   0.02
i 2 0.5 0.004 1
i 3 0.6 0.004 -1
</CsScore>
</CsoundSynthesizer>
