<CsoundSynthesizer>
; chnset / chnget: one instrument writes named control channels at k-rate,
; another reads them in the same k-cycle (instruments run in number order in
; both Csound and ondes); i-rate writes from the orchestra header and from a
; note, i-rate reads at a note's start; a channel read before anything wrote
; it reads 0.
; difftest: sdr 120
; oscili's integer phase is Csound's: expect about -130 dB of difference.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

chnset 0.25, "level"                 ; header, i-rate

; the writer: a k-rate frequency sweep and amplitude
instr 1
  kph phasor 0.5
  chnset 200 + kph * 300, "freq"
  chnset 0.2 + kph * 0.3, "amp"
endin

; the reader: frequency and amplitude at k-rate, the header's level at i-rate
instr 2
  ilev chnget "level"
  kf chnget "freq"
  ka chnget "amp"
  knever chnget "never.written"
  a1 oscili ka + knever, kf, -1
  outs a1 * ilev * 3, a1 * 0.5
endin

; an i-rate write by a note, read at i-rate by a later note
instr 3
  chnset p4, "level"
endin

instr 4
  ilev chnget "level"
  a1 oscili ilev, 660, -1
  outs a1 * 0.5, a1 * 0.5
endin
</CsInstruments>
<CsScore>
i 1 0      3
i 2 0.2003 2.5
i 3 1.0    0.01 0.6
i 4 1.5003 1
</CsScore>
</CsoundSynthesizer>
