<CsoundSynthesizer>
; Strings driving sound: the sample tables' file names are built with
; sprintf and strcat in the header (ftgen with an S variable), a string
; p-field chooses the sample (strcmp picking the branch), another gives the
; pitch as text (strtod), and the length of a third sets the loop mode.
; difftest: sdr 90
; Same loscil as tests/diff/loscil.csd (16-bit samples, double phase): only
; the float output differs.  A wrong name, branch or number changes the
; sound entirely.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

gSdir = "../data"
gSmono sprintf "%s/tone_%s.wav", gSdir, "mono"
Sstem strcat gSdir, "/tone_"
gSstereo strcat Sstem, "stereo.wav"
gimono ftgen 1, 0, 0, 1, gSmono, 0, 0, 0
gistereo ftgen 2, 0, 0, 1, gSstereo, 0, 0, 0

; p4 which sample ("mono"/"stereo"), p5 amplitude, p6 the pitch as text,
; p7 a word whose length (mod 3) is the loop mode
instr 1
  Skind = p4
  Spitch = p6
  Smode strget p7
  icps strtod Spitch
  imode = strlen(Smode) % 3
  if strcmp(Skind, "stereo") == 0 then
    aL, aR loscil p5, icps, gistereo, 0, imode, 0, 0
    outs aL, aR
  else
    a1 loscil p5, icps, gimono, 0, imode, 0, 0
    outs a1, -a1
  endif
endin

; the base note's name picks ibas: "A3" 220 Hz, else 261.63 Hz
instr 2
  Sname = p4
  ibas = strcmp(Sname, "A3") == 0 ? 220 : 261.63
  icps strtod p5
  a1 loscil3 0.5, icps, 1, ibas, 1, 0, 0
  outs a1, a1
endin
</CsInstruments>
<CsScore>
;      start   dur   kind      amp   pitch     mode word
i1     0.0123  0.6   "mono"    0.7   "220"     "abc"
i1     0.7003  0.5   "stereo"  0.6   "261.626" "x"
i1     1.3001  0.8   "mono"    0.6   "330.5"   "loop"
i1     2.2003  0.7   "stereo"  0.5   "180"     "abc"
i1     3.0013  0.6   "mono"    0.5   "1.5e2"   ""
i2     3.7003  0.5   "A3"      "300"
i2     4.3001  0.5   "C4"      "300"
e
</CsScore>
</CsoundSynthesizer>
