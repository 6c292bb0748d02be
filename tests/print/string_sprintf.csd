<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; sprintf's conversions as Csound formats them: each piece of the format is
; C's printf with one value, %d takes the value rounded half to even in 32
; bits, %s a string with width and precision, %c a character code, and
; results longer than a variable's own buffer.
sr = 44100
ksmps = 100
nchnls = 1
0dbfs = 1

instr 1
  S1 sprintf "[%.3s] [%-8.2s] [%8s] [%s]", "abcdef", "xyz", "pad", ""
  prints "@%s\n", S1
  S2 sprintf "%c%c%c %5c|%-3c|", 111, 110, 100, 101, 115
  prints "@%s\n", S2
  S3 sprintf "%d %d %d %d", 0.5, 1.5, -0.5, 1e9
  prints "@%s\n", S3
  S4 sprintf "%x %X %o %#o %08.3f %+.2e %-+6d|", 48879, 3054, 511, 8, -3.14159, 123456, -5
  prints "@%s\n", S4
  S5 sprintf "100%% sure: %d%%", 99
  prints "@%s\n", S5
  S6 sprintf "%g %g %g %g %.10g %G", 0.1, 1/3, 123456789, 1e-5, 2/3, 1e-10
  prints "@%s\n", S6
  S7 sprintf "%f %.0f %.1f %.2f %10.3f|", 1/7, 0.5, 0.05, 1.005, -1/3
  prints "@%s\n", S7
  S8 sprintf "%-20s|%s", "left in twenty", "0123456789012345678901234567890123456789012345678901234567890123456789"
  prints "@%s\n", S8
  i1 strlen S8
  prints "@length %d\n", i1
  S9 sprintf "tab\there, quote \"q\", %s", "end"
  prints "@%s\n", S9
  S10 sprintf "%i-%u-%d", -7.5, 42.4999, 2147483647
  prints "@%s\n", S10
endin
</CsInstruments>
<CsScore>
i 1 0 0.01
</CsScore>
</CsoundSynthesizer>
