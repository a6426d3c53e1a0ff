// Conformance: the official `openai` npm client's audio helpers against Parley's OpenAI-compatible aliases
// POST /v1/audio/speech and POST /v1/audio/transcriptions.
// Started by dev.parley.conformance.OpenAiNodeAudioConformanceTest (parley-conformance), which sets:
//   PARLEY_BASE_URL    http://127.0.0.1:<port>/v1 of the live server
//   PARLEY_API_KEY     an API key
//   PARLEY_SPEECH_FILE a recording (WAV) from shared/speech
//   PARLEY_SPEECH_TEXT its reference transcript
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import OpenAI, { toFile } from 'openai';
import { Stream } from 'openai/core/streaming';

const client = new OpenAI({ baseURL: process.env.PARLEY_BASE_URL, apiKey: process.env.PARLEY_API_KEY, maxRetries: 0, timeout: 120_000 });
const SPEECH_FILE = process.env.PARLEY_SPEECH_FILE;
const SPEECH_TEXT = process.env.PARLEY_SPEECH_TEXT;

function words(s) {
  return s.toLowerCase().replace(/[^a-z0-9' ]/g, ' ').split(/\s+/).filter(Boolean);
}

/** Share of the reference's words that the hypothesis contains (order-free recall; 1 = all heard). */
function recall(reference, hypothesis) {
  const hyp = new Set(words(hypothesis));
  const ref = words(reference);
  return ref.filter((w) => hyp.has(w)).length / ref.length;
}

/**
 * Walks the MPEG audio frames of an MP3 byte stream (MPEG-1/2/2.5 Layer III headers), returning the sample rate and the
 * duration they add up to; fails on a byte that is not a frame header.
 */
function mp3Frames(buf) {
  const RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };
  const KBPS_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  const KBPS_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
  let at = 0;
  if (buf.subarray(0, 3).toString('latin1') === 'ID3') at = 10 + ((buf[6] << 21) | (buf[7] << 14) | (buf[8] << 7) | buf[9]);
  let frames = 0, samples = 0, rate = 0;
  while (at + 4 <= buf.length) {
    assert.equal(buf[at], 0xff, `frame sync at byte ${at}`);
    assert.equal(buf[at + 1] & 0xe0, 0xe0, `frame sync at byte ${at}`);
    const version = (buf[at + 1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    const layer = (buf[at + 1] >> 1) & 3;
    assert.equal(layer, 1, 'Layer III');
    const kbps = (version === 3 ? KBPS_V1 : KBPS_V2)[buf[at + 2] >> 4];
    rate = RATES[version][(buf[at + 2] >> 2) & 3];
    const padding = (buf[at + 2] >> 1) & 1;
    const perFrame = version === 3 ? 1152 : 576;
    const length = Math.floor((perFrame / 8) * kbps * 1000 / rate) + padding;
    assert.ok(length > 4, `frame length at byte ${at}`);
    at += length;
    frames++;
    samples += perFrame;
  }
  return { frames, rate, seconds: samples / rate };
}

/** Walks the Ogg pages of an Ogg Opus stream: the OpusHead fields and the duration the last granule position gives. */
function oggOpus(buf) {
  let at = 0, pages = 0, granule = 0n, head = null;
  while (at < buf.length) {
    assert.equal(buf.subarray(at, at + 4).toString('latin1'), 'OggS', `Ogg page at byte ${at}`);
    const segments = buf[at + 26];
    let body = 0;
    for (let i = 0; i < segments; i++) body += buf[at + 27 + i];
    const data = at + 27 + segments;
    if (pages === 0) {
      assert.equal(buf.subarray(data, data + 8).toString('latin1'), 'OpusHead');
      head = { channels: buf[data + 9], preSkip: buf.readUInt16LE(data + 10), inputRate: buf.readUInt32LE(data + 12) };
    }
    const g = buf.readBigInt64LE(at + 6);
    if (g >= 0n) granule = g;
    at = data + body;
    pages++;
  }
  return { ...head, pages, seconds: Number(granule - BigInt(head.preSkip)) / 48000 };
}

/** Walks the ADTS frames of an AAC stream: sample rate, channels and the duration of its 1024-sample frames. */
function adtsFrames(buf) {
  const RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
  let at = 0, frames = 0, rate = 0, channels = 0;
  while (at + 7 <= buf.length) {
    assert.equal(buf[at], 0xff, `ADTS sync at byte ${at}`);
    assert.equal(buf[at + 1] & 0xf0, 0xf0, `ADTS sync at byte ${at}`);
    rate = RATES[(buf[at + 2] >> 2) & 0xf];
    channels = ((buf[at + 2] & 1) << 2) | (buf[at + 3] >> 6);
    const length = ((buf[at + 3] & 3) << 11) | (buf[at + 4] << 3) | (buf[at + 5] >> 5);
    assert.ok(length >= 7, `frame length at byte ${at}`);
    frames += (buf[at + 6] & 3) + 1;
    at += length;
  }
  assert.equal(at, buf.length, 'the stream ends on a frame boundary');
  return { rate, channels, seconds: (frames * 1024) / rate };
}

/** The STREAMINFO of a native FLAC stream (its first metadata block). */
function flacStreamInfo(buf) {
  assert.equal(buf.subarray(0, 4).toString('latin1'), 'fLaC');
  assert.equal(buf[4] & 0x7f, 0, 'STREAMINFO first');
  const b = buf.subarray(8);
  return {
    rate: (b[10] << 12) | (b[11] << 4) | (b[12] >> 4),
    channels: ((b[12] >> 1) & 7) + 1,
    bits: (((b[12] & 1) << 4) | (b[13] >> 4)) + 1,
  };
}

/** The fields of a canonical PCM WAV header (sizes may be the streaming 0xFFFFFFFF). */
function wavHeader(buf) {
  assert.equal(buf.subarray(0, 4).toString('latin1'), 'RIFF');
  assert.equal(buf.subarray(8, 12).toString('latin1'), 'WAVE');
  assert.equal(buf.subarray(12, 16).toString('latin1'), 'fmt ');
  return { format: buf.readUInt16LE(20), channels: buf.readUInt16LE(22), rate: buf.readUInt32LE(24), bits: buf.readUInt16LE(34), dataAt: 44 };
}

/** A WAV file around raw 16-bit mono PCM. */
function wavOf(pcm, rate) {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1'); h.writeUInt32LE(36 + pcm.length, 4); h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1'); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1'); h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]);
}

function rms(pcm) {
  let s = 0;
  const n = Math.floor(pcm.length / 2);
  for (let i = 0; i < n; i++) { const v = pcm.readInt16LE(i * 2) / 32768; s += v * v; }
  return Math.sqrt(s / Math.max(1, n));
}

async function speak(params) {
  const res = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', ...params });
  return { contentType: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function transcribeBytes(bytes, name) {
  return client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(bytes, name) });
}

const SENTENCE = 'The quick brown fox jumps over the lazy dog.';

test('speech.create mp3: 24 kHz MPEG Layer III frames that transcribe back to the input', async () => {
  const { contentType, bytes } = await speak({ input: SENTENCE, response_format: 'mp3' });
  assert.equal(contentType, 'audio/mpeg');
  const mp3 = mp3Frames(bytes);
  assert.equal(mp3.rate, 24000);
  assert.ok(mp3.seconds > 1.5 && mp3.seconds < 6, `duration ${mp3.seconds}`);
  const t = await transcribeBytes(bytes, 'speech.mp3');
  assert.ok(recall(SENTENCE, t.text) >= 0.75, `heard: ${t.text}`);
});

test('speech.create wav: a 24 kHz mono 16-bit WAV that transcribes back to the input', async () => {
  const { contentType, bytes } = await speak({ input: SENTENCE, voice: 'nova', response_format: 'wav' });
  assert.equal(contentType, 'audio/wav');
  const h = wavHeader(bytes);
  assert.deepEqual([h.format, h.channels, h.rate, h.bits], [1, 1, 24000, 16]);
  const seconds = (bytes.length - h.dataAt) / 2 / 24000;
  assert.ok(seconds > 1.5 && seconds < 6, `duration ${seconds}`);
  const t = await transcribeBytes(bytes, 'speech.wav');
  assert.ok(recall(SENTENCE, t.text) >= 0.75, `heard: ${t.text}`);
});

test('speech.create pcm: raw 24 kHz s16le (OpenAI\'s pcm) that transcribes back to the input', async () => {
  const { contentType, bytes } = await speak({ input: SENTENCE, voice: 'onyx', response_format: 'pcm' });
  assert.equal(contentType, 'audio/pcm');
  assert.equal(bytes.length % 2, 0);
  const seconds = bytes.length / 2 / 24000;
  assert.ok(seconds > 1.5 && seconds < 6, `duration ${seconds}`);
  assert.ok(rms(bytes) > 0.01, 'not silence');
  const t = await transcribeBytes(wavOf(bytes, 24000), 'speech.wav');
  assert.ok(recall(SENTENCE, t.text) >= 0.75, `heard: ${t.text}`);
});

// OpenAI's compressed formats: each body is walked as its container, then transcribed back.
const COMPRESSED = [
  ['opus', 'shimmer', 'audio/opus', 'Ogg Opus from 24 kHz mono', 'speech.ogg', (bytes) => {
    const ogg = oggOpus(bytes);
    assert.deepEqual([ogg.channels, ogg.inputRate], [1, 24000]);
    assert.ok(ogg.seconds > 1.5 && ogg.seconds < 6, `duration ${ogg.seconds}`);
  }],
  ['aac', 'echo', 'audio/aac', '24 kHz mono AAC in ADTS frames', 'speech.aac', (bytes) => {
    const aac = adtsFrames(bytes);
    assert.deepEqual([aac.rate, aac.channels], [24000, 1]);
    assert.ok(aac.seconds > 1.5 && aac.seconds < 6, `duration ${aac.seconds}`);
  }],
  ['flac', 'fable', 'audio/flac', 'a 24 kHz mono 16-bit FLAC stream', 'speech.flac', (bytes) => {
    const info = flacStreamInfo(bytes);
    assert.deepEqual([info.rate, info.channels, info.bits], [24000, 1, 16]);
  }],
];

for (const [format, voice, type, what, name, check] of COMPRESSED) {
  test(`speech.create ${format}: ${what} (${type}) that transcribes back to the input`, async () => {
    const { contentType, bytes } = await speak({ input: SENTENCE, voice, response_format: format });
    assert.equal(contentType, type);
    check(bytes);
    const t = await transcribeBytes(bytes, name);
    assert.ok(recall(SENTENCE, t.text) >= 0.75, `heard: ${t.text}`);
  });
}

test('speech.create stream_format sse: speech.audio.delta events, then one speech.audio.done, whose audio transcribes back', async () => {
  // openai-node returns the raw Response for speech; its own SSE reader (Stream.fromSSEResponse) parses the events.
  const res = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'coral', input: SENTENCE, response_format: 'mp3', stream_format: 'sse' });
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const types = [];
  const chunks = [];
  let usage = null;
  for await (const event of Stream.fromSSEResponse(res, new AbortController())) {
    types.push(event.type);
    if (event.type === 'speech.audio.delta') chunks.push(Buffer.from(event.audio, 'base64'));
    else usage = event.usage;
  }
  assert.ok(types.length >= 2, `events: ${types}`);
  assert.ok(types.slice(0, -1).every((t) => t === 'speech.audio.delta'), `events: ${types}`);
  assert.equal(types.at(-1), 'speech.audio.done');
  assert.equal(usage.total_tokens, usage.input_tokens + usage.output_tokens);
  const bytes = Buffer.concat(chunks);
  assert.equal(mp3Frames(bytes).rate, 24000);
  const t = await transcribeBytes(bytes, 'speech.mp3');
  assert.ok(recall(SENTENCE, t.text) >= 0.75, `heard: ${t.text}`);
});

test('speech.create with an unknown voice rejects with BadRequestError naming param voice', async () => {
  await assert.rejects(speak({ input: 'Hi.', voice: 'nobody' }), (err) => {
    assert.ok(err instanceof OpenAI.BadRequestError, String(err));
    assert.equal(err.status, 400);
    assert.equal(err.param, 'voice');
    assert.equal(err.type, 'invalid_request_error');
    assert.match(err.message, /nobody/);
    return true;
  });
});

test('speech.create with a wrong key rejects with AuthenticationError code invalid_api_key', async () => {
  const bad = new OpenAI({ baseURL: process.env.PARLEY_BASE_URL, apiKey: 'wrong-key', maxRetries: 0 });
  await assert.rejects(bad.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hi.' }), (err) => {
    assert.ok(err instanceof OpenAI.AuthenticationError, String(err));
    assert.equal(err.code, 'invalid_api_key');
    return true;
  });
});

test('transcriptions.create json: the text of the recording', async () => {
  const t = await client.audio.transcriptions.create({ model: 'whisper-1', file: createReadStream(SPEECH_FILE) });
  assert.equal(typeof t.text, 'string');
  assert.ok(recall(SPEECH_TEXT, t.text) >= 0.85, `heard: ${t.text}`);
});

test('transcriptions.create text: a plain string with the transcript', async () => {
  const t = await client.audio.transcriptions.create({ model: 'whisper-1', file: createReadStream(SPEECH_FILE), response_format: 'text' });
  assert.equal(typeof t, 'string');
  assert.ok(recall(SPEECH_TEXT, t) >= 0.85, `heard: ${t}`);
});

test('transcriptions.create verbose_json with word and segment granularities: timed words in order and segments', async () => {
  const t = await client.audio.transcriptions.create({
    model: 'whisper-1', file: createReadStream(SPEECH_FILE), response_format: 'verbose_json',
    timestamp_granularities: ['word', 'segment'], language: 'en', temperature: 0,
  });
  assert.equal(t.task, 'transcribe');
  assert.equal(t.language, 'english');
  assert.ok(t.duration > 0);
  assert.ok(Array.isArray(t.words) && t.words.length >= 5, JSON.stringify(t).slice(0, 300));
  let prev = -1;
  for (const w of t.words) {
    assert.equal(typeof w.word, 'string');
    assert.ok(w.start >= prev && w.end >= w.start && w.end <= t.duration + 0.01, JSON.stringify(w));
    prev = w.start;
  }
  assert.equal(t.words.map((w) => w.word).join(' '), t.text);
  assert.ok(Array.isArray(t.segments) && t.segments.length >= 1);
  assert.deepEqual(t.segments.map((s) => s.id), t.segments.map((_, i) => i));
  assert.ok(recall(SPEECH_TEXT, t.text) >= 0.85, `heard: ${t.text}`);
});

function cueTimes(line, sep) {
  const m = line.match(new RegExp(`^(\\d{2}):(\\d{2}):(\\d{2})${sep}(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})${sep}(\\d{3})$`));
  assert.ok(m, `cue timing line: ${JSON.stringify(line)}`);
  const s = (i) => +m[i] * 3600 + +m[i + 1] * 60 + +m[i + 2] + +m[i + 3] / 1000;
  return [s(1), s(5)];
}

test('transcriptions.create srt: numbered cues with monotone times that say the transcript', async () => {
  const srt = await client.audio.transcriptions.create({ model: 'whisper-1', file: createReadStream(SPEECH_FILE), response_format: 'srt' });
  assert.equal(typeof srt, 'string');
  const blocks = srt.trimEnd().split('\n\n');
  assert.ok(blocks.length >= 1);
  let prevEnd = 0;
  const text = [];
  blocks.forEach((b, i) => {
    const [n, timing, ...lines] = b.split('\n');
    assert.equal(n, String(i + 1));
    const [start, end] = cueTimes(timing, ',');
    assert.ok(start >= prevEnd && end > start, `cue ${i + 1}: ${timing}`);
    prevEnd = end;
    assert.ok(lines.length >= 1 && lines.join(' ').trim().length > 0);
    text.push(lines.join(' '));
  });
  assert.ok(recall(SPEECH_TEXT, text.join(' ')) >= 0.85, `heard: ${text.join(' ')}`);
});

test('transcriptions.create vtt: a WEBVTT header then cues with monotone times', async () => {
  const vtt = await client.audio.transcriptions.create({ model: 'whisper-1', file: createReadStream(SPEECH_FILE), response_format: 'vtt' });
  assert.equal(typeof vtt, 'string');
  assert.ok(vtt.startsWith('WEBVTT\n\n'), vtt.slice(0, 40));
  const blocks = vtt.slice('WEBVTT\n\n'.length).trimEnd().split('\n\n');
  let prevEnd = 0;
  const text = [];
  for (const b of blocks) {
    const [timing, ...lines] = b.split('\n');
    const [start, end] = cueTimes(timing, '\\.');
    assert.ok(start >= prevEnd && end > start, timing);
    prevEnd = end;
    text.push(lines.join(' '));
  }
  assert.ok(recall(SPEECH_TEXT, text.join(' ')) >= 0.85, `heard: ${text.join(' ')}`);
});

test('transcriptions.create of a file that is not audio rejects with BadRequestError', async () => {
  await assert.rejects(
    client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(Buffer.from('not audio at all'), 'notes.txt') }),
    (err) => {
      assert.ok(err instanceof OpenAI.BadRequestError, String(err));
      assert.equal(err.type, 'invalid_request_error');
      assert.match(err.message, /not an audio file/);
      return true;
    });
});
