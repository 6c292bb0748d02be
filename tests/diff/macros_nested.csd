<CsoundSynthesizer>
; Macros using macros: an argument holding a macro call, a body spanning
; several lines, a macro redefined, and a score macro with three arguments.
; difftest: sdr 120
; Macros only rewrite text, so the output matches Csound to float rounding.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 16
nchnls = 2
0dbfs = 1
#define HALF(x) #($x)*0.5#
#define ENV(a'd) #linseg 0, $a, 1, $d, 0#
#define VOICE(f'amp) #
  kenv $ENV(0.01'p3-0.01)
  a1 oscili kenv*$amp, $f
#
instr 1
  $VOICE(p4'$HALF(p5))
  outs a1, a1*$HALF($HALF(1))
endin
#define GAIN #0.5#
#define GAIN #0.25#
instr 2
  a1 oscili $GAIN, p4
  outs a1*0, a1
endin
</CsInstruments>
<CsScore>
#define N(i'start'f) #i $i $start 0.4 $f 0.6#
$N(1'0'330)
$N(1'0.25'[330*1.5])
$N(2.'0.5'550)
e
</CsScore>
</CsoundSynthesizer>
