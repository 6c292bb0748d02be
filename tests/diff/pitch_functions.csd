<CsoundSynthesizer>
<CsInstruments>
; pitch_functions.csd — the Pitch Converters as oscillator frequencies:
; cpsoct at i-, k- and a-rate, cpspch, octpch, octcps, pchoct, cpsmidinn,
; octmidinn, pchmidinn, mtof, ftom, pchtom, ntom, ntof, and the intervals
; octave, semitone and cent (a-rate too), with A4 = 432 moving those that
; follow it.
; difftest: sdr 90
; Why 90 dB: frequencies are computed in double as in Csound; only the float
; audio (and the a-rate converters' float inputs) round.
sr = 48000
ksmps = 16
nchnls = 2
0dbfs = 1
A4 = 432

instr 1   ; i-rate: p4 in pch, p5 a MIDI note
  if1 = cpspch(p4)
  if2 = cpsoct(octpch(p4) + 0.5) * 0.5 + cpsmidinn(p5) * 0.5
  if3 = cpsoct(octmidinn(p5)) + cpspch(pchmidinn(p5 + 7)) * 0.25
  if4 = mtof:i(pchtom(p4)) * 0.5 + mtof:i(ftom:i(if1) + 12) * 0.25   ; (mtof and ftom list their k form first)
  ia = 0.05 + 0.01 * (octcps(if1) - 8) + 0.01 * frac(pchoct(octpch(p4)))
  a1 oscili ia, if1
  a2 oscili ia, if2
  a3 oscili ia, if3
  a4 oscili ia, if4
  outs a1 + a3, a2 + a4
endin

instr 2   ; k-rate sweeps
  koct line 6, p3, 10
  kmidi line 40, p3, 90
  kf1 = cpsoct(koct)
  kf2 = mtof(kmidi) * 0.5 + cpsmidinn(kmidi) * 0.5
  kf3 = cpsoct(octmidinn(kmidi)) * octave(-1) * semitone(7) * cent(-30)
  kf4 = cpspch(pchmidinn(kmidi))
  a1 oscili 0.1, kf1
  a2 oscili 0.1, kf2
  a3 oscili 0.1, kf3
  a4 oscili 0.1, kf4 * cent(ftom(kf4) - pchtom(pchmidinn(kmidi)))
  outs a1 + a3, a2 + a4
endin

instr 3   ; note names
  a1 oscili 0.1, ntof("4A")
  a2 oscili 0.1, ntof("5C#-20")
  a3 oscili 0.1, mtof(ntom("3Bb+30"))
  knote init ntom("4E")
  a4 oscili 0.1, mtof(knote)
  outs a1 + a2, a3 + a4
endin

instr 4   ; a-rate intervals and cpsoct on held values
  kst = int(timeinsts() * 6) - 3
  ast = kst
  afreq = 300 * semitone(ast) + 20 * octave(ast * 0.25) + 30 * cent(ast * 100)
  aoct = cpsoct(ast * 0.125 + 8)
  aph phasor afreq
  aph2 phasor aoct
  outs sin(aph * 6.283185307) * 0.2, sin(aph2 * 6.283185307) * 0.2
endin
</CsInstruments>
<CsScore>
i 1 0 0.5 8.09 60
i 1 0.5 0.5 7.115 45.5
i 1 1 0.5 9.00 72
i 1 1.5 0.5 6.11 33
i 2 2 2
i 3 4 0.5
i 4 4.5 1
e
</CsScore>
</CsoundSynthesizer>
