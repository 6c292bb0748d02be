#!/usr/bin/env python3
"""make_samples.py — writes the small WAV files the loscil tests read (run once; the files are committed).

tone_mono.wav    22050 Hz, mono, 16-bit, 0.5 s, with a smpl chunk: root note 57 (A3, 220 Hz), no loops
tone_stereo.wav  32000 Hz, stereo, 16-bit, 0.4 s, no smpl chunk (loscil falls back to middle C)
tone_loop.wav    22050 Hz, mono, 16-bit, 0.6 s, smpl chunk: root note 60, a forward sustain loop
                 (frames 2205-6615) and a back-and-forth release loop (frames 8000-11025)
Neither rate is the tests' orchestra rate, so the file-to-orchestra ratio is exercised.
"""
import os
import struct
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def wav_bytes(frames, sr, root=None, loops=()):
    """frames: int16 array (n,) or (n, ch).  A plain PCM WAV, plus a smpl chunk when root is given,
    with loops: (type, start, end) each, type 0 forward, 1 alternating (the smpl chunk's codes)."""
    a = np.asarray(frames, dtype='<i2')
    ch = 1 if a.ndim == 1 else a.shape[1]
    data = a.tobytes()
    fmt = struct.pack('<HHIIHH', 1, ch, sr, sr * ch * 2, ch * 2, 16)
    chunks = b'fmt ' + struct.pack('<I', len(fmt)) + fmt
    chunks += b'data' + struct.pack('<I', len(data)) + data
    if root is not None:
        # manufacturer, product, sample period (ns), MIDI unity note, pitch fraction,
        # SMPTE format, SMPTE offset, number of loops, sampler data
        smpl = struct.pack('<9I', 0, 0, int(round(1e9 / sr)), root, 0, 0, 0, len(loops), 0)
        for i, (kind, start, end) in enumerate(loops):
            # cue point id, type, start, end, fraction, play count (0: forever)
            smpl += struct.pack('<6I', i, kind, start, end, 0, 0)
        chunks += b'smpl' + struct.pack('<I', len(smpl)) + smpl
    return b'RIFF' + struct.pack('<I', 4 + len(chunks)) + b'WAVE' + chunks


def q16(x):
    return np.round(np.clip(x, -1, 1) * 32767).astype(np.int16)


def main():
    sr = 22050
    t = np.arange(int(0.5 * sr)) / sr
    env = np.minimum(t / 0.005, 1.0) * np.exp(-3.0 * t)
    mono = 0.6 * env * (np.sin(2 * np.pi * 220 * t) + 0.5 * np.sin(2 * np.pi * 440.7 * t + 0.3)
                        + 0.25 * np.sin(2 * np.pi * 661.0 * t + 1.1) + 0.1 * np.sin(2 * np.pi * 2300.0 * t))
    with open(os.path.join(HERE, 'tone_mono.wav'), 'wb') as f:
        f.write(wav_bytes(q16(mono), sr, root=57))

    t = np.arange(int(0.6 * sr)) / sr
    loop = 0.5 * np.minimum(t / 0.005, 1.0) * (np.sin(2 * np.pi * 261.6 * t) + 0.4 * np.sin(2 * np.pi * 784.9 * t)
                                               + 0.3 * np.sin(2 * np.pi * 2000.0 * t * (1 + t)))
    with open(os.path.join(HERE, 'tone_loop.wav'), 'wb') as f:
        f.write(wav_bytes(q16(loop), sr, root=60, loops=((0, 2205, 6615), (1, 8000, 11025))))

    sr = 32000
    t = np.arange(int(0.4 * sr)) / sr
    env = np.minimum(t / 0.01, 1.0) * (1.0 - 0.5 * t / 0.4)
    left = 0.5 * env * sum(np.sin(2 * np.pi * 330 * k * t) / k for k in range(1, 8))
    right = 0.4 * env * (np.sin(2 * np.pi * 415.3 * t) + 0.6 * np.sin(2 * np.pi * 622.3 * t + 0.5)
                         + 0.3 * np.sin(2 * np.pi * 1500 * t * (1 + t)))
    with open(os.path.join(HERE, 'tone_stereo.wav'), 'wb') as f:
        f.write(wav_bytes(np.stack([q16(left), q16(right)], axis=1), sr))


if __name__ == '__main__':
    main()
