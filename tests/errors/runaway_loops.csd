; expect: PERF ERROR in instr 1 (line 15): work budget: more than 1048576 steps in one k-cycle (an endless loop?); note deleted
; expect: INIT ERROR in instr 2 (line 22): work budget: more than 1048576 steps in one init pass (an endless loop?)
; expect: WARNING in instr 3 (line 30): tablew: NaN or infinity written into table 1: written as 0 (told once)
; expect: INIT ERROR in instr 4 (line 33): tablew: table -1 is the built-in sine, which is read-only
; note error
<CsoundSynthesizer>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 1
0dbfs = 1
gi1 ftgen 1, 0, 1024, 10, 1
instr 1   ; an endless k-rate loop: stopped within its block (the work budget), the render goes on
  k1 init 0
  while k1 >= 0 do
    k1 += 1
  od
  out oscili(0.1, 440)
endin
instr 2   ; an endless i-time loop
  i1 = 0
  until i1 < 0 do
    i2 = i1 * 2
    i1 += 1
  od
endin
instr 3   ; NaN into a table is written as 0, told once; the built-in sine is read-only
  knan = sqrt(-1)
  kndx = 0
  tablew knan, kndx, 1
endin
instr 4
  tablew 0.5, 0, -1
endin
</CsInstruments>
<CsScore>
i 1 0 0.1
i 2 0.1 0.1
i 3 0.2 0.1
i 4 0.2 0.1
</CsScore>
</CsoundSynthesizer>
