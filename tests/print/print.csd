<CsoundSynthesizer>
; print: "instr N:  name = value" with values as %5.3f, in the header
; (instr 0) and in notes; run by tests/run_print.sh, which compares the
; printed values with Csound's.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

giv = 3.5
print giv, -giv

instr 1
  iv = 1
  ix = -2.123456
  print iv, ix, p4
  print p4 * 2, 1 / 3
  print 12345.6789, -0.0004, 0.0005, 99999999
endin
</CsInstruments>
<CsScore>
i 1 0    0.1 440.5
i 1 0.25 0.1 -3
</CsScore>
</CsoundSynthesizer>
