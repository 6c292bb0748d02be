; every statement kind, carry and ramp rule ondes reads
f 1 0 4096 10 1 0.5 0.25
f 2 0 0 1 "a.wav" 0 0 0
t 0 60 4 120 8 90
a 0 1 2
b 0.5
v 2
i 1 0 1 0.5 60 [2 * 3 + 1] [1/3] [-2 ^ 2]
i 1 + . < 62
i 1 + . < .
i 1 + . > 70
i 1 ^+1 . ( 80
i 1 ^-0.5 . ) 90
i 1 . . np4 pp5
i 1 . . . ! 
i "saw" 3 z 0.3 "text" 
i 1.1 4 -1 0.2
i -1.1 5 0
s
i 2 0 1
i 2 0.5 . 
e 10
