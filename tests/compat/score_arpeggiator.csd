<CsoundSynthesizer>
; An arpeggiator written entirely in the score: nested { } loops walk
; bars, octaves and chord notes (the macro counters feed [ ] expressions
; with ^, % and &, and @/@@ in the last note), a t statement with a tempo
; ramp speeds it up, a macro holds the note length.  Each note makes its
; wavetable with ftgenonce (one table per timbre, shared by the notes of
; that timbre) and a filtered saw bass keeps time under it.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 32
nchnls = 2
0dbfs = 1

instr 1                         ; arp voice: p4 Hz, p5 amp, p6 brightness (harmonic weight), p7 pan
  itab ftgenonce 0, 0, 2048, 10, 1, p6, p6 * p6, p6 * p6 * p6
  kenv expseg 0.001, 0.005, 1, p3 - 0.005, 0.001
  a1   oscili p5 * kenv, p4, itab
  al, ar pan2 a1, p7
  outs al, ar
endin

instr 2                         ; bass: p4 pch, p5 amp
  kenv linseg 0, 0.01, p5, p3 - 0.06, p5 * 0.6, 0.05, 0
  a1   vco2 kenv, cpspch(p4), 12
  af   moogladder a1, 1200, 0.3
  outs af, af
endin

</CsInstruments>
<CsScore>
#define STEP #0.125#

t 0 100 16 130

{ 4 BAR
  { 2 OCT
    { 4 NOTE
i 1 [$BAR * 4 + $OCT * 2 + $NOTE * 0.5] [$STEP * 3] [220 * 2 ^ (($NOTE % 3) * 4 / 12 + $OCT)] [0.06 + ($NOTE & 1) * 0.03] [0.2 + $OCT * 0.3] [0.2 + $NOTE * 0.2]
    }
  }
i 2 [$BAR * 4] 1.8 [6.09 - ($BAR % 2) * 0.04] 0.25
i 2 [$BAR * 4 + 2] 1.8 [6.04 + ($BAR & 2) * 0.01] 0.2
}
i 1 16 2 [@200 + @@100] 0.1 0.5 0.5
e 18
</CsScore>
</CsoundSynthesizer>
