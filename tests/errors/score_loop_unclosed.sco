; expect: 4:1: '{' has no matching '}'
; a loop left open: the error names the { line
i 1 0 1
{ 4 STEP
i 1 [$STEP*0.5] 0.25
