<CsoundSynthesizer>
<CsOptions>
</CsOptions>
<CsInstruments>
; String arguments and outputs of user-defined opcodes: S inputs copied in
; (at init and again every k-cycle), S outputs copied back (at init and
; every k-cycle), a UDO overloaded on S against i, and a string longer
; than a variable's inline buffer passed through.
sr = 44100
ksmps = 4410
nchnls = 1
0dbfs = 1

opcode Echo, S, S
Sin xin
Sout = Sin
xout Sout
endop

opcode Pick, S, SSi
Sa, Sb, iwhich xin
if iwhich == 0 then
  Sr = Sa
else
  Sr = Sb
endif
xout Sr
endop

opcode Show, 0, Si
Sname, ival xin
prints "@ %s = %d\n", Sname, ival
endop

opcode Show, 0, ii
inum, ival xin
prints "@ #%d = %d\n", inum, ival
endop

instr 1
  S1 Echo "hello"
  prints "@ echo %s\n", S1
  S2 Pick "left", "right", p4
  prints "@ pick %s\n", S2
  Show "seven", 7
  Show 3, 4
  Slong = "a string longer than the inline buffer of a variable: 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 end"
  S3 Echo Slong
  prints "@ %s\n", S3
  Sk Echo S2
  printks "@ k-time %s\n", 0, Sk
endin
</CsInstruments>
<CsScore>
i 1 0 0.2 0
i 1 0.5 0.2 1
</CsScore>
</CsoundSynthesizer>
