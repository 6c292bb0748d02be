ksmps = 1e26
