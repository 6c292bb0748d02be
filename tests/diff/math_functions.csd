<CsoundSynthesizer>
<CsInstruments>
; math_functions.csd — the Mathematical Operations heard: rounding functions,
; powoftwo, logbtwo, divz, taninv2, pow with inorm, amplitude converters and
; the bitwise operators set frequencies and amplitudes at i- and k-rate
; (inputs swept through negative, zero and large values) and at a-rate (on
; held values a float holds exactly, so a-rate rounding sees what csound's
; doubles see).
; difftest: sdr 90
; Why 90 dB: values are computed in double as in Csound; only the float audio
; signals round.
sr = 48000
ksmps = 16
nchnls = 2
0dbfs = 1

instr 1   ; k-rate: rounding functions as frequency steps over -3.3 … 3.3
  kx line -3.3, p3, 3.3
  kf = 300 + 40 * floor(kx) + 25 * ceil(kx) + 15 * round(kx) + 60 * frac(kx) + 10 * int(kx)
  kf = kf + 30 * powoftwo(kx * 0.5) + 20 * logbtwo(abs(kx) + 0.1) + 15 * divz(1, kx, 4)
  kamp = 0.1 + 0.05 * taninv2(kx, 2) + 0.02 * pow(abs(kx), 1.5, 8)
  a1 oscili kamp, kf
  ; i-rate forms of the same, from p4
  if1 = 200 + 50 * floor(p4) + 30 * ceil(p4) + 20 * round(p4) + 100 * frac(p4) + 10 * int(p4)
  if1 = if1 + 25 * logbtwo(abs(p4) + 0.3) + 12 * divz(3, p4, 7) + 40 * taninv2(p4, -1)
  a2 oscili ampdbfs(-20) + dbfsamp(0.05) * 0.002, if1
  outs a1, a2
endin

instr 2   ; amplitude converters and bitwise operators, k- and i-rate
  kdb line -40, p3, -6
  kamp = ampdb(kdb) * 0.5 + db(kdb) * 0.3 + ampdbfs(kdb) * 0.2
  kn line 0, p3, 40
  kbits = (kn & 12) + (kn | 3) * 0.5 + (kn # 5) * 0.25 + (kn << 1) * 0.1 + (kn >> 2) + ~kn * -0.05
  a1 oscili kamp, 200 + kbits * 10
  ibits = (p4 & 6) + (p4 | 9) + (p4 # 3) + (p4 << 2) + (p4 >> 1) - ~p4
  a2 oscili dbamp(2) * 0.02, 150 + ibits * 5 + (p4 % 3) * 20
  outs a1, a2
endin

instr 3   ; a-rate: the same functions on held values, and the a-rate operators
  kstep = int(timeinsts() * 8) * 0.375 - 2.625   ; -2.625, -2.25 … exact in a float
  ax = kstep
  afl = floor(ax) * 0.02 + ceil(ax) * 0.015 + round(ax) * 0.01 + frac(ax) * 0.05 + int(ax) * 0.01
  ; (no logbtwo at a-rate: csound 6.18's a-rate loop writes out of its
  ; buffer and crashes)
  apw = powoftwo(ax) * 0.01 + ampdbfs(ax * 3) * 0.05 + db(ax) * 0.01
  abits = ((ax * 8) & 13) * 0.002 + ((ax * 8) | 2) * 0.001 + ((ax * 8) # 7) * 0.001 + (~(ax * 8)) * 0.001
  abits = abits + ((ax * 8) << 1) * 0.0005 + ((ax * 8) >> 1) * 0.002 + (ax % 1.5) * 0.01
  aosc oscili 1, 220
  aosc2 oscili 1, 331
  adz = divz(aosc, ax + 0.125, 0) * 0.05 + taninv2(aosc, aosc2) * 0.05
  outs aosc * (afl + apw) * 0.5, aosc2 * abits + adz
endin
</CsInstruments>
<CsScore>
i 1 0 2 -2.75
i 1 2 1 0
i 1 3 1 7.5
i 2 4 2 13
i 2 6 1 -6
i 3 7 1
e
</CsScore>
</CsoundSynthesizer>
