<CsoundSynthesizer>
; oscil (truncating table oscillator) in every rate form: a-rate out with
; k/a amplitude and k/a frequency, k-rate out; default table (-1, the
; built-in sine), an explicit GEN 10 table, iphs set and skipped.
; difftest: sdr 120
; Same 28-bit integer phase and truncation as Csound, so the only difference
; is float output/tables vs Csound's doubles: measured 146 dB.  The a-rate
; frequencies are whole numbers of Hz, exact in float: a float-rounded one
; would round the increment differently now and then (with truncation, a
; one-step table jump): 70-110 dB, not an algorithm difference.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                 ; kk, default sine table
  a1 oscil 0.5, p4
  outs a1, a1
endin

instr 2                 ; ak: a-rate amplitude, table 1, iphs 0.25
  aph  phasor 1 / p3                ; a triangle envelope 0 → 0.4 → 0
  aenv = 0.4 - abs(aph * 0.8 - 0.4)
  a1 oscil aenv, p4, 1, 0.25
  outs a1, -a1
endin

instr 3                 ; ka: a-rate frequency (a stepped vibrato: whole Hz, exact in float)
  avib oscil 1, 5.5, 4
  a1 oscil 0.4, p4 + avib, 1
  outs a1, a1 * 0.5
endin

instr 4                 ; aa, table 3 (saw-ish), frequency glide
  aph  phasor 1 / p3
  aenv = 0.6 * (1 - aph)
  astep oscil 1, 1 / p3, 5            ; a staircase glide in whole Hz
  afr  = p4 + astep
  a1 oscil aenv, afr, 3
  outs a1, a1
endin

instr 5                 ; k-rate oscil as an LFO on amplitude
  klfo oscil 0.3, 3, 2
  a1 oscil 0.3 + klfo, p4, 1
  outs a1, a1
endin

instr 6                 ; iphs negative (skipped) and a changing k frequency
  kph phasor 1 / p3
  kf  = p4 * (1 - 0.5 * kph)
  a1 oscil 0.4, kf, 1, -1
  outs a1, a1
endin
</CsInstruments>
<CsScore>
; start and end times keep p2·sr and (p2+p3)·sr off block edges and their
; fractional frames below 0.5, where rounding and truncating to frames agree
f 1 0 4096 10 1 0.5 0.3 0.25
f 2 0 1024 10 1
f 3 0 256 7 -1 256 1
f 4 0 64 -7 -30 32 30 32 -30
f 5 0 256 -7 0 256 256
i 1 0      0.7001 440
i 1 0.8013 0.5  1234.5
i 2 0.1    1.1  330
i 3 1.3027 1.0  550
i 4 2.4013 0.9  110
i 5 3.3001 0.8  220
i 6 4.2005 0.75 3000
</CsScore>
</CsoundSynthesizer>
