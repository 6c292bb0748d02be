; mono.sco — one second of instrument 1 (mono.orc).
i 1 0 1
e
