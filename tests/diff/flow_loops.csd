<CsoundSynthesizer>
; Loops at i- and k-rate: loop_lt at i-time starts the partials of an
; additive tone as notes (event_i); loop_le/loop_gt/loop_ge at k-rate and
; while/until loops at both rates compute the pitch and level of others.  An
; i-rate while loop runs at i-time only: its body's perf code never runs
; (Csound's igoto back to the test, which then says "leave" at perf).  The
; index variable of loop_lt is changed in place, as in Csound.
; difftest: sdr 100
; Oscillators as Csound's, in double: measured ~150 dB; one iteration more
; or less changes a partial or a pitch by far more.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                         ; additive tone: partials as notes
  indx = 1
loop:
  event_i "i", 10, 0, p3, 0.3 / indx, p4 * indx, indx / 8
  loop_lt indx, 1, 9, loop
endin

instr 10
  aenv linseg 0, 0.02, 1, p3 - 0.04, 1, 0.02, 0
  a1 oscili p4 * aenv, p5
  outs a1 * (1 - p6), a1 * p6
endin

instr 2                         ; k-rate loops: a chord's pitch sum each k-cycle
  kbase line 200, p3, 300
  ksum = 0
  kn = 1
add:
  ksum += kbase * kn
  loop_le kn, 1, 3, add         ; kn = 1, 2, 3
  kd = 10
sub:
  ksum -= 1
  loop_gt kd, 2, 0, sub         ; kd = 10, 8, 6, 4, 2: five times
  ke = 4
sub2:
  ksum -= 0.5
  loop_ge ke, 1, 1, sub2        ; ke = 4, 3, 2, 1: four times
  a1 oscili 0.2, ksum / 6
  outs a1, a1
endin

instr 3                         ; while and until at i- and k-rate
  icount = 0
  ifreq = 100
  while icount < p4 do
    ifreq *= 1.25
    icount += 1
    kperf = 1                   ; perf code in an i-rate loop: never runs
  od
  iv = 0
  until iv >= 3 do
    ifreq += 7
    iv += 1
  od
  kperf init 0
  kacc = 0
  kj = 0
  while kj < 5 do
    kacc += kj * 3
    kj += 1
  od
  kk = 10
  until kk <= 0 do
    kacc += 1
    kk -= 4
  od
  a1 oscili 0.2, ifreq + kacc + kperf * 1000
  outs a1, a1
endin
</CsInstruments>
<CsScore>
i 1 0    1     220
i 1 1    0.75  330
i 2 2    0.75
i 3 3    0.5   2
i 3 3.5  0.5   5
</CsScore>
</CsoundSynthesizer>
