<CsoundSynthesizer>
; A drum machine whose voices are long notes reinitialised on every step
; (timout/reinit) instead of new notes: at each step an i-time pattern lookup
; decides with if/elseif/else whether the kick's pitch sweep restarts, the
; snare's noise burst fires or the voice rests (rigoto keeps the note-start
; set-up out of the reinit passes); the hi-hat counts its steps with an
; i-time counter and accents every fourth with ?:; a k-rate until loop
; builds a clap's flutter.  Levels sum into global busses (+=, *=).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

gaL init 0
gaR init 0

instr 1                         ; kick/snare voice: p4 step, p5 pattern table
  istep = p4
  istepno = 0
  igain = 0
clock:
  timout 0, istep, sound
  reinit clock
sound:
  ihit table istepno, p5, 0, 0, 1
  istepno += 1
  rigoto noinit
  igain = 0.7                   ; the note's start only
noinit:
  if ihit == 1 then             ; kick
    kf expon 180, 0.12, 45
    kenv expseg 1, 0.25, 0.001
    asig oscili igain * kenv, kf
  elseif ihit == 2 then         ; snare
    an rand 1, 0.31, 1
    ab butterbp an, 1900, 1400
    kenv expseg 1, 0.15, 0.001
    at oscili 0.3, 190
    asig = (ab + at) * kenv * igain * 0.8
  else                          ; rest
    asig = 0
  endif
  rireturn
  gaL += asig
  gaR += asig
endin

instr 2                         ; hi-hat: p4 step, p5 open every n steps
  icount = 0
tick:
  timout 0, p4, hat
  reinit tick
hat:
  iacc = (icount % 4 == 0 ? 0.35 : 0.15)
  idec = (icount % p5 == p5 - 1 ? 0.2 : 0.04)
  icount += 1
  an rand 1, 0.77, 1
  ah butterhp an, 8000
  kenv expseg 1, idec, 0.001
  rireturn
  ahat = ah * kenv * iacc
  gaL += ahat * 0.6
  gaR += ahat
endin

instr 3                         ; clap: four bursts from a k-rate until loop
  kt timeinsts
  kenv = 0
  kn = 0
  until kn >= 4 do
    kd = kt - kn * 0.011
    kenv += (kd >= 0 && kd < 0.011 ? 1 - kd / 0.011 : 0)
    kn += 1
  od
  ktail expseg 1, p3, 0.001
  kenv = (kt >= 0.044 ? ktail * 0.6 : kenv)
  an rand 1, 0.55, 1
  ac butterbp an, 1200, 600
  ac *= kenv * p4
  gaL += ac
  gaR += ac * 0.8
endin

instr 9                         ; master
  outs gaL, gaR
  gaL = 0
  gaR = 0
endin
</CsInstruments>
<CsScore>
f 1 0 16 -2 1 0 0 0 2 0 0 1 1 0 2 0 0 0 2 2
i 1 0   4   0.125 1
i 2 0   4   0.125 8
i 3 0.5 0.3 0.8
i 3 1.5 0.3 0.8
i 3 2.5 0.3 0.8
i 3 3.5 0.3 1
i 9 0   4.5
</CsScore>
</CsoundSynthesizer>
