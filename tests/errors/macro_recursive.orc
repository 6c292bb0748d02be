; expect: 5:7: macro '$LOOP' nested too deeply
#define LOOP #$LOOP + 1#
instr 1
  a1 oscili 0.1, 440
  out $LOOP
endin
