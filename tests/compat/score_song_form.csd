<CsoundSynthesizer>
; A song in verse/chorus form written with the score's own structure:
; macros with arguments for chords and bars, m/n named sections to play
; the verse and chorus again, an r repeat for the turnaround (its counter
; transposes each pass), x to leave out a sketched section, and a { }
; loop for the bass line.  Bass, pad chords and a pitched kick.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

giwave ftgen 0, 0, 4096, 10, 1, 0.5, 0.33, 0.25, 0.2, 0.16

instr 1                         ; bass: p4 pitch (pch), p5 amp
  kenv expseg 0.001, 0.01, 1, p3 - 0.01, 0.01
  asig vco2 p5, cpspch(p4), 10
  af   butterlp asig * kenv, 900
  outs af, af
endin

instr 2                         ; pad voice: p4 pitch (pch), p5 amp, p6 pan
  kenv linen p5, 0.05, p3, 0.2
  a1   oscili kenv, cpspch(p4), giwave
  a2   oscili kenv, cpspch(p4) * 1.003, giwave
  al, ar pan2 (a1 + a2) * 0.5, p6
  outs al, ar
endin

instr 3                         ; kick: p4 amp
  kf   expon 160, p3, 40
  kenv expon p4, p3, 0.001
  a1   oscili kenv, kf, -1
  outs a1, a1
endin
</CsInstruments>
<CsScore>
#define CHORD(t'r'th'fi) #
i 2 $t 0.95 $r  0.12 0.3
i 2 $t 0.95 $th 0.10 0.5
i 2 $t 0.95 $fi 0.10 0.7
#
#define KICKS(t) #
i 3 $t 0.25 0.5
i 3 [$t + 0.5] 0.25 0.4
#

m verse
$CHORD(0'8.00'8.04'8.07)
$CHORD(1'8.05'8.09'9.00)
$KICKS(0)
$KICKS(1)
{ 8 N
i 1 [$N * 0.25] 0.2 [6.00 + ($N % 4) * 0.02] 0.3
}
s
m chorus
$CHORD(0'8.07'8.11'9.02)
$CHORD(1'8.00'8.04'8.07)
$KICKS(0)
$KICKS(1)
{ 4 N
i 1 [$N * 0.5] 0.45 [6.07 - ($N & 1) * 0.07] 0.35
}
s
x
i 2 0 4 7.00 0.2 0.5    ; a sketch left out
s
n verse
n chorus
r 2 T
$CHORD(0'[8.00 + $T * 0.02]'[8.04 + $T * 0.02]'[8.07 + $T * 0.02])
i 3 0 0.25 0.5
s
n chorus
e
</CsScore>
</CsoundSynthesizer>
