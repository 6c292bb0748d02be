<CsoundSynthesizer>
<CsInstruments>
; library.csd — every instrument of instruments/ played by ondes and by csound.
; difftest: sdr 70
; Why 70 dB: the FM bell and the saw's moogladder feed back float audio
; (ondes) where csound keeps doubles; everything else matches to ~140 dB.
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

#include "../../instruments/sine.orc"
#include "../../instruments/saw.orc"
#include "../../instruments/bell.orc"
#include "../../instruments/pluck.orc"
#include "../../instruments/sampler.orc"
</CsInstruments>
<CsScore>
f 1 0 0 1 "../data/tone_mono.wav" 0 0 0
i "sine"    0.0   1.0  0.3 69 0.2
i "sine"    0.5   1.0  0.3 76.5 0.8
i "saw"     0.2   1.2  0.3 40 900 0.6 0.5
i "bell"    1.0   2.0  0.2 84 0.3
i "pluck"   1.5   0.8  0.4 57 0.7
i "sampler" 2.0   0.4  1 1 0.8 0.5
i "sampler" 2.5   0.4  1 1.5 0.8 0.5
e
</CsScore>
</CsoundSynthesizer>
