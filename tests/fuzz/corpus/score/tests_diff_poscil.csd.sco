
; start and end times keep p2·sr and (p2+p3)·sr off block edges and their
; fractional frames below 0.5, where rounding and truncating to frames agree
f 1 0 1000 10 1
f 2 0 601 10 1 0.4 0.2 0.1
f 3 0 4096 10 1 0 0.33 0 0.2 0 0.14
i 1 0      0.50021 440 -1
i 1 0.6013 0.5 523.25 1
i 2 0.1    1.1003 330
i 3 1.30221 1.0 550
i 4 2.4013 0.9  110
i 5 3.30021 0.8 220
i 6 4.2005 0.75 7919
