opcode twice, k, k
  kin xin
  xout kin * 2
endop

opcode pair, aa, ak
  ain, kg xin
  xout ain * kg, ain * (1 - kg)
endop

