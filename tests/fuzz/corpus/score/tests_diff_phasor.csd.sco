
; start and end times keep p2·sr and (p2+p3)·sr off block edges and their
; fractional frames below 0.5, where rounding and truncating to frames agree
i 1 0      0.5003 441 0
i 1 0.6013 0.5    1000.5 0.3
i 2 1.2    1.5003
i 3 2.8013 1.0    1.5
i 4 3.9    0.6023 123.4
