sr = 48000
kr = 750
ksmps = 64
nchnls = 2
nchnls_i = 1
0dbfs = 1
A4 = 442
/* block
   comment */
giSine ftgen 0, 0, 4096, 10, 1, 0.5 ; a table
gkx init 0
gSname = "name"

instr 1, 2
  idur = p3
  iamp = (p4 > 0 ? p4 : 0.1)
  kcnt = 0
  while kcnt < 4 do
    kcnt += 1
  od
  until kcnt >= 8 do
    kcnt = kcnt + 1
  od
  if p5 == 1 then
    kf = 440
  elseif p5 == 2 || p5 == 3 && p4 != 0 then
    kf = 220
  else
    kf = 110
  endif
  if kcnt < 2 kgoto skip
  kf = kf * 1.0
skip:
  igoto done
done:
  ky = (kf % 7) + (kf ^ 2) - -kf / 3 + (kcnt << 1 | 1 & 3 # 2) + ~1
  asig oscili iamp, kf, giSine
  a1 poscil3 iamp, kf
  a2 = oscili:a(iamp, kf) + \
       vco2(iamp, kf)
  aL, aR pan2 asig + a1 + a2, 0.5
  outs aL, aR
  chnset kf, "freq"
  printks "kf %f\n", 1, kf
endin

instr named_one
  ain inch 1
  kenv linsegr 0, 0.01, 1, 0.1, 0
  out ain * kenv
  turnoff
endin
