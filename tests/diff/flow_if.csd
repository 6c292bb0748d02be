<CsoundSynthesizer>
; if/elseif/else with i-, k- and mixed conditions, decided as Csound 6.18
; decides which pass a jump belongs to: an i-rate condition jumps in both
; passes (the k-pass takes the branch the i-pass took), a k-rate one only at
; perf, so the init pass runs the i-time code of every block after a k-rate
; condition until an i-rate one decides (Csound's cngoto/kgoto).  The pitches
; come from i-variables those blocks set, so a wrong pass changes them.
; Also `if c goto/igoto/kgoto`, goto, igoto, kgoto, the cXgoto opcodes,
; `?:` at i, k and a rate, and +=, -=, *=, /= on i, k, a and global variables.
; difftest: sdr 100
; Oscillators, envelopes and arithmetic in double as Csound's: measured
; ~150 dB (float output rounding); any branch taken differently changes a
; pitch or a level by far more.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

gkcount init 0
gaSend init 0

instr 1                 ; mixed if/elseif/else: a k-rate first condition
  klfo oscili 1, 3
  ifreq = 220
  if klfo > 2 then      ; never true at perf; its block's init still runs
    ifreq = 330
  elseif p4 > 1 then    ; i-rate: decides at init and at perf
    ifreq *= 2
  else
    ifreq += 110
  endif
  kamp = 0.1
  if p4 > 1 then        ; i-rate condition, k-rate body
    kamp = 0.2
  elseif klfo > 0 then  ; a k-rate elseif: runs at perf only when p4 <= 1
    kamp = 0.05
  endif
  a1 oscili kamp, ifreq
  outs a1, a1 * (p4 > 1 ? 0.5 : 1)
endin

instr 2                 ; goto forms and the cXgoto opcodes
  ix = 1
  kx init 0
  kx += 1
  if p4 == 0 igoto iskip        ; i-time jump only: perf runs the body
  ix = 2
iskip:
  if kx < 100 kgoto kskip       ; perf-only jump
  kx = 0
kskip:
  cigoto p4 > 0, ci
  ix += 0.25
ci:
  ckgoto kx % 2 == 0, ck
  kx -= 0.5
ck:
  cggoto p4 == 1, cg
  ix *= 1.5
cg:
  cngoto p4 > 1, cn
  ix /= 2
cn:
  cnkgoto kx > 50, cnk
  kx *= 1
cnk:
  goto done
  ix = 100
done:
  a1 oscili 0.2, 110 * ix + kx
  a2 = (kx > 20 ? a1 : -a1)     ; a-rate ?: with a k-rate condition
  outs a1, a2
endin

instr 3                 ; assignment operators on every rate and on globals
  iv = 1
  iv += p4
  iv -= 0.5
  iv *= 3
  iv /= 2
  kv init 1
  kv += 0.001
  kv *= 1.0001
  kv -= 0.0005
  kv /= 1.00005
  gkcount += 1
  a1 oscili 0.1, 100 * iv
  a1 += oscili(0.05, 300)
  a1 *= 1.5
  a1 -= 0.01
  a1 /= kv
  gaSend += a1 * 0.5
  outs a1, a1
endin

instr 9                 ; reads the globals the others wrote
  a1 = gaSend
  gaSend = 0
  k1 = gkcount / 10000
  outs a1 * k1, a1
endin
</CsInstruments>
<CsScore>
i 1 0    0.3 2
i 1 0.3  0.3 0
i 2 0.6  0.3 0
i 2 0.9  0.3 1
i 2 1.2  0.3 2
i 3 1.5  0.3 1
i 3 1.8  0.3 3
i 9 0    2.2
</CsScore>
</CsoundSynthesizer>
