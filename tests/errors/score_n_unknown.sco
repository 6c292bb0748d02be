; expect: 3:1: 'n chorus': no section named 'chorus'
i 1 0 1
n chorus
