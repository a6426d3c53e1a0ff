// Conformance: `transcribe` (POST /v1/stt, multipart) and `experimental_streamTranscribe` (WS /v1/stt) from `ai` with
// the `@ai-sdk/xai` transcription model against Parley, on real recordings with reference transcripts.
// Started by dev.parley.conformance.AiSdkXaiConformanceTest (see lib.mjs for the environment it sets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { APICallError, experimental_streamTranscribe as streamTranscribe, transcribe } from 'ai';
import { chunkedStream, interleave, muLawEncode, parleyXai, readWav, recording, wavBytes, wordRecall } from './lib.mjs';

const xai = parleyXai();
const A = recording('SPEECH_A');       // 16 kHz mono
const B = recording('SPEECH_B');       // 16 kHz mono, another speaker
const PHONE = recording('SPEECH_8K');  // 8 kHz mono telephone prompt
const MIN_RECALL = 0.8;

function assertHeard(reference, text, min = MIN_RECALL) {
  const recall = wordRecall(reference, text);
  assert.ok(recall >= min, `word recall ${recall.toFixed(2)}: heard "${text}" for "${reference}"`);
}

test('a WAV file: the text matches the reference, duration is the file length, and word segments lie in order inside it', async () => {
  const wav = readWav(A.path);
  const r = await transcribe({ model: xai.transcription(), audio: readFileSync(A.path) });
  assertHeard(A.text, r.text);
  const seconds = wav.samples.length / wav.sampleRate;
  assert.ok(Math.abs(r.durationInSeconds - seconds) < 0.02, `duration ${r.durationInSeconds} vs ${seconds}`);
  assert.ok(r.segments.length >= A.text.split(/\s+/).length * 0.8, `${r.segments.length} segments`);
  let prev = 0;
  for (const s of r.segments) {
    assert.ok(s.startSecond >= prev - 1e-6 && s.endSecond >= s.startSecond && s.endSecond <= seconds + 0.01, JSON.stringify(s));
    prev = s.startSecond;
  }
  assert.equal(r.segments.map((s) => s.text).join(' '), r.text);
});

test('raw PCM with audioFormat pcm and sampleRate 16000 transcribes like the WAV it came from', async () => {
  const wav = readWav(A.path);
  const r = await transcribe({ model: xai.transcription(), audio: wav.data, providerOptions: { xai: { audioFormat: 'pcm', sampleRate: 16000 } } });
  assertHeard(A.text, r.text);
  assert.ok(Math.abs(r.durationInSeconds - wav.samples.length / 16000) < 0.02);
});

test('raw µ-law at 8 kHz with audioFormat mulaw and sampleRate 8000 transcribes the telephone prompt', async () => {
  const wav = readWav(PHONE.path);
  assert.equal(wav.sampleRate, 8000);
  const ulaw = Uint8Array.from(wav.samples, muLawEncode);
  const r = await transcribe({ model: xai.transcription(), audio: ulaw, providerOptions: { xai: { audioFormat: 'mulaw', sampleRate: 8000 } } });
  assertHeard(PHONE.text, r.text);
  assert.ok(Math.abs(r.durationInSeconds - ulaw.length / 8000) < 0.02);
});

test('multichannel: a stereo WAV of two recordings gives one channel per recording, and the merged text holds both', async () => {
  const a = readWav(A.path), b = readWav(B.path);
  const stereo = wavBytes(interleave(a.samples, b.samples), 16000, 2);
  const r = await transcribe({ model: xai.transcription(), audio: stereo, providerOptions: { xai: { multichannel: true } } });
  const body = r.responses[0].body;
  assert.equal(body.channels.length, 2);
  assert.deepEqual(body.channels.map((c) => c.index), [0, 1]);
  assertHeard(A.text, body.channels[0].text);
  assertHeard(B.text, body.channels[1].text);
  assert.ok(wordRecall(A.text, body.channels[1].text) < 0.3, 'channel 1 does not repeat channel 0');
  assertHeard(`${A.text} ${B.text}`.split(/\s+/).sort().join(' '), r.text.split(/\s+/).sort().join(' '));
});

test('diarize: a splice of two speakers gives every word an integer speaker, 0 for the first recording and 1 for the second', async () => {
  const a = readWav(A.path), b = readWav(B.path);
  const gap = new Int16Array(8000); // 0.5 s of silence between the speakers
  const spliced = new Int16Array(a.samples.length + gap.length + b.samples.length);
  spliced.set(a.samples, 0);
  spliced.set(b.samples, a.samples.length + gap.length);
  const boundary = (a.samples.length + gap.length / 2) / 16000;
  const r = await transcribe({ model: xai.transcription(), audio: wavBytes(spliced, 16000, 1), providerOptions: { xai: { diarize: true } } });
  assertHeard(`${A.text} ${B.text}`, r.text);
  const w = r.responses[0].body.words;
  for (const word of w) assert.ok(Number.isInteger(word.speaker), JSON.stringify(word));
  const wrong = w.filter((x) => x.speaker !== (x.start < boundary ? 0 : 1));
  assert.ok(wrong.length <= 1, `words on the wrong side of ${boundary} s: ${JSON.stringify(wrong)}`);
});

test('keyterm: several keyterms (repeated form fields) are accepted and the transcript is unchanged', async () => {
  const r = await transcribe({ model: xai.transcription(), audio: readFileSync(A.path),
    providerOptions: { xai: { keyterm: ['nightfall', 'squalid', 'Parley'] } } });
  assertHeard(A.text, r.text);
});

test('keyterm: a keyterm longer than 50 characters is a 400 that the SDK reports with the server message', async () => {
  await assert.rejects(
    transcribe({ model: xai.transcription(), audio: readFileSync(A.path), maxRetries: 0,
      providerOptions: { xai: { keyterm: 'x'.repeat(51) } } }),
    (e) => {
      assert.ok(APICallError.isInstance(e), `${e}`);
      assert.equal(e.statusCode, 400);
      assert.match(e.message, /[Kk]eyterm/);
      return true;
    });
});

test('streaming over WebSocket: paced PCM chunks give interim partials and a final whose text matches the reference', async () => {
  const wav = readWav(A.path);
  // 100 ms chunks (3,200 bytes at 16 kHz), sent about three times faster than real time
  const result = streamTranscribe({ model: xai.transcription(), audio: chunkedStream(wav.data, 3200, 30),
    inputAudioFormat: { type: 'audio/pcm', rate: 16000 }, providerOptions: { xai: { streaming: { interimResults: true } } } });
  const partials = [], finals = [];
  for await (const part of result.fullStream) {
    if (part.type === 'transcript-partial') partials.push(part);
    if (part.type === 'transcript-final') finals.push(part);
    if (part.type === 'error') throw part.error;
  }
  assert.ok(partials.length >= 2, `${partials.length} partials`);
  assert.ok(partials.some((p) => p.text.length > 0 && wordRecall(A.text, p.text) < 0.8), 'an interim partial holds only part of the text');
  assert.ok(finals.length >= 1, 'at least one utterance final');
  assertHeard(A.text, finals.map((f) => f.text).join(' '));
  assertHeard(A.text, await result.text);
  const seconds = wav.samples.length / 16000;
  assert.ok(Math.abs((await result.durationInSeconds) - seconds) < 0.05, `duration ${await result.durationInSeconds}`);
});

test('streaming over WebSocket: µ-law at 8 kHz (audio/pcmu) — the finals plus the done text hold the whole prompt (client bug: the SDK result.text keeps only transcript.done text when it is non-empty, dropping earlier speech_final utterances, spec 9.3)', async () => {
  const wav = readWav(PHONE.path);
  const ulaw = Uint8Array.from(wav.samples, muLawEncode);
  // sent as fast as the socket drains: the pause after "extension" ends one utterance (speech_final) and the rest is
  // flushed by audio.done into transcript.done, which per spec 9.3 carries only audio not covered by a speech_final
  const result = streamTranscribe({ model: xai.transcription(), audio: chunkedStream(ulaw, 800, 0),
    inputAudioFormat: { type: 'audio/pcmu', rate: 8000 }, includeRawChunks: true });
  const finals = [], done = [];
  for await (const part of result.fullStream) {
    if (part.type === 'transcript-final') finals.push(part.text);
    if (part.type === 'raw' && part.rawValue.type === 'transcript.done') done.push(part.rawValue.text);
  }
  assert.equal(done.length, 1);
  assertHeard(PHONE.text, [...finals, ...done].join(' '));
  const text = await result.text;
  assert.equal(text, done[0] || finals.join(' '), 'the SDK reports the done text when non-empty, else the joined finals');
});

test('streaming over WebSocket: multichannel with channels 2 finishes after one transcript.done per channel with both texts', async () => {
  const a = readWav(A.path), b = readWav(B.path);
  const stereo = new Uint8Array(interleave(a.samples, b.samples).buffer);
  const result = streamTranscribe({ model: xai.transcription(), audio: chunkedStream(stereo, 6400, 0),
    inputAudioFormat: { type: 'audio/pcm', rate: 16000 }, providerOptions: { xai: { multichannel: true, channels: 2 } } });
  const finals = [];
  for await (const part of result.fullStream) if (part.type === 'transcript-final') finals.push(part);
  const byChannel = (i) => finals.filter((f) => f.channelIndex === i).map((f) => f.text).join(' ');
  assertHeard(A.text, byChannel(0));
  assertHeard(B.text, byChannel(1));
  const [t0, t1] = (await result.text).split('\n');
  assertHeard(A.text, t0);
  assertHeard(B.text, t1);
});

test('streaming over WebSocket: every query option the SDK can send (language, diarize, filler_words, keyterm, endpointing, smart_turn, smart_turn_timeout) is accepted', async () => {
  const wav = readWav(A.path);
  const result = streamTranscribe({ model: xai.transcription(), audio: chunkedStream(wav.data, 3200, 0),
    inputAudioFormat: { type: 'audio/pcm', rate: 16000 }, providerOptions: { xai: { language: 'en', diarize: true, fillerWords: true,
      keyterm: ['lamps', 'nightfall'], streaming: { interimResults: false, endpointing: 300, smartTurn: 0.5, smartTurnTimeout: 800 } } } });
  assertHeard(A.text, await result.text);
  assert.equal(await result.language, 'en');
});

test('streaming over WebSocket: an unsupported sample rate is refused before the upgrade and the stream errors', async () => {
  const result = streamTranscribe({ model: xai.transcription(), audio: chunkedStream(new Uint8Array(3200), 3200, 0),
    inputAudioFormat: { type: 'audio/pcm', rate: 12345 } });
  await assert.rejects(result.text);
});
