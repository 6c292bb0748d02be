
i 1 0 abc
