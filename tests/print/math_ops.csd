<CsoundSynthesizer>
; math_ops.csd — the functions of several arguments (divz, taninv2, pow with
; inorm), the operators % ^ & | # ~ << >> on variables and on constants
; (which Csound folds with its own rules: (int) casts, x | 0 left as x), ¬ as ~, their
; precedence, and rnd/birnd's global sequence with rndseed, at i- and k-rate.
; Compared line by line with csound's by tests/run_print.sh ("@" lines).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; global code draws from the same sequence as the instruments
printf_i "@global rnd %.15g %.15g birnd %.15g\n", 1, rnd(1), rnd(100), birnd(10)

instr 1
  ia = p4
  ib = p5
  printf_i "@i %g %g divz=%.15g divz0=%.15g taninv2=%.15g pow=%.15g pown=%.15g\n", 1, ia, ib, divz(ia, ib, -1), divz(ia, 0, 99), taninv2(ia, ib), pow(abs(ia), ib), pow(abs(ia), ib, 4)
  printf_i "@i %g %g mod=%.15g bits %g %g %g %g %g %g\n", 1, ia, ib, ia % ib, ia & ib, ia | ib, ia # ib, ~ia, ia << 3, ib >> 1
  printf_i "@i %g %g mix %g %g %g %g %g\n", 1, ia, ib, ia | 0, 0 | ia, ia << 0, 0 & ia, ¬ib
  ka = ia
  kb = ib
  printf "@k %g %g divz=%.15g taninv2=%.15g pow=%.15g pown=%.15g mod=%.15g\n", 1, ka, kb, divz(ka, kb, -1), taninv2(ka, kb), pow(abs(ka), kb), pow(abs(ka), kb, 4), ka % kb
  printf "@k %g %g bits %g %g %g %g %g %g\n", 1, ka, kb, ka & kb, ka | kb, ka # kb, ~ka, ka << kb, ka >> 2
endin

instr 2   ; constants folded as Csound folds them
  printf_i "@fold %g %g %g %g %g %g\n", 1, 5.7 & 3, 5.5 | 8, 6.9 # 3, ~5.9, 1.9 << 3, -16.5 >> 2
  printf_i "@fold %g %g %g %g %g\n", 1, 7 % 0, -7 % 3, 7 % -3, 7.5 % 2, (2.5 + 3) & 3
  printf_i "@prec %g %g %g %g %g\n", 1, 2 + 6 # 3, 2 ^ 3 # 1, 1 | 6 & 3, 1 << 2 + 1, ~1 + 3
  printf_i "@prec %g %g %g\n", 1, (1 == 1 || 0 == 1 && 0 == 1) ? 1 : 0, 3 | 4 # 1, 2 * 3 ^ 2
endin

instr 3   ; rnd and birnd: one sequence, drawn at i-time and k-time
  if p4 != 0 then
    rndseed p4
  endif
  ir1 = rnd(1)
  ir2 = birnd(2)
  kd = rnd(10)          ; an i-rate call: drawn once, at init
  kk init 3
  kv = rnd(kk)          ; a k-rate call: a new value every k-cycle
  kw = birnd(kk)
  printf_i "@rnd i %.15g %.15g\n", 1, ir1, ir2
  kc timeinstk
  printf "@rnd k %d %.15g %.15g %.15g\n", kc, kc, kd, kv, kw
endin
</CsInstruments>
<CsScore>
i 1 0 0.01 2.5 1.5
i 1 + . -7.25 2
i 1 + . 0 -3
i 1 + . 13 0
i 1 + . 1e10 5
i 2 1 0.01
i 3 2 0.003 0
i 3 3 0.003 0.25
i 3 4 0.003 0
</CsScore>
</CsoundSynthesizer>
