<CsoundSynthesizer>
; println and printsk (Csound's emugens, Opcodes/emugens/emugens.c): the
; printf formatting every k-cycle, println adding a newline; run by
; tests/run_print.sh.  Every line starts with "@".
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 1
0dbfs = 1

instr 1
  kc timeinstk
  kt timeinsts
  println "@ln %d %.5f %s %5.1f%%", kc, kt, "str", p4
  printsk "@sk %03d|%-5x|%g\n", kc * 7, kc * 300, kt * 1000
  println "@plain 100%%"
  printsk "@two %d %d", kc, p1
  printsk "\n"
endin
</CsInstruments>
<CsScore>
i 1 0     0.005 12.25

i 1 0.2   0.003 -1
</CsScore>
</CsoundSynthesizer>
