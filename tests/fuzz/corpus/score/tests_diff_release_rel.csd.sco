
; end frames: aligned, frac>=.5, frac<.5
i 1 0      0.2902494331  0.1
i 1 0.5    0.3           0.1
i 1 1.0    0.2999       0.1
