<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; Strings that outgrow their variables' own buffers while playing: strcatk
; appends to a local and to a global in every k-cycle (the buffers grow from
; the real-time pool), a global set longer and longer by successive notes,
; and one copied back shorter.  Lengths and ends are printed each k-cycle.
sr = 44100
ksmps = 4410
nchnls = 1
0dbfs = 1

gSacc init ""
gSnote init ""

instr 1
  Sacc init "start:"
  kcnt init 0
  kcnt += 1
  Spiece sprintfk "[%02d-abcdefghijklmnopqrstuvwxyz]", kcnt
  Sacc strcatk Sacc, Spiece
  gSacc strcatk gSacc, Spiece
  klen strlenk Sacc
  kglen strlenk gSacc
  ktail = klen - 12
  Stail strsubk Sacc, ktail, klen
  printf "@%d %d %d %s\n", kcnt, kcnt, klen, kglen, Stail
endin

instr 2
  Sbit sprintf "<note %d: %s>", p4, "0123456789012345678901234567890123456789012345678901234567890123456789"
  gSnote strcat gSnote, Sbit
  ilen strlen gSnote
  Send strsub gSnote, ilen - 20
  prints "@note %d: %d %s\n", p4, ilen, Send
endin

instr 3
  gSnote = "short again"
  prints "@reset: %s %d\n", gSnote, strlen(gSnote)
endin
</CsInstruments>
<CsScore>
i 1 0 4
i 2 4.1 0.1 1
i 2 4.2 0.1 2
i 2 4.3 0.1 3
i 2 4.4 0.1 4
i 2 4.5 0.1 5
i 3 4.6 0.1
i 2 4.7 0.1 6
</CsScore>
</CsoundSynthesizer>
