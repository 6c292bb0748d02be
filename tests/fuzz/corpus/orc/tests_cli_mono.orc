; mono.orc — the CLI tests' orchestra given apart from its score: one channel.
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  outch 1, oscili:a(0.5, 220)
endin
