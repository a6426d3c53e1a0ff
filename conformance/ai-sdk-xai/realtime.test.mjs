// Conformance: the experimental realtime path of `@ai-sdk/xai` against Parley: `xai.experimental_realtime.getToken()`
// (POST /v1/realtime/client_secrets), then the model's own WebSocket config (the URL it hard-builds as
// wss://<host>/v1/realtime?model=... and the `xai-client-secret.<token>` subprotocol), its `serializeClientEvent` for
// every client event and its `parseServerEvent` for every server event: the same codec the SDK's browser session
// (`experimental_useRealtime`) runs, driven over the `ws` package because Node has no browser audio stack.
// Started by dev.parley.conformance.AiSdkXaiConformanceTest (see lib.mjs for the environment it sets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { experimental_decodeRealtimeAudio as decodeAudio, experimental_encodeRealtimeAudio as encodeAudio, transcribe } from 'ai';
import { env, parleyXai, readWav, recording, wordRecall, words } from './lib.mjs';

const xai = parleyXai();
const MODEL = 'grok-voice-latest';
const TIMEOUT_MS = 90_000;
const SPEECH = recording('SPEECH_B'); // 16 kHz mono

/** A realtime session opened exactly as the SDK does: token, model WebSocket config, then the model's codec. */
async function openSession() {
  const model = xai.experimental_realtime(MODEL);
  const token = await xai.experimental_realtime.getToken({ model: MODEL });
  const { url, protocols } = model.getWebSocketConfig({ token: token.token, url: token.url });
  const ws = new WebSocket(url, protocols);
  const events = [];
  const waiters = [];
  ws.on('message', (data) => {
    const e = model.parseServerEvent(JSON.parse(data.toString()));
    events.push(e);
    for (const w of [...waiters]) {
      if (w.match(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
    }
  });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const until = (type, pred = () => true) => {
    const match = (e) => (e.type === type || e.rawType === type) && pred(e);
    const seen = events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}; got ${events.map((e) => e.rawType ?? e.type).join(', ')}`)), TIMEOUT_MS);
      waiters.push({ match, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  };
  const send = async (event) => ws.send(JSON.stringify(await model.serializeClientEvent(event)));
  return { model, token, ws, events, until, send, close: () => ws.close() };
}

function responseAudio(events, responseId) {
  const chunks = events.filter((e) => e.type === 'audio-delta' && e.responseId === responseId).map((e) => decodeAudio(e.delta));
  const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}

function toPcm16Bytes(float32) {
  return Buffer.from(encodeAudio(float32), 'base64');
}

/** The recording as the SDK's own encoder would send microphone audio: float samples → base64 PCM16, 100 ms each. */
async function appendRecording(s, wav, chunkSamples = 1600) {
  for (let off = 0; off < wav.samples.length; off += chunkSamples) {
    const part = wav.samples.subarray(off, off + chunkSamples);
    await s.send({ type: 'input-audio-append', audio: encodeAudio(Float32Array.from(part, (v) => v / 32768)) });
  }
}

test('getToken mints a client secret whose URL the SDK hard-builds as wss://<Parley host>/v1/realtime?model=… and which expires in the requested time', async () => {
  const before = Math.floor(Date.now() / 1000);
  const t = await xai.experimental_realtime.getToken({ model: MODEL, expiresAfterSeconds: 120 });
  assert.ok(typeof t.token === 'string' && t.token.length > 16);
  assert.equal(t.url, `wss://${new URL(env('PARLEY_BASE_URL')).host}/v1/realtime?model=${MODEL}`);
  assert.ok(t.expiresAt >= before + 119 && t.expiresAt <= before + 122, `expires_at ${t.expiresAt}, now ${before}`);
  const d = await xai.experimental_realtime.getToken({ model: MODEL });
  assert.ok(d.expiresAt >= before + 599 && d.expiresAt <= before + 602, `default expires_at ${d.expiresAt}, now ${before}`);
});

test('the WebSocket opens with the xai-client-secret subprotocol echoed, and session.created comes before conversation.created', async () => {
  const s = await openSession();
  try {
    assert.equal(s.ws.protocol, `xai-client-secret.${s.token.token}`);
    const created = await s.until('session-created');
    await s.until('conversation.created');
    assert.ok(created.sessionId);
    assert.deepEqual(s.events.slice(0, 2).map((e) => e.rawType ?? e.type), ['session-created', 'conversation.created']);
  } finally { s.close(); }
});

test('text turn: session update, a user text item and response.create give transcript deltas that add up to the transcript and 24 kHz audio that says it', async () => {
  const s = await openSession();
  try {
    await s.until('conversation.created');
    await s.send({ type: 'session-update', config: { instructions: 'You are a helpful assistant. Answer in one short sentence.', voice: 'rex',
      outputAudioFormat: { type: 'audio/pcm', rate: 24000 }, turnDetection: { type: 'disabled' },
      // greedy decoding: the transcript checks below need a sentence, and a sampled answer may be one word ("Blue.")
      providerOptions: { temperature: 0 } } });
    const updated = await s.until('session-updated');
    assert.equal(updated.raw.session.voice, 'rex');
    assert.equal(updated.raw.session.instructions, 'You are a helpful assistant. Answer in one short sentence.');
    await s.send({ type: 'conversation-item-create', item: { type: 'text-message', role: 'user', text: 'What colour is the sky on a clear day?' } });
    const added = await s.until('conversation-item-added', (e) => e.item?.role === 'user');
    assert.equal(added.item.content[0].text, 'What colour is the sky on a clear day?');
    await s.send({ type: 'response-create' });
    const created = await s.until('response-created');
    const done = await s.until('response-done');
    assert.equal(done.responseId, created.responseId);
    assert.equal(done.status, 'completed');
    const transcriptDone = s.events.find((e) => e.type === 'audio-transcript-done' && e.responseId === created.responseId);
    const deltas = s.events.filter((e) => e.type === 'audio-transcript-delta' && e.responseId === created.responseId).map((e) => e.delta).join('');
    assert.ok(words(transcriptDone.transcript).length >= 2, `transcript "${transcriptDone.transcript}"`);
    assert.equal(deltas, transcriptDone.transcript);
    const audio = responseAudio(s.events, created.responseId);
    const seconds = audio.length / 24000;
    const n = words(transcriptDone.transcript).length;
    assert.ok(seconds > n * 0.12 && seconds < n * 1.0 + 2, `${seconds} s of audio for ${n} words`);
    const heard = await transcribe({ model: xai.transcription(), audio: toPcm16Bytes(audio), providerOptions: { xai: { audioFormat: 'pcm', sampleRate: 24000 } } });
    assert.ok(wordRecall(transcriptDone.transcript, heard.text) >= 0.6, `audio says "${heard.text}", transcript "${transcriptDone.transcript}"`);
  } finally { s.close(); }
});

test('manual audio turn: appended 16 kHz speech, commit and response.create give a committed item, its input transcription and a spoken answer', async () => {
  const s = await openSession();
  try {
    await s.send({ type: 'session-update', config: { inputAudioFormat: { type: 'audio/pcm', rate: 16000 }, turnDetection: { type: 'disabled' },
      instructions: 'Answer in one short sentence.' } });
    await s.until('session-updated');
    await appendRecording(s, readWav(SPEECH.path));
    await s.send({ type: 'input-audio-commit' });
    const committed = await s.until('audio-committed');
    const item = await s.until('conversation-item-added', (e) => e.itemId === committed.itemId);
    assert.equal(item.item.role, 'user');
    assert.equal(item.item.content[0].type, 'input_audio');
    await s.send({ type: 'response-create' });
    const transcription = await s.until('input-transcription-completed', (e) => e.itemId === committed.itemId);
    assert.ok(wordRecall(SPEECH.text, transcription.transcript) >= 0.7, `heard "${transcription.transcript}"`);
    const created = await s.until('response-created');
    const done = await s.until('response-done');
    assert.equal(done.status, 'completed');
    assert.ok(responseAudio(s.events, created.responseId).length / 24000 > 0.3, 'the answer is spoken');
  } finally { s.close(); }
});

test('server-VAD audio turn: speech then silence gives speech-started, speech-stopped, a commit and an automatic response', async () => {
  const s = await openSession();
  try {
    await s.send({ type: 'session-update', config: { inputAudioFormat: { type: 'audio/pcm', rate: 16000 }, turnDetection: { type: 'server-vad', silenceDurationMs: 500 },
      instructions: 'Answer in one short sentence.' } });
    const updated = await s.until('session-updated');
    assert.equal(updated.raw.session.turn_detection.type, 'server_vad');
    const wav = readWav(SPEECH.path);
    await appendRecording(s, wav);
    await appendRecording(s, { samples: new Int16Array(16000 * 1.5) });
    const started = await s.until('speech-started');
    const stopped = await s.until('speech-stopped');
    const committed = await s.until('audio-committed');
    assert.equal(stopped.itemId, started.itemId);
    assert.equal(committed.itemId, started.itemId);
    assert.ok(stopped.raw.audio_end_ms > started.raw.audio_start_ms + 3000, JSON.stringify([started.raw, stopped.raw]));
    const done = await s.until('response-done');
    assert.equal(done.status, 'completed');
    const transcription = await s.until('input-transcription-completed', (e) => e.itemId === committed.itemId);
    assert.ok(wordRecall(SPEECH.text, transcription.transcript) >= 0.7, `heard "${transcription.transcript}"`);
  } finally { s.close(); }
});

test('audio message item: a user item with input_audio content and response.create give a spoken answer', async () => {
  const s = await openSession();
  try {
    await s.send({ type: 'session-update', config: { inputAudioFormat: { type: 'audio/pcm', rate: 16000 }, turnDetection: { type: 'disabled' },
      instructions: 'Answer in one short sentence.' } });
    await s.until('session-updated');
    const wav = readWav(SPEECH.path);
    await s.send({ type: 'conversation-item-create', item: { type: 'audio-message', role: 'user', audio: encodeAudio(Float32Array.from(wav.samples, (v) => v / 32768)) } });
    const added = await s.until('conversation-item-added', (e) => e.item?.role === 'user');
    assert.equal(added.item.content[0].type, 'input_audio');
    await s.send({ type: 'response-create' });
    const created = await s.until('response-created');
    const done = await s.until('response-done');
    assert.equal(done.status, 'completed');
    assert.ok(responseAudio(s.events, created.responseId).length / 24000 > 0.3, 'the answer is spoken');
  } finally { s.close(); }
});

test('text-only response: the text arrives as response.output_text.delta, which the SDK passes through as custom events (CONFLICT #4: Parley emits the GA name by default; the SDK reads only response.text.delta)', async () => {
  const s = await openSession();
  try {
    await s.send({ type: 'session-update', config: { instructions: 'Answer in one short sentence.', turnDetection: { type: 'disabled' } } });
    await s.until('session-updated');
    await s.send({ type: 'conversation-item-create', item: { type: 'text-message', role: 'user', text: 'Name a fruit.' } });
    await s.send({ type: 'response-create', options: { modalities: ['text'] } });
    const created = await s.until('response-created');
    const done = await s.until('response-done');
    assert.equal(done.status, 'completed');
    const mine = s.events.filter((e) => e.responseId === created.responseId || e.raw?.response_id === created.responseId);
    const text = mine.filter((e) => e.rawType === 'response.output_text.delta').map((e) => e.raw.delta).join('');
    const textDone = mine.find((e) => e.rawType === 'response.output_text.done');
    assert.ok(words(text).length >= 1, 'text deltas arrived');
    assert.equal(textDone.raw.text, text);
    assert.equal(mine.filter((e) => e.type === 'text-delta').length, 0);
    assert.equal(mine.filter((e) => e.type === 'audio-delta').length, 0, 'no audio in a text-only response');
  } finally { s.close(); }
});

test('function tools from the session config are echoed flat on session.updated, and a function-call-output item is added', async () => {
  const s = await openSession();
  try {
    const tool = { type: 'function', name: 'get_weather', description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
    await s.send({ type: 'session-update', config: { tools: [tool] } });
    const updated = await s.until('session-updated');
    assert.deepEqual(updated.raw.session.tools, [tool]);
    await s.send({ type: 'conversation-item-create', item: { type: 'function-call-output', callId: 'call_7', output: '{"temp_c":21}' } });
    const added = await s.until('conversation-item-added');
    assert.equal(added.item.type, 'function_call_output');
    assert.equal(added.item.call_id, 'call_7');
    assert.equal(added.item.output, '{"temp_c":21}');
  } finally { s.close(); }
});

test('response.cancel with nothing active is an error event the SDK maps with code response_cancel_not_active, and the session goes on', async () => {
  const s = await openSession();
  try {
    await s.until('conversation.created');
    await s.send({ type: 'response-cancel' });
    const error = await s.until('error');
    assert.equal(error.code, 'response_cancel_not_active');
    assert.match(error.message, /no active response/);
    await s.send({ type: 'session-update', config: { voice: 'leo' } });
    const updated = await s.until('session-updated');
    assert.equal(updated.raw.session.voice, 'leo');
  } finally { s.close(); }
});

test('a forged client secret in the subprotocol is refused with HTTP 401 before the upgrade', async () => {
  const model = xai.experimental_realtime(MODEL);
  const token = await xai.experimental_realtime.getToken({ model: MODEL });
  const { url, protocols } = model.getWebSocketConfig({ token: token.token.slice(0, -4) + 'AAAA', url: token.url });
  const status = await new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode); res.resume(); });
    ws.on('open', () => { ws.close(); reject(new Error('the forged secret was accepted')); });
    ws.on('error', () => {});
  });
  assert.equal(status, 401);
});
