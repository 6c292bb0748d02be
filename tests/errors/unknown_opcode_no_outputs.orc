; expect: 8:3: unknown opcode 'zkw'
; An opcode ondes lacks, called without outputs and with several arguments:
; its name is the error, not "expected an expression, found ','".
sr = 44100
ksmps = 32
instr 1
  a1 oscili 1000, 440
  zkw kline, 1
  out a1
endin
