<CsoundSynthesizer>
; global_code.csd — code outside instruments (instr 0) at i-time: the header
; constants read back (nchnls_i is nchnls unless set), arithmetic, print,
; prints, printf_i, ftgen and a table read, labels with igoto, if/else,
; while loops, event_i and schedule, Csound's M_ math macros; run by
; tests/run_print.sh.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 16
nchnls = 2
0dbfs = 1
A4 = 438

giA = 3 * 4 + sr / 48000
print giA
prints "@hello %d\n", giA
gi1 ftgen 0, 0, 8, -2, 1, 2, 3, 4
printf_i "@tab %d %g %g\n", 1, gi1, table(2, gi1), tablei(1.5, gi1)
icnt = 0
loop:
  printf_i "@loop %d %g\n", 1, icnt, icnt * 0.5
  icnt += 1
if icnt < 3 igoto loop
if giA > 10 then
  prints "@big\n"
else
  prints "@small\n"
endif
ii = 0
while ii < 3 do
  printf_i "@while %d %.10g\n", 1, ii, cpsmidinn(60 + ii)
  ii += 1
od
event_i "i", 1, 0, 0.1, 7
schedule 1, 0.1, 0.1, 8
printf_i "@consts %g %g %g %g %g %g %g\n", 1, sr, kr, ksmps, nchnls, nchnls_i, 0dbfs, A4
printf_i "@macros %.17g %.17g %.17g %.17g %.17g\n", 1, $M_E, $M_LOG2E, $M_LOG10E, $M_LN2, $M_LN10
printf_i "@macros %.17g %.17g %.17g %.17g %.17g\n", 1, $M_PI, $M_PI_2, $M_PI_4, $M_1_PI, $M_2_PI
printf_i "@macros %.17g %.17g %.17g %.17g\n", 1, $M_2_SQRTPI, $M_SQRT2, $M_SQRT1_2, $M_INF
gkx init 5
giy = i(gkx) + 1
printf_i "@cast %g\n", 1, giy

instr 1
  printf_i "@instr %g %g %g %g\n", 1, p4, sr, giA, cpspch(8.09)
endin
</CsInstruments>
<CsScore>
e 1
</CsScore>
</CsoundSynthesizer>
