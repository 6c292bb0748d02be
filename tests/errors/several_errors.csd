; expect: 17:23: GEN 31 is not supported (ondes has GEN 1, 2, 5, 7, 9, 10, 11, 16, 17, 19, 20, 33 and 34)
; expect: 18:23: named GEN "tanh" is not supported
; expect: 20:5: unknown opcode 'fof'
; expect: 21:2: p-field p99 is out of range (p1…p64)
; expect: 27:12: GEN 8 is not supported
; expect: 28:12: named GEN "exp" is not supported
; expect: 29:1: 'C' statement needs 0 (carry off) or 1 (carry on)
; expect: 32:1: score statement 'w' is not supported
; every error of the orchestra and of the score, in one run, nothing played
<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 10
0dbfs = 1
gi1 ftgen 0, 0, 1024, 31, 1, 1
gi2 ftgen 0, 0, 1024, "tanh", -1, 1, 0
instr 1
 a1 fof 1, 440, 1
 p99 = 2
 out a1
endin
</CsInstruments>
<CsScore>
f 1 0 1024 10 1
f 2 0 1024 8 1 2 3
f 3 0 1024 "exp" 1 2
C
i 1 0 1
i 1 1 1
w 1
i 1 0 2
e
</CsScore>
</CsoundSynthesizer>
