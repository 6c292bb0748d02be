; expect: 3:7: undefined macro '$NOTE'
i 1 0 1
i 1 1 $NOTE.
