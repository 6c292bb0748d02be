<CsoundSynthesizer>
; Score loops { N NAME … }: nested loops whose counters ($BAR., $STEP.,
; from 0 as in csound 6.18) set each note's time and pitch; the outer
; count comes from a macro.  A note out of place or a counter off by one
; changes the melody.
; difftest: sdr 100
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
instr 1
  aenv linseg 0, 0.01, p5, p3 - 0.02, p5, 0.01, 0
  a1 oscili aenv, cpspch(p4), 1
  out a1
endin
instr 2
  aenv expseg 0.001, 0.005, p5, p3 - 0.005, 0.001
  a1 oscili aenv, p4, 1
  out a1
endin
</CsInstruments>
<CsScore>
#define BARS #3#
f 1 0 8192 10 1 0.4 0.2 0.1
{ $BARS. BAR
  i 2 [$BAR * 1.0] 0.5 [110 * ($BAR + 1)] 0.3
  { 4 STEP
    i 1 [$BAR + $STEP * 0.25] 0.2 [8.00 + $BAR * 0.02 + $STEP * 0.01] [0.1 + $STEP * 0.02]
  }
}
{ 2 X
i 1 [3.5 + $X * 0.25] 0.2 9.00 0.2
}
e
</CsScore>
</CsoundSynthesizer>
