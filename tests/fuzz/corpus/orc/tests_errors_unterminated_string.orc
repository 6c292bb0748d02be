; expect: 8:10: unterminated string
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  prints "hello
  out oscili:a(0.1, 440)
endin
