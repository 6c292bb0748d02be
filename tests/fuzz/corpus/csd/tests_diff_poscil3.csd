<CsoundSynthesizer>
; poscil3 (double-precision phase, cubic interpolation, any table size) in
; every rate form: a-rate out with k/a amplitude and k/a frequency, k-rate
; out; default sine (-1), power-of-two and non-power-of-two tables, iphs.
; difftest: sdr 120
; Same double phase as Csound; the difference is float output/tables and
; the a-rate frequency (a smooth vibrato) being float here: measured 138 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 2
0dbfs = 1

instr 1                 ; kk, default sine, then a 1000-point table
  a1 poscil3 0.4, p4, p5
  outs a1, a1
endin

instr 2                 ; ak: a-rate amplitude, iphs 0.3, table 2 (601 points)
  aph  phasor 1 / p3
  aenv = 0.4 - abs(aph * 0.8 - 0.4)
  a1 poscil3 aenv, p4, 2, 0.3
  outs a1, -a1
endin

instr 3                 ; ka: a-rate frequency, a smooth vibrato
  avib poscil 25, 6.3, 1
  a1 poscil3 0.3, p4 + avib, 2
  outs a1, a1 * 0.5
endin

instr 4                 ; aa, glide and decay, a 4096-point table
  aph  phasor 1 / p3
  aenv = 0.5 * (1 - aph)
  afr  = p4 * (1 + 2 * aph)
  a1 poscil3 aenv, afr, 3
  outs a1, a1
endin

instr 5                 ; k-rate poscil3 as an LFO, and a negative frequency
  klfo poscil3 0.2, 2.5, 1
  a1 poscil3 0.3 + klfo, -p4, 2
  outs a1, a1
endin

instr 6                 ; negative iphs (skipped), high frequency
  a1 poscil3 0.3, p4, 1, -1
  outs a1, a1
endin
</CsInstruments>
<CsScore>
; start and end times keep p2·sr and (p2+p3)·sr off block edges and their
; fractional frames below 0.5, where rounding and truncating to frames agree
f 1 0 1000 10 1
f 2 0 601 10 1 0.4 0.2 0.1
f 3 0 4096 10 1 0 0.33 0 0.2 0 0.14
i 1 0      0.50021 440 -1
i 1 0.6013 0.5 523.25 1
i 2 0.1    1.1003 330
i 3 1.30221 1.0 550
i 4 2.4013 0.9  110
i 5 3.30021 0.8 220
i 6 4.2005 0.75 7919
</CsScore>
</CsoundSynthesizer>
