; expect: 4:12: undefined macro '$STP'
; a typo in a loop counter: the error points into the loop body (not the expansion)
{ 4 STEP
i 1 [0.5 * $STP.] 0.25
}
