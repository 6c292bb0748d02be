
f1 0 0 1 "../data/tone_mono.wav" 0 0 0
f2 0 0 1 "../data/tone_stereo.wav" 0 0 0

;       start   dur   amp  kcps    ibas  imod1 ibeg1   iend1
; no loop: the sound ends inside the note (Csound's tail quirk), at 3 pitches
i1      0.0123  0.6   0.7  220     0     0     0       0
i1      0.7003  0.4   0.6  330     0     0     0       0
i1      1.2001  0.9   0.6  146.83  0     0     0       0
; explicit base frequency; default loop mode (-1: the file has none)
i1      2.2003  0.5   0.5  415.3   207.65 -1   0       0
; forward loop over part, whole-sound loop, back-and-forth with fractional points
i1      2.8003  0.8   0.5  220     0     1     1500.5  4000.25
i1      3.7013  0.75  0.5  261.63  0     1     0       0
i1      4.5001  0.91  0.5  196     0     2     2000.3  3100.8
i1      4.6005  0.6   0.4  523.25  0     2     0       0
i2      5.5003  1.0   0.6  220     0     1     3000    5200
; stereo: middle-C fallback (kcps 261.626 = one frame per sample), ibas, loops
i3      6.6003  0.5   0.6  261.626 0     0     0       0
i3      7.2008  0.5   0.6  440     330   0     0       0
i3      7.8003  0.8   0.6  300     0     1     4000    9000
i3      8.7015  0.8   0.6  180     0     2     5000.5  7500
; release: p3 ends inside the sustain loop, xtratim plays on
;       start   dur   amp  kcps    ibas  imod1 ibeg1   iend1  imod2 ibeg2 iend2
i4      9.6001  0.3   0.6  220     0     1     1000    2500   1     5000  6000
i4      10.4003 0.3003  0.6  330     0     2     1000    2500   2     6000  7000.5
i4      11.2003 0.3   0.6  220     0     1     1000    2500   -1    0     0
; loscil3
i5      12.0013 0.6   0.6  220     0     0     0       0
i5      12.7003 0.5   0.6  311.13  0     1     2000    4500
i5      13.3003 0.6   0.6  185     0     2     3000.5  6000
i6      14.0013 0.9   0.5  261.626 0     0     0       0
i6      14.3003 0.8   0.5  220     300   1     2000    8000
i6      14.6001 0.6   0.5  400     0     2     3000    7000
e
