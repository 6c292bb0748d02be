
; start and end times keep p2·sr and (p2+p3)·sr off block edges and their
; fractional frames below 0.5, where rounding and truncating to frames agree
i 1 0      0.3  110
i 1 0.3    0.3  1234.5
i 1 0.60007 0.3  5000
i 1 0.9    0.3  11025
i 1 1.2    0.3  13000
i 1 1.5    0.3  18000
i 2 1.8    2.0
i 3 3.9013 1.2  220
i 3 5.2    0.5  4000
i 4 5.8    1.2  330
i 4 7.1    0.5  3000
i 5 7.70007 0.3  200  6 0.004
i 5 8.1 0.3  2500 6 0.02
i 5 8.50007 0.3  300  8  0.3
i 5 8.90007 0.3  300  10 0.3
i 5 9.30007 0.3  6000 10 0.3
i 5 9.70007 0.3  300  12 0.3
i 5 10.1   0.3  10000 12 0.3
i 6 10.5   1.0  440
i 7 11.6   0.5  300
