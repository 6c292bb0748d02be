<CsoundSynthesizer>
; A melody written as text: each note's pitch is a string p-field ("C4",
; "F#3", "Bb4") parsed with strsub, strchar, strindex and strtod into a
; MIDI note; a second string p-field names the waveform ("saw", "square",
; "sine"), chosen with strcmp; a pad doubles the bass an octave down, and
; everything goes through a small Schroeder reverb.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

garev init 0

; the pad's chord roots, by number (strget)
strset 1, "C3"
strset 2, "A2"
strset 3, "F2"
strset 4, "G2"

instr 1                         ; p4 note name ("C4" 60, "F#3" 54, "Bb4" 70), p5 waveform name, p6 amplitude
  Snote = p4
  Sletter strsub Snote, 0, 1
  isemi strindex "C_D_EF_G_A_B", Sletter
  iacc = 0
  ich strchar Snote, 1
  if ich == 35 then             ; '#'
    iacc = 1
  elseif ich == 98 then         ; 'b'
    iacc = -1
  endif
  Soct strsub Snote, iacc == 0 ? 1 : 2
  ioct strtod Soct
  imidi = 12 * (ioct + 1) + isemi + iacc
  icps = 440 * 2 ^ ((imidi - 69) / 12)
  Swave = p5
  if strcmp(Swave, "saw") == 0 then
    itab = 1
  elseif strcmp(Swave, "square") == 0 then
    itab = 2
  else
    itab = 3
  endif
  kenv linseg 0, 0.02, 1, p3 - 0.12, 0.7, 0.1, 0
  a1 oscili p6 * kenv, icps, itab
  outs a1 * 0.7, a1 * 0.5
  garev = garev + a1 * 0.25
endin

instr 2                         ; pad: the note name an octave down, p5 amplitude
  Snote strget p4
  ilen strlen Snote
  Soct strsub Snote, ilen - 1
  Sname strsub Snote, 0, ilen - 1
  ioct strtod Soct
  isemi strindex "C_D_EF_G_A_B", Sname
  icps = 440 * 2 ^ ((12 * ioct + isemi - 69) / 12)
  kenv linseg 0, p3 / 2, 1, p3 / 2, 0
  a1 oscili p5 * kenv, icps, 2
  a2 oscili p5 * kenv, icps * 1.003, 2
  outs a1, a2
  garev = garev + (a1 + a2) * 0.2
endin

instr 90                        ; Schroeder reverb
  ac1 comb garev, 1.5, 0.0297
  ac2 comb garev, 1.5, 0.0371
  ac3 comb garev, 1.5, 0.0411
  ac4 comb garev, 1.5, 0.0437
  asum = (ac1 + ac2 + ac3 + ac4) * 0.25
  aa1 alpass asum, 0.09, 0.005
  aa2 alpass aa1, 0.03, 0.0017
  outs aa2, aa1
  garev = 0
endin
</CsInstruments>
<CsScore>
f1 0 8192 10 1 0.5 0.333 0.25 0.2 0.166 0.142 0.125
f2 0 8192 10 1 0 0.333 0 0.2 0 0.142 0 0.111
f3 0 8192 10 1
i90 0 9.5
i2 0.0 2.0 1 0.12
i2 2.0 2.0 2 0.12
i2 4.0 2.0 3 0.12
i2 6.0 2.0 4 0.12
i1 0.0 0.45 "C4"  "saw"    0.2
i1 0.5 0.45 "E4"  "square" 0.2
i1 1.0 0.45 "G4"  "sine"   0.25
i1 1.5 0.45 "C5"  "saw"    0.2
i1 2.0 0.45 "A3"  "square" 0.2
i1 2.5 0.45 "C#4" "saw"    0.2
i1 3.0 0.45 "E4"  "sine"   0.25
i1 3.5 0.9  "A4"  "square" 0.2
i1 4.0 0.45 "F3"  "saw"    0.2
i1 4.5 0.45 "A3"  "sine"   0.25
i1 5.0 0.45 "C4"  "square" 0.2
i1 5.5 0.9  "Eb4" "saw"    0.2
i1 6.0 0.45 "G3"  "sine"   0.25
i1 6.5 0.45 "B3"  "saw"    0.2
i1 7.0 0.45 "D4"  "square" 0.2
i1 7.5 1.2  "F#4" "saw"    0.2
e
</CsScore>
</CsoundSynthesizer>
