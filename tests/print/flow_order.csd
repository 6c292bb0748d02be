<CsoundSynthesizer>
; The order Csound 6.18 runs code in, printed: each block of a mixed
; if/elseif/else in the init pass (a k-rate condition does not jump at
; i-time), i-time loops, and reinit passes: from the label to rireturn, at
; once inside the k-cycle (the perf pass then goes on after reinit), rigoto
; taken only in a reinit pass, tigoto not in an untied note, `if kcond goto`
; read at i-time (0 at the note's start, the last k-cycle's value in a
; reinit), an init error in a reinit pass reported while the note plays on;
; ithen (Csound's cingoto: jumps at i-time only), kthen, enduntil.
; Run by tests/run_print.sh.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 1
0dbfs = 1

instr 1
  kc init 0
  kc += 1
  if kc > 1 then
    prints "@A init\n"
    printf "@A perf %d\n", kc, kc
  elseif p4 > 0 then
    prints "@B init\n"
    printf "@B perf %d\n", kc, kc
  else
    prints "@C init\n"
    printf "@C perf %d\n", kc, kc
  endif
  indx = 0
loop:
  prints "@loop %d\n", indx
  loop_lt indx, 1, 3, loop
  icnt = 0
  while icnt < 2 do
    prints "@while %d\n", icnt
    printf "@while perf %d\n", kc, kc
    icnt += 1
  od
  kk = 0
  until kk >= 2 do
    printf "@until %d %d\n", kc * 10 + kk + 1, kc, kk
    kk += 1
  od
endin

instr 2
  icount init 0
  kc init 0
  kc += 1
top:
  timout 0, 0.004, go
  reinit top
go:
  icount = icount + 1
  prints "@reinit %d\n", icount
  tigoto tied
  prints "@not tied\n"
tied:
  rigoto again
  prints "@first init only\n"
again:
  if kc > 2 goto skip
  prints "@kc <= 2 at i-time (%d)\n", i(kc)
skip:
  idur = (icount == 3 ? -1 : 0.004)
  timout 0, idur, go2
go2:
  printf "@perf %d %d\n", kc, icount, kc
  rireturn
  printf "@after rireturn %d\n", kc, kc
endin

instr 3                         ; ithen (i-time jump only), kthen, enduntil
  kc init 0
  kc += 1
  if p4 > 0 ithen
    prints "@ithen block init\n"
    printf "@ithen block perf %d\n", kc, kc
  else
    prints "@ithen else init\n"
    printf "@ithen else perf %d\n", kc, kc
  endif
  if kc > 1 kthen
    printf "@kthen block perf %d\n", kc, kc
  endif
  kn = 0
  until kn == 2 do
    printf "@enduntil %d %d\n", kc * 10 + kn + 1, kc, kn
    kn += 1
  enduntil
endin
</CsInstruments>
<CsScore>
i 1 0    0.004 1
i 1 1    0.004 0
i 2 2    0.03
i 3 3    0.004 0
i 3 4    0.004 1
</CsScore>
</CsoundSynthesizer>
