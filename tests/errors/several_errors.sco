; expect: 5:1: unknown score statement 'k'
; expect: 6:12: GEN 6 is not supported
; expect: 7:1: score statement 'w' is not supported
; a score alone: each statement with an error is reported, the others are read
k 1 2
f 1 0 1024 6 1 2 3
w 1
i 1 0 1
i 1 1 1
f 2 0 1024 10 1
i 1 0 1
