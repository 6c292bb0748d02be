<CsoundSynthesizer>
; A drum machine whose grid is a global 2-D k-array (3 drums × 16 steps of
; velocities), changed between bars by writing elements from the score's
; p-fields; each drum voice reads its row every step; the velocities are
; normalised by the grid's maximum (maxarray over a row copied out), the
; hat's brightness follows the bar's density (sumarray); the voices write an
; a-array mixer whose elements are weighted by a k-array of levels.
<CsOptions>
</CsOptions>
<CsInstruments>
sr = 48000
ksmps = 32
nchnls = 2
0dbfs = 1

gkGrid[][] init 3, 16
gkGrid fillarray 1, 0, 0, 0, 0.6, 0, 0, 0, 1, 0, 0.4, 0, 0.7, 0, 0, 0.3, \
                 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0.5, 0, \
                 0.5, 0.2, 0.8, 0.2, 0.5, 0.2, 0.8, 0.2, 0.5, 0.2, 0.8, 0.2, 0.5, 0.2, 0.8, 0.6
gaMix[] init 3
gkLevel[] fillarray 0.8, 0.5, 0.25

instr 1                         ; grid edit: p4 drum, p5 step, p6 velocity
  gkGrid[p4][p5] = p6
endin

instr 10                        ; clock + voices: p4 k-cycles per step
  kcnt init 0
  kstep = int(kcnt / p4) % 16
  kph = (kcnt % p4) / p4
  kcnt += 1
  kRow[] init 16
  kj = 0
  while kj < 16 do
    kRow[kj] = gkGrid[2][kj]
    kj += 1
  od
  kmax maxarray kRow
  kdens sumarray kRow
  ; kick
  kvk = gkGrid[0][kstep]
  kek = kvk * (1 - kph) ^ 4
  ak oscili kek, 45 + 120 * (1 - kph) ^ 8
  ; snare
  kvs = gkGrid[1][kstep]
  kes = kvs * (1 - kph) ^ 6
  an rand 1, 0.5
  as butterbp an * kes, 1800, 900
  at oscili kes * 0.3, 190
  ; hat
  kvh = gkGrid[2][kstep] / (kmax == 0 ? 1 : kmax)
  keh = kvh * (1 - kph) ^ 12
  anh rand 1, 0.25
  ah butterhp anh * keh, 5000 + 300 * kdens
  gaMix[0] = ak
  gaMix[1] = as + at
  gaMix[2] = ah
  aL = gaMix[0] * gkLevel[0] + gaMix[1] * gkLevel[1] + gaMix[2] * gkLevel[2]
  aR = gaMix[0] * gkLevel[0] + gaMix[1] * gkLevel[1] * 0.7 + gaMix[2] * gkLevel[2] * 1.3
  outs aL * 0.5, aR * 0.5
endin
</CsInstruments>
<CsScore>
i10 0 8 94
i1 2 0.01 0 6 0.9
i1 4 0.01 2 15 0
i1 4 0.01 1 14 0.8
i1 6 0.01 2 1 1
</CsScore>
</CsoundSynthesizer>
