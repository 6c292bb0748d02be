<CsoundSynthesizer>
; A sample sequencer driven by text: the sample tables' file names are built
; in a header loop (strget of strset names, sprintf), the rhythm of each
; sample is a pattern string given as a p-field ("x..x..x."), read a step
; at a time with strchar, and each hit schedules the sampler with
; event_i; the sampler finds its sample by name (strget, strcmp).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 48
nchnls = 2
0dbfs = 1

gSdir = "../data"
strset 1, "mono"
strset 2, "stereo"
icount = 1
while icount <= 2 do
  Skind strget icount
  Sfile sprintf "%s/tone_%s.wav", gSdir, Skind
  itab ftgen 10 + icount, 0, 0, 1, Sfile, 0, 0, 0
  icount += 1
od

instr 1                         ; sampler: p4 sample number (strset), p5 pitch, p6 amp
  Skind strget p4
  kenv linseg 1, p3 - 0.02, 1, 0.02, 0
  if strcmp(Skind, "stereo") == 0 then
    aL, aR loscil p6 * kenv, p5, 12, 261.626, 0
    outs aL, aR
  else
    a1 loscil p6 * kenv, p5, 11, 220, 0
    outs a1 * 0.8, a1 * 0.4
  endif
endin

instr 10                        ; pattern: p4 sample, p5 pattern, p6 pitch, p7 seconds a step
  Spat = p5
  ilen strlen Spat
  istep = 0
  while istep < ilen do         ; the whole bar is scheduled at once, a note per hit
    ich strchar Spat, istep
    if ich == 120 || ich == 88 then
      iacc = ich == 88 ? 0.35 : 0.2   ; 'X' accented, 'x' plain
      event_i "i", 1, istep * p7, 0.2, p4, p6, iacc
    endif
    istep += 1
  od
endin
</CsInstruments>
<CsScore>
f0 8.5
i10 0 4 1 "X..x..x.x.x..x.." 220 0.125
i10 0 4 2 "....X.......X..x" 261.626 0.125
i10 4 4 1 "X.x.X.x.X.xxX.x." 330 0.125
i10 4 4 2 "..x...x...x.X..." 392 0.125
e
</CsScore>
</CsoundSynthesizer>
