
i 1 0 3 0 0.4
i 1 3 3 0.9 0.4
i 1 6 3 -0.7 0.1    ; (beta < 0 boosts the level: kept below 0dbfs, where ondes clips)
i 2 9 3
