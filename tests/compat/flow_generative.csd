<CsoundSynthesizer>
; A rule-based melody: a conductor instrument steps a k-rate counter, picks
; each next degree with if/elseif/else on k- and i-rate conditions (mixed in
; one construct), computes the note's FM index with a k-rate while loop and
; its brightness with loop_le, and hands them to a voice through globals;
; ckgoto skips the rests, cggoto and cngoto pick a register at i-time.  The
; voice is one long note a k-rate `if … reinit` restarts on each new note:
; an i-rate if picks its envelope, ?: at a-rate its carrier; it sums into a
; global bus a comb network reads.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

gaBus init 0

instr 1                         ; conductor: p4 base cps, p5 register (0/1)
  ibase = p4
  cggoto p5 == 0, low
  ibase *= 2
low:
  cngoto p5 == 1, keep
  ibase *= 0.75
keep:
  kstep init 0
  kdeg init 0
  kcyc init -1
  kcyc += 1
  ktrig = (kcyc % 180 == 0 ? 1 : 0)   ; a tick every 180 k-cycles (0.12 s)
  ckgoto ktrig == 0, wait
  kstep += 1
  if kstep % 7 == 0 then
    kdeg = 0
  elseif p5 == 1 then           ; i-rate elseif after a k-rate if
    kdeg = (kdeg + 3) % 7
  elseif kstep % 3 == 0 then
    kdeg = (kdeg + 5) % 7
  else
    kdeg = (kdeg + 2) % 7
  endif
  kidx = 0
  kk = 0
  while kk < kdeg do            ; FM index grows with the degree
    kidx += 0.4
    kk += 1
  od
  kbright = 0
  kj = 1
sum:
  kbright += 1 / kj
  loop_le kj, 1, 4, sum
  kres = kstep % 5 == 4 ? 1 : 0
  ckgoto kres == 1, wait        ; a rest
  kcps table kdeg, 1
  gkcps = ibase * kcps
  gkidx = kidx
  gkbright = kbright / 2.0833
  gknote = 1                    ; the voice restarts in this k-cycle
wait:
endin

instr 2                         ; FM voice, one long note restarted by reinit
  if gknote == 1 then
    reinit note
  endif
  gknote = 0
  gkcps init 0
note:
  icps = i(gkcps)
  iidx = i(gkidx)
  ibright = i(gkbright)
  idur = 0.2
  if icps > 400 then
    kenv expseg 0.001, 0.005, 0.25, idur - 0.005, 0.001
  else
    kenv linseg 0, 0.01, 0.3, idur - 0.01, 0, 1, 0
  endif
  amod oscili iidx * icps, icps * 2
  acar oscili kenv, icps + amod
  asine oscili kenv, icps
  kmix linseg 0, idur, 1
  rireturn
  aout = (kmix < ibright ? acar : asine)
  outs aout, aout
  gaBus += aout * 0.3
endin

instr 9                         ; comb network on the bus
  ac1 comb gaBus, 1.5, 0.0297
  ac2 comb gaBus, 1.5, 0.0371
  ac3 comb gaBus, 1.5, 0.0411
  aw = (ac1 + ac2 + ac3) * 0.15
  outs aw, -aw
  gaBus = 0
endin
</CsInstruments>
<CsScore>
f 1 0 8 -2 1 1.125 1.25 1.333 1.5 1.667 1.875 2
i 1 0 3 220 0
i 1 3 3 220 1
i 2 0 6.5
i 9 0 7.5
</CsScore>
</CsoundSynthesizer>
