; expect: 3:1: 'r' needs a positive repeat count
i 1 0 1
r x NAME
i 1 0 1
s
