<CsoundSynthesizer>
; Random melodies from Csound's rnd/birnd sequence: an instrument's i-time
; loop schedules a phrase whose pitches, durations and pans are drawn with rnd at
; i-time; a second voice re-seeds the sequence (rndseed) and wanders at
; k-rate with birnd; plucked-like decays and a low drone whose detune is a
; birnd drawn once.  (ksmps 16 puts every note on a block boundary: notes
; that `schedule` starts and ends mid-block at ksmps 32 differ from csound
; by a frame, an instrument-control matter outside this piece.)
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 16
nchnls = 2
0dbfs = 1

giScale ftgen 0, 0, 8, -2, 0, 2, 3, 5, 7, 8, 10, 12

instr 10                         ; the phrase: drawn and scheduled at once
  inote = 0
  istart = 0
  while inote < 16 do
    idegree = int(rnd(7.999))
    ioct = int(rnd(2))
    idur = 0.25 + int(rnd(3)) * 0.125
    schedule 1, istart, idur, idegree, ioct, rnd(1)
    istart += idur
    inote += 1
  od
endin

instr 1                          ; p4 degree, p5 octave, p6 pan
  isemi table p4, giScale
  ifreq = cpsmidinn(57 + isemi + 12 * p5)
  kenv expseg 1, p3, 0.001
  a1 oscili 0.25 * kenv, ifreq
  a2 oscili 0.1 * kenv * kenv, ifreq * 3
  asig = a1 + a2
  outs asig * (1 - p6), asig * p6
endin

instr 2                          ; k-rate wandering voice
  rndseed p4
  kcnt timeinstk
  kstep init 0
  if kcnt % 150 == 1 then
    kstep = kstep + int(birnd(3.5))
  endif
  kstep = max(min(kstep, 12), -7)
  kf = 330 * semitone(kstep)
  kamp = 0.1
  a1 oscili kamp, kf
  outs a1 * 0.6, a1 * 0.4
endin

instr 3                          ; drone, detuned by a birnd drawn once
  idet = birnd(3)
  a1 oscili 0.05, 110
  a2 oscili 0.05, 110 + idet
  outs a1 + a2 * 0.5, a2 + a1 * 0.5
endin
</CsInstruments>
<CsScore>
i 3 0 9
i 10 0 0.01
i 2 0.5 4 0.37
i 2 5 3.5 0.81
e 9.5
</CsScore>
</CsoundSynthesizer>
