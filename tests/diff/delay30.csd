<CsoundSynthesizer>
; Delay lines of 30 seconds: a delayr of 30 s with taps near its end (deltap
; at 29.9 s, deltap3 swept over 29.2-29.99 s at k-rate, deltapi with an a-rate
; time sweeping 29.5-29.75 s every half second), vdelay over a 30 000 ms line
; with an a-rate delay sweeping 29-29.5 s, and delay of 30 s; the input is one second of
; noise (rand, fixed seed) and a low sine, so the echoes come 29-30 s later.
; sr = 8000 keeps the render short (each line is 240 000 samples).
; Needs note memory for ~4 MB of lines per voice (the real-time pool; the old
; 64 KiB arena refuses these notes).
; difftest: sdr 120
; Same arithmetic as Csound.  The a-rate times are sawtooths of 2^-12 steps
; from phasor, exact in ondes' float signals as in Csound's doubles: a float
; time of ~29.5 s is only good to 2^-19 s (0.008 samples here), and a sine-
; modulated one measured 49 dB on this input.  Measured 142.8 dB.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 8000
ksmps = 16
nchnls = 2
0dbfs = 1

instr 1
  aenv linseg 1, 1, 1, 0, 0, p3, 0
  asrc rand 0.2, 0.3, 1
  alow oscili 0.2, 30
  asrc = (asrc + alow) * aenv
  adl  delayr 30
  a1   deltap 29.9
  kt   line 29.2, p3, 29.99
  a2   deltap3 kt
  aph  phasor sr / 4096             ; steps of 2^-12: exact in float and double
  amod = aph * 0.25 + 29.5
  a3   deltapi amod
       delayw asrc
  avd  = aph * 512 + 29000
  a4   vdelay asrc, avd, 30000
  a5   delay asrc, 30
  outs (adl + a1 + a2) * 0.3, (a3 + a4 + a5) * 0.3
endin
</CsInstruments>
<CsScore>
i 1 0.0003 31
</CsScore>
</CsoundSynthesizer>
