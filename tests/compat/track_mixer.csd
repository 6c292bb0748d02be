<CsoundSynthesizer>
; A small mixer whose tracks are named: each note names its track as a
; string p-field ("bass", "lead", "pad"); the voice builds its channel names
; from it (sprintf "%s_level", strcat "_pan"), picks its sound by the name
; (strindex, strcmp) and reads its level and pan from those channels, which
; mixer automation notes write (chnset on names built the same way); the
; header sets the starting levels on literal names.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 64
nchnls = 2
0dbfs = 1

chnset 0.8, "bass_level"
chnset 0.3, "bass_pan"
chnset 0.5, "lead_level"
chnset 0.7, "lead_pan"
chnset 0.4, "pad_level"
chnset 0.5, "pad_pan"

gisaw ftgen 1, 0, 8192, 10, 1, 0.5, 0.333, 0.25, 0.2, 0.166, 0.142, 0.125
gisoft ftgen 2, 0, 8192, 10, 1, 0, 0.1, 0, 0.03

instr 1                         ; voice: p4 track, p5 MIDI note, p6 amp
  Strack = p4
  Slevel sprintf "%s_level", Strack
  Span strcat Strack, "_pan"
  klev chnget Slevel
  kpan chnget Span
  icps = 440 * 2 ^ ((p5 - 69) / 12)
  kenv linseg 0, 0.01, 1, p3 - 0.06, 0.6, 0.05, 0
  if strindex(Strack, "bass") >= 0 then
    a1 oscili p6 * kenv, icps, gisaw
    a1 tone a1, 800
  elseif strcmp(Strack, "lead") == 0 then
    a1 oscili p6 * kenv, icps, gisaw
    a2 oscili p6 * kenv, icps * 1.005, gisaw
    a1 = (a1 + a2) * 0.5
  else
    a1 oscili p6 * kenv, icps, gisoft
  endif
  aL, aR pan2 a1 * klev, kpan
  outs aL, aR
endin

instr 20                        ; automation: p4 track, p5 "level" or "pan", p6 start, p7 end
  Strack = p4
  Sparam = p5
  Sname sprintf "%s_%s", Strack, Sparam
  kval line p6, p3, p7
  chnset kval, Sname
endin
</CsInstruments>
<CsScore>
; the bass line
i1 0.0 0.5 "bass" 36 0.5
i1 0.5 0.5 "bass" 43 0.5
i1 1.0 0.5 "bass" 41 0.5
i1 1.5 0.5 "bass" 39 0.5
i1 2.0 0.5 "bass" 36 0.5
i1 2.5 0.5 "bass" 43 0.5
i1 3.0 1.0 "bass" 31 0.5
; the lead
i1 0.25 0.25 "lead" 72 0.3
i1 0.75 0.25 "lead" 75 0.3
i1 1.25 0.5  "lead" 79 0.3
i1 2.0  0.25 "lead" 77 0.3
i1 2.5  0.5  "lead" 75 0.3
i1 3.0  1.0  "lead" 72 0.3
; the pad
i1 0 2 "pad" 60 0.3
i1 0 2 "pad" 63 0.3
i1 2 2 "pad" 58 0.3
i1 2 2 "pad" 62 0.3
; automation: the pad fades in, the lead pans across, the bass dips
i20 0 2 "pad" "level" 0 0.6
i20 1 3 "lead" "pan" 0.9 0.1
i20 2 1 "bass" "level" 0.8 0.3
e
</CsScore>
</CsoundSynthesizer>
