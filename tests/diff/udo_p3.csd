<CsoundSynthesizer>
; A UDO assigning p3 at i-time sets its caller's length, as the instrument
; itself would: Csound 6.18's UDO copies the caller's p-fields in and, after
; its init pass, p3 back out (a nested UDO's to the UDO calling it, then on
; to the instrument).  Notes doubled, set absolutely, and left alone.
; difftest: sdr 100
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 1
0dbfs = 1

opcode SetLen, 0, i
  ilen xin
  p3 = ilen
endop

; no p3 of its own: the inner one's goes through it to the instrument
opcode Via, 0, i
  ilen xin
  SetLen ilen
endop

opcode Twice, i, 0
  SetLen p3 * 2
  xout p3
endop

instr 1
  Via p4
  aenv linseg 1, p3, 0
  out oscili(0.2, 440) * aenv
endin
instr 2
  i2 Twice
  aenv linseg 1, i2, 0
  out oscili(0.2, 660) * aenv
endin
instr 3
  out oscili(0.1, 330)
endin
</CsInstruments>
<CsScore>
i 1 0 0.5 1.25
i 2 1.5 0.5
i 3 2.75 0.5
</CsScore>
</CsoundSynthesizer>
