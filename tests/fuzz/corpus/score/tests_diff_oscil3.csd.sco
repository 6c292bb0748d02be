
; start and end times keep p2·sr and (p2+p3)·sr off block edges and their
; fractional frames below 0.5, where rounding and truncating to frames agree
f 1 0 4096 10 1 0.5 0.3 0.25
f 2 0 1024 10 1
f 3 0 256 7 -1 256 1
f 4 0 64 -7 -30 32 30 32 -30
f 5 0 256 -7 0 256 256
i 1 0      0.7001 440
i 1 0.8013 0.5  1234.5
i 2 0.1    1.1  330
i 3 1.3027 1.0  550
i 4 2.4013 0.9  110
i 5 3.3001 0.8  220
i 6 4.2005 0.75 3000
