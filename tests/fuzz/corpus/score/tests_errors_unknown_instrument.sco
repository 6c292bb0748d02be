; expect: 3:1: unknown instrument '1'
; a score alone: no orchestra defines instrument 1
i 1 0 1
e
