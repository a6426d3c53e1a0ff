// Shared helpers for the @ai-sdk/xai conformance tests: environment, WAV / MP3 / G.711 decoding, transcript scoring.
// Nothing here talks to Parley: the tests do that only through the AI SDK.
import { readFileSync } from 'node:fs';
import { createXai } from '@ai-sdk/xai';
import WebSocket from 'ws';

/** Reads a required environment variable (set by dev.parley.conformance.AiSdkXaiConformanceTest). */
export function env(name) {
  const v = process.env[name];
  if (v == null || v === '') throw new Error(`environment variable ${name} is not set (run through AiSdkXaiConformanceTest)`);
  return v;
}

/**
 * The provider exactly as the SDK's README shows it, pointed at Parley: custom baseURL (https, so the realtime URL the
 * SDK hard-builds as wss://<host>/v1/realtime reaches the same server) and the `ws` package as the header-capable
 * WebSocket that streaming transcription needs.
 */
export function parleyXai() {
  return createXai({ baseURL: env('PARLEY_BASE_URL'), apiKey: env('PARLEY_API_KEY'), webSocket: WebSocket });
}

/** A recording from the shared speech set: path and reference transcript. */
export function recording(prefix) {
  return { path: env(`${prefix}_WAV`), text: env(`${prefix}_TEXT`) };
}

/** Parses a PCM16 WAV file: { sampleRate, channels, samples: Int16Array (interleaved), data: Uint8Array }. */
export function readWav(path) {
  return parseWav(readFileSync(path), path);
}

/**
 * Parses PCM16 WAV bytes. A streamed header's unknown sizes (0xFFFFFFFF) read as "to the end of the bytes".
 * Returns { sampleRate, channels, samples: Int16Array (interleaved), data: Uint8Array, riffSize, dataSize }.
 */
export function parseWav(bytes, name = 'WAV bytes') {
  const buf = Buffer.from(bytes.buffer ?? bytes, bytes.byteOffset ?? 0, bytes.byteLength ?? bytes.length);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${name} is not a WAV file`);
  let dataSize = -1;
  let off = 12, fmt = null, data = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    const body = buf.subarray(off + 8, off + 8 + size);
    if (id === 'fmt ') fmt = { format: body.readUInt16LE(0), channels: body.readUInt16LE(2), sampleRate: body.readUInt32LE(4), bits: body.readUInt16LE(14) };
    if (id === 'data') { data = body; dataSize = size; }
    off += 8 + size + (size & 1);
  }
  if (fmt == null || data == null || fmt.bits !== 16 || fmt.format !== 1) throw new Error(`${name}: expected 16-bit PCM WAV`);
  const samples = new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~1)));
  return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples, data: new Uint8Array(samples.buffer),
    riffSize: buf.readUInt32LE(4), dataSize, trailingByte: data.length % 2 };
}

/** Builds a 16-bit PCM WAV file from interleaved samples. */
export function wavBytes(samples, sampleRate, channels) {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii'); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii'); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24); h.writeUInt32LE(sampleRate * channels * 2, 28); h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34); h.write('data', 36, 'ascii'); h.writeUInt32LE(data.length, 40);
  return new Uint8Array(Buffer.concat([h, data]));
}

/** Interleaves mono tracks (padding the shorter ones with silence). */
export function interleave(...tracks) {
  const n = Math.max(...tracks.map((t) => t.length));
  const out = new Int16Array(n * tracks.length);
  for (let i = 0; i < n; i++) for (let c = 0; c < tracks.length; c++) out[i * tracks.length + c] = tracks[c][i] ?? 0;
  return out;
}

/** Linear-interpolation resampler (test-side only; good enough to feed a recognizer). */
export function resample(samples, from, to) {
  if (from === to) return samples;
  const n = Math.floor(samples.length * to / from);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const x = i * from / to, i0 = Math.floor(x), f = x - i0;
    const a = samples[i0] ?? 0, b = samples[i0 + 1] ?? a;
    out[i] = Math.round(a + (b - a) * f);
  }
  return out;
}

/** G.711 µ-law encode / decode (ITU-T reference). */
export function muLawEncode(s) {
  const BIAS = 0x84, CLIP = 32635;
  let sign = (s >> 8) & 0x80;
  if (sign) s = -s;
  if (s > CLIP) s = CLIP;
  s += BIAS;
  let exp = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exp > 0; mask >>= 1) exp--;
  const mant = (s >> (exp + 3)) & 0x0f;
  return ~(sign | (exp << 4) | mant) & 0xff;
}
export function muLawDecode(u) {
  u = ~u & 0xff;
  const sign = u & 0x80, exp = (u >> 4) & 0x07, mant = u & 0x0f;
  const s = (((mant << 3) + 0x84) << exp) - 0x84;
  return sign ? -s : s;
}

/** Root-mean-square of PCM16 samples, full scale = 1. */
export function rms(samples) {
  let sum = 0;
  for (const s of samples) sum += (s / 32768) ** 2;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

export function pcm16(bytes) {
  const b = Buffer.from(bytes);
  return new Int16Array(b.buffer.slice(b.byteOffset, b.byteOffset + (b.length & ~1)));
}

/**
 * Walks MPEG-1/2 Layer III frame headers (skipping an ID3v2 tag) and returns { frames, sampleRate, seconds }.
 * Fails when the stream does not consist of back-to-back valid frames: a cheap but real MP3 decode check.
 */
export function mp3Info(bytes) {
  let off = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    off = 10 + ((bytes[6] & 0x7f) << 21 | (bytes[7] & 0x7f) << 14 | (bytes[8] & 0x7f) << 7 | (bytes[9] & 0x7f));
  }
  const BR1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  const BR2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
  const SR = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };
  let frames = 0, samples = 0, sampleRate = 0;
  while (off + 4 <= bytes.length) {
    if (bytes[off] !== 0xff || (bytes[off + 1] & 0xe0) !== 0xe0) throw new Error(`no MPEG frame sync at byte ${off} of ${bytes.length}`);
    const ver = (bytes[off + 1] >> 3) & 3, layer = (bytes[off + 1] >> 1) & 3;
    const bri = bytes[off + 2] >> 4, sri = (bytes[off + 2] >> 2) & 3, pad = (bytes[off + 2] >> 1) & 1;
    if (layer !== 1 || ver === 1 || bri === 0 || bri === 15 || sri === 3) throw new Error(`invalid Layer III header at byte ${off}`);
    sampleRate = SR[ver][sri];
    const perFrame = ver === 3 ? 1152 : 576;
    const kbps = (ver === 3 ? BR1 : BR2)[bri];
    const len = Math.floor((perFrame / 8) * kbps * 1000 / sampleRate) + pad;
    off += len;
    frames++;
    samples += perFrame;
  }
  if (frames === 0) throw new Error('no MP3 frames');
  return { frames, sampleRate, seconds: samples / sampleRate };
}

export function words(s) {
  return s.toLowerCase().replace(/[^a-z0-9' ]/g, ' ').split(/\s+/).filter(Boolean);
}

/** Share of the reference words recognised in order (longest common subsequence / reference length). */
export function wordRecall(reference, hypothesis) {
  const r = words(reference), h = words(hypothesis);
  const dp = Array.from({ length: r.length + 1 }, () => new Array(h.length + 1).fill(0));
  for (let i = 1; i <= r.length; i++) for (let j = 1; j <= h.length; j++) {
    dp[i][j] = r[i - 1] === h[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  }
  return dp[r.length][h.length] / Math.max(1, r.length);
}

/** A ReadableStream of `bytes` in `chunk`-byte pieces, one every `everyMs` (0 = as fast as the consumer reads). */
export function chunkedStream(bytes, chunk, everyMs = 0) {
  let off = 0;
  return new ReadableStream({
    async pull(controller) {
      if (off >= bytes.length) { controller.close(); return; }
      if (everyMs > 0 && off > 0) await new Promise((r) => setTimeout(r, everyMs));
      controller.enqueue(bytes.subarray(off, Math.min(bytes.length, off + chunk)));
      off += chunk;
    },
  });
}

