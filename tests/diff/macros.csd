<CsoundSynthesizer>
; The preprocessor in orchestra and score: #define with and without
; arguments, $NAME. with its dot, #ifdef/#ifndef/#else/#end, #undef, a
; predefined macro ($M_SQRT1_2; Csound predefines none in scores).
; difftest: sdr 120
; Macros only rewrite text: the same oscili notes as written out by hand,
; so the output matches Csound to float rounding (measured like line.csd).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1
#define AMP #0.2#
#define OSC(freq'amp) #oscili $amp, $freq, 1#
#ifdef AMP
giamp = $AMP.
#else
giamp = 0
#end
#ifndef NOPE
gidet = 1.003
#end
#undef AMP
instr 1
  a1 $OSC(p4'giamp*p5)
  a2 $OSC(p4*gidet'giamp*(1-p5))
  out (a1 + a2) * $M_SQRT1_2
endin
</CsInstruments>
<CsScore>
#define F1 #f 1 0 8192 10 1 0.5 0.25#
#define NOTE(t'f) #i 1 $t 0.5 $f 0.5#
$F1
$NOTE(0'440)
$NOTE(0.5'[220*1.5])
i 1 1 0.5 330 0.25
#ifdef NOPE
i 1 1.5 1 100 1
#end
e
</CsScore>
</CsoundSynthesizer>
