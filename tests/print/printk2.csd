<CsoundSynthesizer>
; printk2 and printks2: print a k value each time it changes (printk2:
; " iN " + spaces + "%11.5f", or "name = %11.5f" when inamed is set;
; printks2: a format with printf conversions given the value); run by tests/run_print.sh.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 64
nchnls = 1
0dbfs = 1

instr 1
  kc timeinstk
  kstep = int(kc / 3)
  printk2 kstep
  printk2 kc * 0.25 - 1, 4
  kslow = int(kc / 4) * p4
  printk2 kslow, 0, 1
  printk2 kstep, 200, 1
  printks2 "@ks2 %d changed\n", kstep
  printks2 "@ks2f %7.3f %% %x\n", kslow
  printks2 "@same %d\n", 3
endin

instr 2
  kc timeinstk
  printk2 kc
endin
</CsInstruments>
<CsScore>
i 1   0    0.02 2.5
i 2   0.1  0.004
i 1.5 0.2  0.01 -1
</CsScore>
</CsoundSynthesizer>
