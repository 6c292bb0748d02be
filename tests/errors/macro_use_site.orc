; expect: 4:6: unknown opcode 'oscilx'
#define OSC(f) #oscilx 0.1, $f#
instr 1
  a1 $OSC(440)
  out a1
endin
