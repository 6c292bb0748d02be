<CsoundSynthesizer>
; pluck: Csound's Karplus-Strong string, every decay method, table and random fills.
; difftest: sdr 90
; Deterministic even for the random methods (2-4) and the ifn 0 fill: ondes
; reproduces Csound's rand15/rand16 generators and their seed (1000), shared by
; all pluck notes.  Overlapping notes draw from them in performance order
; (instrument number, then note start), the same in both: the last section
; overlaps random-method notes of one and of two instruments.
; The buffer is double in both; what remains is the float output and float
; tables (Csound's are double): ~-140 dB, so 90 dB leaves a wide margin while
; any algorithmic difference (fill, tuning, a smoothing step) costs far more.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1

; p4 amp, p5 kcps, p6 icps, p7 ifn, p8 imeth, p9 iparm1, p10 iparm2
instr 1
  a1 pluck p4, p5, p6, p7, p8, p9, p10
  out a1
endin

; a k-rate glide: kcps rises by 30 % over the note
instr 2
  kph phasor 1 / p3
  a1 pluck p4, p5 * (1 + 0.3 * kph), p6, p7, p8, p9, p10
  out a1
endin
</CsInstruments>
<CsScore>
f1 0 4096 10 1 0.5 0.3 0.25 0.2 0.1
f2 0 1024 7 -1 512 1 512 -1
f3 0 1000 -7 0.2 300 0.9 700 -0.8

;        dur  amp  kcps    icps   ifn meth p1   p2
i1 0.0123 0.45 0.5  220     220    1   1    0    0
i1 0.3003 0.5  0.4  330     330    2   6    0    0
i1 0.6001 0.5  0.3  261.63  220    1   5    0.3  0.6
i1 0.9001    0.5  0.4  440     440    3   1    0    0   ; non-power-of-two table, step 1000/100
i1 0.9013 0.4  0.3  1000    1000   2   1    0    0   ; icps 1000: buffer clamped to 64 points
i2 1.2503 0.5  0.5  196     196    1   6    0    0
; the generators: one note at a time
i1 1.8001   0.5  0.5  220     220    1   2    1.5  0
i1 2.3013 0.5  0.5  147     147    2   3    0.3  0
i1 2.8005 0.5  0.5  110     110    1   4    0.4  2
i1 3.3013 0.5  0.5  330     330    0   1    0    0   ; random fill (rand16)
i1 3.8003 0.5  0.5  185     185    0   2    1    0   ; stretch 1: Csound never averages
i1 4.3001 0.5  0.5  98      98     2   3    1    0   ; roughness 1: never inverted
i2 4.8001   0.5  0.5  123.47  123.47 0   6    0    0
; overlapping notes drawing from the shared generators
i2 5.4123 1.0  0.3  220     220    1   2    1.5  0
i1 5.6001 1.0  0.3  330     330    1   3    0.4  0
i1 5.8003 1.0  0.3  147     147    0   4    0.4  1.5
i1 6.0003 0.5  0.3  261     261    1   3    0.5  0
i2 6.1001 0.5  0.3  261     250    1   2    2    0
i2 5.9003 1.0  0.3  200     200    0   2    1.2  0
e
</CsScore>
</CsoundSynthesizer>
