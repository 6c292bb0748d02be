
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; a-rate, k amplitude, k frequency, 16-bit
  a1 randi 0.5, p4
  a2 randi 0.4, p4 * 3.7, 0.77
  outs a1, a2
endin

instr 2                 ; a-rate, 31-bit, seeds p5 and 0.5, offset
  a1 randi 0.5, p4, p5, 1
  a2 randi 0.3, p4 * 0.31, 0.5, 1, 0.2
  outs a1, a2
endin

instr 3                 ; a-rate amplitude and frequency
  aph phasor 1 / p3
  a1 randi aph * 0.6, 500
  afr rand 600, 0.3, 0, 1100         ; 500 to 1700 Hz, changing every frame
  a2 randi 0.5, afr, 0.1, 1
  outs a1, a2
endin

instr 4                 ; both a-rate, and k-rate randi (upsampled)
  aph phasor 1 / p3
  afr rand 400, 0.9, 1, 700
  a1 randi aph * 0.6, afr, 0.9
  k1 randi 0.5, 40, 0.3, 1
  a2 upsamp k1
  outs a1, a2
endin
