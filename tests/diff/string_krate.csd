<CsoundSynthesizer>
; Strings at k-rate driving sound: sprintfk writes a note name every
; k-cycle, strcmpk picks the waveform's branch from it, strtodk reads a
; frequency back from text, strsubk/strindexk cut a number out of a longer
; string; i-time string-built channel names carry values between
; instruments (chnset / chnget with sprintf names).
; difftest: sdr 100
; oscili with k-rate frequency and amplitude: the same integer phase as
; Csound, so only float output differs (~-140 dB).  A string read wrongly
; changes a pitch or a branch and costs far more.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 64
nchnls = 1
0dbfs = 1

gisaw ftgen 2, 0, 4096, 10, 1, 0.5, 0.333, 0.25, 0.2, 0.166

; a four-step sequence whose steps are text: "step N: FREQ Hz"
instr 1
  kstep = int(phasor:k(p4) * 4)
  Sstep sprintfk "step %d: %d Hz", kstep, 220 + kstep * 55
  ipos strindex "step 0: 220 Hz", ":"
  kend strrindexk Sstep, " "
  Sfreq strsubk Sstep, ipos + 2, kend
  kfreq strtodk Sfreq
  Sname sprintfk "s%d", kstep
  if strcmpk(Sname, "s1") == 0 || strcmpk(Sname, "s3") == 0 then
    a1 oscili 0.3, kfreq, gisaw
  else
    a1 oscili 0.3, kfreq
  endif
  out a1
endin

; writes its level to a channel named from p4
instr 2
  Schan sprintf "level_%d", p4
  klev linseg 0, p3 / 2, p5, p3 / 2, 0
  chnset klev, Schan
endin

; reads the channel its p4 names (built the same way) as its amplitude
instr 3
  Schan sprintf "level_%d", p4
  kamp chnget Schan
  a1 oscili kamp, p5
  out a1
endin
</CsInstruments>
<CsScore>
i1 0 2 2
i2 2 1.5 1 0.5
i2 2 1.5 2 0.2
i3 2 1.5 1 330
i3 2 1.5 2 495
e
</CsScore>
</CsoundSynthesizer>
