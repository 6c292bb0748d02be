; expect: 14:3: 'in' is the name of an opcode and cannot name a variable
; expect: 15:3: 'int' is the name of an opcode and cannot name a variable
; expect: 16:3: 'abs' is the name of an opcode and cannot name a variable
; expect: 17:3: 'in' is the name of an opcode and cannot name a variable
; expect: 18:14: 'in' is the name of an opcode and cannot name a variable
; expect: 22:3: 'Gain' is the name of an opcode and cannot name a variable
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
; Csound 6.18's lexer reads an opcode's name as that opcode wherever it
; stands ("syntax error, unexpected T_OPCODE"): none names a variable
instr 1
  in = 1
  int init 0
  abs oscili 0.1, 440
  in[] init 2
  ival = 1 + in
  out oscili(0.1, 440) + oscili:a(0.1, 660)
endin
opcode Gain, 0, S
  Gain xin
endop
