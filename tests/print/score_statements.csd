<CsoundSynthesizer>
; The score statements' results as each note sees them, printed at init:
; p2 counts from its section's start; t with a tempo ramp, b, v, carry,
; + and ^+, ramps < and (, '~', np/pp, '!', z (infinity in p3, 0 from
; p4 on), { } loops, r repeats, m/n sections, x, y with [~], [ ] operators,
; a (the note after the skip keeps its score p2).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 16
nchnls = 1
0dbfs = 1
instr 1
  prints "@ p2=%.6f p3=%.6f p4=%.9g p5=%.9g\n", p2, p3, p4, p5
endin
</CsInstruments>
<CsScore>
t 0 60 4 120 8 90
b 0.5
i 1 0 1 10 20
i 1 + . < .
i 1 + . < 
i 1 + . 40 np4
v 2
i 1 5 0.5 50 pp4
b 0
i 1 ^+1 0.25 60 !
i 1 [2*4] 0.5 70 z
s
i 1 0 1 1 2
i 1 1 -1 ( 3
i 1 2 1 8 ~
i 1 3 1 > 5
i 1 4 1 16 6
i -1 4.5 0
s
y 77
{ 3 K
i 1 [$K * 0.25] 0.2 [~] [$K # 6 | 1]
}
m part
i 1 0 0.1 [1-2*3+4] [2^3*2]
s
x
i 1 0 1 999 999
s
r 2 R
i 1 0.1 0.1 $R [@@5 + $R]
s
n part
a 0 0 1
i 1 0.5 0.1 1 1
i 1 1.5 0.1 2 2
s
e
</CsScore>
</CsoundSynthesizer>
