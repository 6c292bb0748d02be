; expect: 3:1: p4: random ramp '~' has no end value
i 1 0 1 100
i 1 1 1 ~
