; expect: 12:5: unknown opcode 'fof'
; expect: 13:2: variable 'fsig': f- and w-rate variables are not supported
; expect: 14:12: expected an expression, found end of line
; expect: 15:2: unknown opcode 'outq'
; expect: 20:7: unknown opcode 'buzz'
; expect: 21:9: unexpected character '@'
; expect: 22:13: expected 'then' or 'goto' after the condition, found 'thn'
sr = 44100
ksmps = 32
nchnls = 1
instr 1
 a1 fof 1, 440, 1
 fsig = 4
 kamp = 1 +
 outq a1*kamp, a1, a1, a1
 out a1 * kamp            ; a1 and kamp are declared: no "undefined variable"
endin

instr 2
 asig buzz 1, 440, 3, 1
 i1 = 1 @ 2
 if i1 == 1 thn
   asig = 0
 endif                    ; the if that failed: its endif is no second error
 out asig
endin
