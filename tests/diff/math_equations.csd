<CsoundSynthesizer>
<CsInstruments>
; math_equations.csd — waveshaping and mixing opcodes: polynomial,
; chebyshevpoly (k-rate coefficients changing), powershape (powers below,
; at and above 1, a zero power), sum, product, mac, maca, cmp against a
; signal and a scalar; and a melody drawn by rnd and birnd (i- and k-rate,
; rndseed) from Csound's global sequence.
; difftest: sdr 80
; Why 80 dB: the shapers raise float signals to powers and sums of powers,
; which magnifies their rounding a little beyond plain arithmetic's.
sr = 48000
ksmps = 16
nchnls = 2
0dbfs = 1

instr 1   ; polynomial and chebyshevpoly
  a1 oscili 0.9, 110
  kc line 0, p3, 1
  ap polynomial a1, 0, 1 - kc * 0.5, 0, kc * -0.3, 0, 0.1
  ach chebyshevpoly a1, 0, 0.5, kc * 0.3, 0.2, 0, 0.1 * (1 - kc), 0.05
  outs ap * 0.4, ach * 0.4
endin

instr 2   ; powershape, with the power as p4
  a1 oscili 0.8, 165
  kamt line p4, p3, p4 * 2
  ash powershape a1, kamt, 1.5
  a0 powershape a1, 0
  outs ash * 0.3, a0 * 0.01 + ash * 0.1
endin

instr 3   ; sum, product, mac, maca, cmp
  a1 oscili 0.5, 220
  a2 oscili 0.5, 330
  a3 oscili 0.5, 441
  a4 oscili 0.5, 2
  as sum a1, a2, a3, a4, a1
  ap product a1, a2, a4
  km line 0.1, p3, 0.9
  am mac km, a1, 1 - km, a2, 0.3, a3
  ama maca a1, a4, a2, a3
  ac1 cmp a1, ">", 0
  ac2 cmp a2, "<=", km * 0.5
  ac3 cmp a4, ">=", a1
  outs (as + ap) * 0.2 + ac1 * 0.05, (am + ama) * 0.2 + (ac2 + ac3) * 0.03
endin

instr 4   ; a melody from rnd and birnd
  if p4 != 0 then
    rndseed p4
  endif
  ibase = 200 + rnd(200)
  kstep init 0
  kcnt timeinstk
  if kcnt % 200 == 1 then
    kstep = int(rnd(12)) + birnd(2)
  endif
  kf = ibase * semitone(kstep)
  a1 oscili 0.2 + birnd(0.05), kf
  outs a1, a1 * 0.5
endin
</CsInstruments>
<CsScore>
i 1 0 1.5
i 2 1.5 1 0.5
i 2 2.5 1 3
i 3 3.5 1.5
i 4 5 1.2 0
i 4 6.2 1.2 0.37
e
</CsScore>
</CsoundSynthesizer>
