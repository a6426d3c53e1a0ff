// Conformance: `generateSpeech` from `ai` with the `@ai-sdk/xai` speech model (POST /v1/tts) against Parley.
// Started by dev.parley.conformance.AiSdkXaiConformanceTest (see lib.mjs for the environment it sets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APICallError, generateSpeech, transcribe } from 'ai';
import { parleyXai, mp3Info, muLawDecode, parseWav, pcm16, rms, wordRecall } from './lib.mjs';

const xai = parleyXai();
const TEXT = 'Hello from Parley. This sentence checks the speech endpoint.';
// 10 words: at any sane speaking rate (speed 1.0) between 2 and 8 seconds of audio.
const MIN_S = 2, MAX_S = 8;

function speak(outputFormat, xaiOptions = {}, extra = {}) {
  return generateSpeech({ model: xai.speech(), text: TEXT, voice: 'ara', language: 'en', outputFormat, providerOptions: { xai: xaiOptions }, ...extra });
}

test('mp3: the body is back-to-back MPEG Layer III frames at 24 kHz lasting as long as the text takes to say, with the x-trace-id as providerMetadata.xai.traceId', async () => {
  const r = await speak('mp3');
  assert.equal(r.audio.mediaType, 'audio/mpeg');
  const info = mp3Info(r.audio.uint8Array);
  assert.equal(info.sampleRate, 24000);
  assert.ok(info.seconds > MIN_S && info.seconds < MAX_S, `mp3 lasts ${info.seconds} s`);
  assert.match(r.providerMetadata.xai.traceId, /^[0-9a-f-]{16,}$/);
  assert.deepEqual(r.warnings, []);
});

test('mp3 with sampleRate 44100 and bitRate 64000: frames carry the requested rate and the size matches 64 kbit/s', async () => {
  const r = await speak('mp3', { sampleRate: 44100, bitRate: 64000 });
  const info = mp3Info(r.audio.uint8Array);
  assert.equal(info.sampleRate, 44100);
  const kbps = r.audio.uint8Array.length * 8 / info.seconds / 1000;
  assert.ok(Math.abs(kbps - 64) < 8, `average bit rate ${kbps} kbit/s`);
});

test('pcm at 16 kHz with timestamps: byte count equals sample rate x duration x 2, the audio is speech-loud, and graph chars spell the text', async () => {
  const r = await speak('pcm', { sampleRate: 16000, withTimestamps: true });
  const meta = r.providerMetadata.xai;
  const bytes = r.audio.uint8Array.length;
  assert.equal(meta.contentType, 'audio/pcm');
  assert.ok(meta.duration > MIN_S && meta.duration < MAX_S, `duration ${meta.duration}`);
  assert.equal(bytes % 2, 0);
  // duration has 2 decimals: the byte count matches to within 10 ms of audio
  assert.ok(Math.abs(bytes - meta.duration * 16000 * 2) <= 0.01 * 16000 * 2, `${bytes} bytes vs ${meta.duration} s at 16 kHz`);
  assert.ok(rms(pcm16(r.audio.uint8Array)) > 0.02, 'audio is not silence');
  const chars = meta.audioTimestamps.graphChars.join('');
  assert.equal(chars.replace(/\s+/g, ' ').trim(), TEXT);
  assert.equal(meta.audioTimestamps.graphTimes.length, meta.audioTimestamps.graphChars.length);
});

test('timestamps: graph times are [start, end] pairs that never go backwards and end within the audio duration', async () => {
  const r = await speak('mp3', { withTimestamps: true });
  const { duration, contentType, audioTimestamps } = r.providerMetadata.xai;
  assert.equal(contentType, 'audio/mpeg');
  const info = mp3Info(r.audio.uint8Array);
  assert.ok(Math.abs(info.seconds - duration) < 0.15, `mp3 frames ${info.seconds} s vs duration ${duration} s`);
  let prev = 0;
  for (const [s, e] of audioTimestamps.graphTimes) {
    assert.ok(s >= prev - 1e-6 && e >= s, `times go backwards at [${s}, ${e}] after ${prev}`);
    prev = s;
  }
  assert.ok(audioTimestamps.graphTimes.at(-1)[1] <= duration + 0.01);
});

test('mulaw at 8 kHz: audio/basic, one byte per sample, lasting as long as the text takes to say, and decodes to speech-loud PCM', async () => {
  const r = await speak('mulaw', { sampleRate: 8000 });
  assert.equal(r.responses[0].headers['content-type'], 'audio/basic');
  const seconds = r.audio.uint8Array.length / 8000;
  assert.ok(seconds > MIN_S && seconds < MAX_S, `mulaw lasts ${seconds} s`);
  const pcm = Int16Array.from(r.audio.uint8Array, muLawDecode);
  assert.ok(rms(pcm) > 0.02, 'audio is not silence');
});

test('wav at 22.05 kHz: a streamed 16-bit mono header (sizes 0xFFFFFFFF, as Parley documents for chunked output) followed by whole frames of speech', async () => {
  const r = await speak('wav', { sampleRate: 22050 });
  assert.equal(r.audio.mediaType, 'audio/wav');
  const wav = parseWav(r.audio.uint8Array);
  assert.deepEqual([wav.sampleRate, wav.channels, wav.trailingByte], [22050, 1, 0]);
  assert.deepEqual([wav.riffSize, wav.dataSize], [0xffffffff, 0xffffffff]);
  const seconds = wav.samples.length / 22050;
  assert.ok(seconds > MIN_S && seconds < MAX_S, `wav lasts ${seconds} s`);
  assert.ok(rms(wav.samples) > 0.02, 'audio is not silence');
});

test('speed 1.5 makes the same text at least 25 % shorter than speed 0.7', async () => {
  const slow = await speak('pcm', {}, { speed: 0.7 });
  const fast = await speak('pcm', {}, { speed: 1.5 });
  const ratio = fast.audio.uint8Array.length / slow.audio.uint8Array.length;
  assert.ok(ratio < 0.75, `fast/slow length ratio ${ratio}`);
});

test('round trip: pcm speech from generateSpeech transcribes back to the text through transcribe', async () => {
  const r = await speak('pcm', { sampleRate: 16000 });
  const t = await transcribe({ model: xai.transcription(), audio: r.audio.uint8Array, providerOptions: { xai: { audioFormat: 'pcm', sampleRate: 16000 } } });
  assert.ok(wordRecall(TEXT, t.text) >= 0.7, `heard "${t.text}"`);
});

async function hear(audio16k) {
  const t = await transcribe({ model: xai.transcription(), audio: audio16k, providerOptions: { xai: { audioFormat: 'pcm', sampleRate: 16000 } } });
  return t.text;
}

test('replace: the phrase is spoken as its substitution', async () => {
  const r = await generateSpeech({ model: xai.speech(), text: 'Welcome to Acme Mobile today.', language: 'en', outputFormat: 'pcm',
    providerOptions: { xai: { sampleRate: 16000, replace: { 'Acme Mobile': 'Banana Phone' } } } });
  const heard = await hear(r.audio.uint8Array);
  assert.ok(wordRecall('banana phone', heard) === 1, `heard "${heard}"`);
});

test('textNormalization: the date 3/4/2024 is read as March fourth only when normalization is on', async () => {
  const say = async (textNormalization) => hear((await generateSpeech({ model: xai.speech(), text: 'The meeting is on 3/4/2024.', language: 'en',
    outputFormat: 'pcm', providerOptions: { xai: { sampleRate: 16000, textNormalization } } })).audio.uint8Array);
  const on = await say(true), off = await say(false);
  assert.match(on.toLowerCase(), /march/, `normalized: "${on}"`);
  assert.doesNotMatch(off.toLowerCase(), /march/, `not normalized: "${off}"`);
});

test('language omitted: the SDK sends language auto and a voice id in capitals, and Parley speaks the text', async () => {
  const r = await generateSpeech({ model: xai.speech(), text: TEXT, voice: 'EVE', outputFormat: 'pcm', providerOptions: { xai: { sampleRate: 16000, optimizeStreamingLatency: 2 } } });
  assert.ok(wordRecall(TEXT, await hear(r.audio.uint8Array)) >= 0.7);
});

test('an unknown voice is a 400 whose {"code","error"} body the SDK turns into its error message', async () => {
  await assert.rejects(
    generateSpeech({ model: xai.speech(), text: TEXT, voice: 'no-such-voice', language: 'en', maxRetries: 0 }),
    (e) => {
      assert.ok(APICallError.isInstance(e), `${e}`);
      assert.equal(e.statusCode, 400);
      assert.match(e.message, /no-such-voice/);
      return true;
    });
});
