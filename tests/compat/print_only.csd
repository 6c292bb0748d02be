<CsoundSynthesizer>
; A piece that only prints, as many of the manual's examples do: no sound
; from either renderer, so tools/compat compares what they print, line by
; line (their own messages left out): a table of Fibonacci numbers at
; i-time, a countdown at k-rate, print's and printk2's own formats, and
; formatted text from printf and printks.
<CsOptions>
-odac
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

instr 1
  ia = 0
  ib = 1
  ik = 0
  while ik < 12 do
    prints "fib %2d = %d\n", ik, ia
    ic = ia + ib
    ia = ib
    ib = ic
    ik += 1
  od
  print ia, ib, p3
endin

instr 2
  kcount init p4
  printks "countdown %d\n", 0, kcount
  printk2 kcount
  kcount -= 1
  if kcount < 0 then
    printf "lift-off at k-cycle %d of instr %d\n", 1, p4 + 1, p1
    turnoff
  endif
endin
</CsInstruments>
<CsScore>
i 1 0 0.1
i 2 0.2 1 5
i 2 0.4 1 3
e
</CsScore>
</CsoundSynthesizer>
