<CsoundSynthesizer>
; delayr/delayw with deltap (k-rate time), deltapi, deltapn and deltap3 (k- and
; a-rate times, the a-rate ones swept by a sine), a tap placed after the
; delayw (it sees the write position one block on), and two nested pairs
; whose taps pick their line by index (0 the newest, 1 LIFO, -1 FIFO, and the
; index delayr's second output gives); notes start and end mid-block.
; difftest: sdr 90
; Same tap arithmetic as Csound in double over a double line.  Measured 96.5 dB:
; k-rate taps and the nested pairs ~145 dB (float signals around them); the
; a-rate times are float signals here (double in Csound), and their rounding
; (~5e-5 samples at 20 ms) moves an interpolated tap on noise by ~-90 dB, on
; the sines of the second note by ~-123 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; one line, every tap
  asrc rand 0.3, 0.3, 1
  as1  oscili 0.2, 220
  as2  oscili 0.1, 347
  adl  delayr 0.05
  a1   deltap 0.0123
  kt   line 0.001, p3, 0.049
  a2   deltapi kt
  amod oscili 0.01, 2.3
  amod = amod + 0.02
  a3   deltapi amod
  a4   deltap3 kt
  a5   deltap3 amod
  a6   deltapn 917
  kn   = int(kt * sr * 0.8)
  asm  = kn                        ; an a-rate count of whole samples
  a7   deltapn asm
  if p4 == 0 then
    ain = asrc
  else
    ain = as1 + as2
  endif
       delayw ain + a1 * 0.4
  outs (a1 + a3 + a5 + a7) * 0.25, (a2 + a4 + a6 + adl) * 0.25   ; (kept below 0dbfs: ondes clips there)
endin

instr 2                 ; nested pairs, taps by index
  asrc rand 0.3, 0.7, 1
  aosc oscili 0.2, 440
  a0, idx delayr 0.04              ; idx = -1
  ab0   delayr 0.03
  ab1   deltap 0.011                ; newest: the 0.03 line
  ab2   deltap 0.021, 1             ; LIFO 1: the 0.04 line
  ab3   deltapi 0.005, -2           ; FIFO 2: the 0.03 line
  ab4   deltap3 0.037, idx          ; the 0.04 line
       delayw asrc                 ; writes the oldest: the 0.04 line
       delayw aosc                 ; then the 0.03 line
  outs ab1 + ab3 + a0 * 0.2, ab2 + ab4 + ab0 * 0.2
endin
</CsInstruments>
<CsScore>
i 1 0.0003 0.6 0
i 1 0.7071 0.31 1
i 2 1.1003 0.5
</CsScore>
</CsoundSynthesizer>
