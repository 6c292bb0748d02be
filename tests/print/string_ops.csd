<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; Every string opcode's i-time form, printed: sprintf (the conversions with
; flags, widths and precision; numbers rounded half to even for %d), strcat,
; strcmp, strlen, strsub (reversed when start > end), strindex and strrindex
; (Csound's search that does not look back), strtod, strtol (hex, octal,
; sign), strupper / strlower (no NUL written: a longer old value keeps its
; tail), strchar, strget / strset, and the k-forms below in instr 2.
sr = 44100
ksmps = 4410
nchnls = 1
0dbfs = 1

strset 10, "ten"
strset 11, "3.25"

instr 1
  S0 sprintf "plain %% text %d", 1
  prints "@[%s]\n", S0
  S1 = "hello world"
  S1 strupper "ab"
  prints "@[%s]\n", S1
  S1a strlower "MiXeD 123"
  prints "@[%s]\n", S1a
  S2 strsub "abcdef", 4, 1
  S2a strsub "abcdef", 2
  S2b strsub "abcdef"
  S2c strsub "abcdef", 1, 3
  S2d strsub "abcdef", -1, 2
  prints "@[%s] [%s] [%s] [%s] [%s]\n", S2, S2a, S2b, S2c, S2d
  i1 strindex "aaab", "aab"
  i2 strrindex "abcabc", "bc"
  i3 strindex "abc", ""
  i4 strrindex "abc", ""
  i4a strindex "hello world", "wor"
  i4b strrindex "a.b.c.wav", "."
  prints "@%d %d %d %d %d %d\n", i1, i2, i3, i4, i4a, i4b
  i5 strtod " 1.5e3"
  i6 strtol "0x1F"
  i7 strtol "-017"
  i7a strtol "+123"
  i7b strtod "-0.25"
  i7c strtod 11
  prints "@%f %d %d %d %f %f\n", i5, i6, i7, i7a, i7b, i7c
  i8 strchar "ABC", 1.5
  i9 strchar "ABC", 0.5
  i9a strchar "ABC"
  i9b strchar "ABC", 7
  prints "@%d %d %d %d\n", i8, i9, i9a, i9b
  S3 sprintf "%5.2f|%-6d|%+d|%x|%X|%o|%c|%e|%g|%G|%10s|%-5s|%05d|%#x|% d", 3.14159, 42, 7, 255, 255, 8, 65, 12345.678, 0.0001234, 1e20, "right", "left", 42, 255, 5
  prints "@%s\n", S3
  S4 sprintf "%d %d %d %i %u", 2.5, 3.5, -2.5, 7.9, 3
  prints "@%s\n", S4
  S5 sprintf "%.3e %10.4f %-10.1f| %E %.0f %#.0f %g %g", 1234.5, 3.14159265, 2.25, 0.000123, 2.5, 3.0, 100000, 1000000
  prints "@%s\n", S5
  S6 sprintf "%s/%s_%03d.wav", "samples", "kick", 7
  prints "@%s\n", S6
  S7 strcat "abc", "def"
  S7 strcat S7, "ghi"
  S7 strcat "<", S7
  i10 strlen S7
  i11 strlen ""
  prints "@%s %d %d\n", S7, i10, i11
  i12 strcmp "abc", "abd"
  i13 strcmp "b", "a"
  i14 strcmp S7, S7
  prints "@%d %d %d\n", i12, i13, i14
  S8 strget 10
  S9 strget 99
  prints "@[%s] [%s]\n", S8, S9
  if strcmp(S6, "samples/kick_007.wav") == 0 then
    prints "@equal\n"
  else
    prints "@different\n"
  endif
  S10 = sprintf("%d-%d", 1, 2)
  prints "@%s %d\n", S10, strlen(S10)
  S11 sprintf "%s%s", S10, S10
  prints "@%s\n", S11
endin

instr 2
  kcnt init 0
  kcnt += 1
  Sk sprintfk "count %d", kcnt
  Sc strcatk Sk, "!"
  kl strlenk Sc
  kc strcmpk Sk, "count 2"
  ki strindexk Sc, "t 3"
  krr strrindexk Sc, "n"
  Su strupperk Sc
  Sl strlowerk Su
  Ss strsubk Sc, 1, kcnt + 2
  kch strchark Sc, kcnt
  Sn sprintfk "%d.5", kcnt
  kd strtodk Sn
  Sh sprintfk "0x%x", kcnt * 17
  kh strtolk Sh
  Scp strcpyk Sl
  printf "@%s|%s|%d|%d|%d|%d|%s|%s|%s|%d|%f|%d\n", kcnt, Sk, Sc, kl, kc, ki, krr, Su, Ss, Scp, kch, kd, kh
endin
</CsInstruments>
<CsScore>
i 1 0 0.1
i 2 0.2 0.45
</CsScore>
</CsoundSynthesizer>
