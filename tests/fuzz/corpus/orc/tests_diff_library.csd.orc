
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
