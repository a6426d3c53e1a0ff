"""Writes hibari_frames.bin, the reference frames of HibariVocoderTest: six frames of the hibari model's output for
a real sentence (voiced and unvoiced), a fixed noise draw, and what the hibari-tts package's own DSP
(hibari/dsp.py) makes of them: the pulse train and the waveform.

Run once, in a throwaway venv: pip install hibari-tts==0.2.1 && python hibari_frames.py

Layout, little-endian: int32 frames F, int32 bins B (601), then float32 arrays in this order:
lh, theta, ln, lr, phi ([B][F] each, as the model returns them), f0 [F], noise [B][F][2] (real, imaginary),
pulses [F*300], waveform [F*300]."""
import os
import numpy as np
from hibari import Hibari, dsp

FIRST, F = 93, 6
tts = Hibari()
ids = tts.ids(tts.phonemize("The quick brown fox jumps over the lazy dog.")[0])
out = tts.sess.run(None, {"ids": np.asarray([ids], np.int64), "speed": np.asarray([1.0], np.float32)})
lh, th, ln, lr, phi = (np.ascontiguousarray(o[0][:, FIRST:FIRST + F]) for o in out[:5])
f0 = np.ascontiguousarray(out[5][0][FIRST:FIRST + F])
noise = np.random.default_rng(7).standard_normal((lh.shape[0], 2 * F), dtype=np.float32)

pulses = dsp.pulses(f0)
# dsp.synth with the noise drawn above instead of its own
spec = dsp.stft(pulses, F)
rot = np.empty(lh.shape, np.complex64)
c = np.tanh(th) * np.pi
rot.real, rot.imag = np.cos(c), np.sin(c)
spec *= rot * dsp.ex(lh)
spec += noise.view(np.complex64) * dsp.ex(ln)
rot.real, rot.imag = np.cos(phi), np.sin(phi)
spec += rot * dsp.ex(lr)
wave = dsp.ola(spec)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hibari_frames.bin"), "wb") as f:
    f.write(np.asarray([F, lh.shape[0]], "<i4").tobytes())
    for a in (lh, th, ln, lr, phi, f0, noise, pulses, wave):
        f.write(np.asarray(a, "<f4").tobytes())
print("f0", f0, "wave rms", float(np.sqrt(np.mean(wave ** 2))), "pulses rms", float(np.sqrt(np.mean(pulses ** 2))))
