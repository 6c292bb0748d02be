<CsoundSynthesizer>
; Arrays as arguments of user-defined opcodes, printed: overloads told
; apart by i[] or k[] input, an S[] input indexed in the UDO, an i[] output
; computed from an i[] input, an S[] output filled from an S input.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

opcode Ov, i, i[]
  ia[] xin
  xout ia[0] + 100
endop

opcode Ov, i, k[]
  ka[] xin
  xout 7
endop

opcode Ov2, i, k[]
  ka[] xin
  xout lenarray(ka)
endop

opcode Ov2, i, i[]
  ia[] xin
  xout ia[1] * 10
endop

opcode Names, S, S[]i
  Sa[], ix xin
  xout Sa[ix]
endop

opcode Dbl, i[], i[]
  ia[] xin
  ib[] = ia * 2
  xout ib
endop

opcode Words, S[], S
  S1 xin
  Sw[] fillarray S1, "two", "three"
  xout Sw
endop

instr 1
  ia[] fillarray 1, 2, 3
  ka[] fillarray 4, 5
  i1 Ov ia
  i3 Ov2 ia
  i4 Ov2 ka
  print i3, i4
  i2 Ov ka
  print i1, i2
  Sn[] fillarray "alpha", "beta", "gamma"
  S1 Names Sn, 2
  prints "@%s\n", S1
  ib[] Dbl ia
  print ib[0], ib[1], ib[2]
  Sw[] Words "one"
  prints "@%s %s %s\n", Sw[0], Sw[1], Sw[2]
endin
</CsInstruments>
<CsScore>
i1 0 0.1
</CsScore>
</CsoundSynthesizer>
