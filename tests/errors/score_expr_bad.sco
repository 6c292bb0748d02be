; expect: 2:16: missing number before '*' in [ ] expression
i 1 0 1 [440 + * 2]
