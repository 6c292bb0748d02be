<CsoundSynthesizer>
; pitch_tuning.csd — cps2pch and cpsxpch (equal temperaments and tuning
; tables), cpstuni and cpstun over GEN -2 tuning tables (keys below and above
; the base key), ntom/ntof/mton note names, cpsmidinn, ftom with rounding.
; Compared by tests/run_print.sh ("@" lines).
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 1
0dbfs = 1
A4 = 440

; a scale of ratios of one octave for cps2pch/cpsxpch (values a float holds
; exactly: ondes' tables are floats, Csound's doubles)
giJust ftgen 1, 0, 16, -2, 1, 1.0625, 1.125, 1.1875, 1.25, 1.3125, 1.40625, 1.5, 1.5625, 1.6875, 1.75, 1.875, 2
; cpstun's format: numgrades, interval, basefreq, basekey, then the ratios
giTun ftgen 2, 0, 64, -2, 12, 2, 261.625, 60, 1, 1.0625, 1.125, 1.1875, 1.25, 1.3125, 1.40625, 1.5, 1.5625, 1.6875, 1.75, 1.875
; a 5-note scale repeating at a tritave (3/1)
giPel ftgen 3, 0, 16, -2, 5, 3, 200, 48, 1, 1.25, 1.5, 1.75, 2.5

instr 1   ; p4 pch
  printf_i "@et %g cps2pch12=%.10g cps2pch19=%.10g cpsxpch=%.10g cpsxpch2=%.10g\n", 1, p4, cps2pch(p4, 12), cps2pch(p4, 19), cpsxpch(p4, 10, 3, 1.5), cpsxpch(p4, 12, 2, 8.1757989156)
  printf_i "@tab %g cps2pch=%.10g cpsxpch=%.10g\n", 1, p4, cps2pch(p4, -1), cpsxpch(p4, -1, 2, 16.3516)
endin

instr 2   ; p4 key
  printf_i "@tun %d %.10g %.10g\n", 1, p4, cpstuni(p4, 2), cpstuni(p4, 3)
  kfreq cpstun 1, p4, 2
  kfreq2 cpstun 1, p4 + 1, 3
  printf "@tunk %d %.10g %.10g\n", 1, p4, kfreq, kfreq2
endin

instr 3
  printf_i "@ntom %.10g %.10g %.10g %.10g %.10g %.10g\n", 1, ntom("4A"), ntom("4C#"), ntom("3Bb+30"), ntom("8D+"), ntom("4A-7"), ntom("0Cb")
  printf_i "@ntof %.10g %.10g %.10g\n", 1, ntof("4A"), ntof("5E-12"), ntof("2G#+5")
  printf_i "@midi %.10g %.10g %.10g %.10g\n", 1, cpsmidinn(0), cpsmidinn(60.5), cpsmidinn(453), octmidinn(61)
  printf_i "@ftom %.10g %.10g %.10g %.10g\n", 1, ftom(450), ftom(450, 1), ftom(1000, 1), ftom(27.5, 0)
  S1 = mton(69.5)
  S2 = mton(71.51)
  S3 = mton(0)
  printf_i "@mton [%s] [%s] [%s] [%s]\n", 1, S1, S2, S3, mton(60.12)
  kf init 452.5
  printf "@ftomk %.10g %.10g %.10g\n", 1, ftom(kf), ftom(kf, 1), ntom("7F#-33")
  kmid init 61.75
  Sk = mton(kmid)
  printf "@mtonk [%s]\n", 1, Sk
endin
</CsInstruments>
<CsScore>
i 1 0 0.01 8.00
i 1 + . 8.01
i 1 + . 8.07
i 1 + . 8.11
i 1 + . 7.12
i 1 + . 8.13
i 1 + . 9.05
i 1 + . 5.095
i 2 1 0.01 60
i 2 + . 61
i 2 + . 71
i 2 + . 72
i 2 + . 59
i 2 + . 48
i 2 + . 35
i 2 + . 100
i 3 2 0.01
</CsScore>
</CsoundSynthesizer>
