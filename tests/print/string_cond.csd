<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; Strings in conditions: c ? S1 : S2 (i-time for an i-condition; with a
; k-condition only in the k-cycles, empty during init, as Csound's #=.S),
; strcmp / strcmpk choosing branches, a string p-field choosing the path.
sr = 44100
ksmps = 4410
nchnls = 1
0dbfs = 1

instr 1
  i1 = p4
  S1 = (i1 > 1 ? "big" : "small")
  prints "@i %s\n", S1
  kc init 0
  kc += 1
  S2 = (kc > 2 ? "late" : "early")
  prints "@init [%s]\n", S2
  printf "@k %s %d\n", kc, S2, kc
  if strcmpk(S2, "late") == 0 then
    printf "@k branch late %d\n", kc, kc
  elseif strcmpk(S2, "early") == 0 then
    printf "@k branch early %d\n", kc, kc
  endif
endin

instr 2
  Skind = p4
  if strcmp(Skind, "saw") == 0 then
    prints "@saw chosen\n"
  elseif strcmp(Skind, "sine") == 0 then
    prints "@sine chosen\n"
  else
    prints "@unknown %s\n", Skind
  endif
  icmp strcmp Skind, "sine"
  prints "@compare %d\n", icmp
endin
</CsInstruments>
<CsScore>
i 1 0 0.2 0
i 1 0 0.5 2
i 2 1 0.1 "saw"
i 2 1 0.1 "sine"
i 2 1 0.1 "noise"
</CsScore>
</CsoundSynthesizer>
