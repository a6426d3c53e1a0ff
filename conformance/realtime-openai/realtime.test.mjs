// Conformance: the official `openai` npm client (OpenAIRealtimeWS, what xAI's migration guide shows) against Parley.
// Started by dev.parley.server.realtime.OpenAiClientConformanceTest, which serves Parley over TLS and sets:
//   PARLEY_BASE_URL   https://127.0.0.1:<port>/v1  (the client rewrites it to wss://.../v1/realtime?model=...)
//   PARLEY_API_KEY    an API key
//   PARLEY_SPEECH_PCM a raw 24 kHz mono s16le recording followed by silence
//   PARLEY_SPEECH_TEXT its reference transcript
//   NODE_EXTRA_CA_CERTS the server's self-signed certificate
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';

const client = new OpenAI({ baseURL: process.env.PARLEY_BASE_URL, apiKey: process.env.PARLEY_API_KEY });
const TIMEOUT_MS = 90_000;

/** Opens a session and collects every server event; `until(type)` resolves with the first event of that type. */
function open() {
  const rt = new OpenAIRealtimeWS({ model: 'grok-voice-latest' }, client);
  const events = [];
  const waiters = [];
  const errors = [];
  rt.on('event', (e) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (e.type === w.type && w.pred(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  rt.on('error', (err) => errors.push(err));
  const until = (type, pred = () => true) => {
    const seen = events.find((e) => e.type === type && pred(e));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}; got ${events.map((e) => e.type).join(', ')}`)), TIMEOUT_MS);
      waiters.push({ type, pred, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  };
  const opened = new Promise((resolve, reject) => {
    rt.socket.on('open', resolve);
    rt.socket.on('error', reject);
  });
  return { rt, events, errors, until, opened };
}

function audioSeconds(events, responseId) {
  let bytes = 0;
  for (const e of events) {
    if (e.type === 'response.output_audio.delta' && e.response_id === responseId) bytes += Buffer.from(e.delta, 'base64').length;
  }
  return bytes / 2 / 24000;
}

function words(s) {
  return s.toLowerCase().replace(/[^a-z' ]/g, ' ').split(/\s+/).filter(Boolean);
}

test('the client connects over wss and receives session.created then conversation.created', async () => {
  const s = open();
  await s.opened;
  const created = await s.until('session.created');
  assert.equal(created.session.model, 'grok-voice-latest');
  assert.equal(created.session.voice, 'eve');
  await s.until('conversation.created');
  assert.deepEqual(s.events.slice(0, 2).map((e) => e.type), ['session.created', 'conversation.created']);
  s.rt.close();
});

test('a text turn is answered with audio deltas and a transcript', async () => {
  const s = open();
  await s.opened;
  await s.until('conversation.created');
  s.rt.send({ type: 'session.update', session: { instructions: 'You are a helpful voice assistant. Answer in one short sentence.', temperature: 0, max_output_tokens: 40 } });
  await s.until('session.updated');
  s.rt.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is the capital of France?' }] } });
  await s.until('conversation.item.added');
  s.rt.send({ type: 'response.create' });
  const created = await s.until('response.created');
  const done = await s.until('response.done', (e) => e.response.id === created.response.id);
  assert.equal(done.response.status, 'completed');
  const transcript = done.response.output[0].content[0].transcript;
  assert.match(transcript, /paris/i);
  const seconds = audioSeconds(s.events, created.response.id);
  assert.ok(seconds > 0.5 && seconds < 30, `audio seconds ${seconds}`);
  const order = s.events.map((e) => e.type);
  assert.ok(order.indexOf('response.output_item.added') < order.indexOf('response.output_audio.delta'));
  assert.ok(order.lastIndexOf('response.output_audio.delta') < order.indexOf('response.output_audio.done'));
  assert.deepEqual(s.errors, []);
  s.rt.close();
});

test('an audio turn with server VAD is detected, transcribed and answered', async () => {
  const pcm = readFileSync(process.env.PARLEY_SPEECH_PCM);
  const s = open();
  await s.opened;
  await s.until('conversation.created');
  s.rt.send({
    type: 'session.update',
    session: {
      instructions: 'You are a helpful voice assistant. Answer in one short sentence.', temperature: 0, max_output_tokens: 40,
      turn_detection: { type: 'server_vad', threshold: 0.5, silence_duration_ms: 500 },
    },
  });
  await s.until('session.updated');
  const chunk = 24000 * 2 * 40 / 1000; // 40 ms
  for (let off = 0; off < pcm.length; off += chunk) {
    s.rt.send({ type: 'input_audio_buffer.append', audio: pcm.subarray(off, Math.min(pcm.length, off + chunk)).toString('base64') });
  }
  const started = await s.until('input_audio_buffer.speech_started');
  await s.until('input_audio_buffer.speech_stopped');
  await s.until('input_audio_buffer.committed', (e) => e.item_id === started.item_id);
  const transcription = await s.until('conversation.item.input_audio_transcription.completed', (e) => e.item_id === started.item_id);
  const ref = words(process.env.PARLEY_SPEECH_TEXT);
  const hyp = new Set(words(transcription.transcript));
  const hits = ref.filter((w) => hyp.has(w)).length;
  assert.ok(hits / ref.length >= 0.7, `transcript "${transcription.transcript}" vs "${process.env.PARLEY_SPEECH_TEXT}"`);
  const created = await s.until('response.created');
  const done = await s.until('response.done', (e) => e.response.id === created.response.id);
  assert.equal(done.response.status, 'completed');
  assert.ok(audioSeconds(s.events, created.response.id) > 0.3);
  s.rt.close();
});

test('an error event reaches the client error handler with code and event_id', async () => {
  const s = open();
  await s.opened;
  await s.until('conversation.created');
  s.rt.send({ type: 'response.cancel', event_id: 'c_cancel_nothing' });
  const err = await s.until('error');
  assert.equal(err.error.code, 'response_cancel_not_active');
  assert.equal(err.error.event_id, 'c_cancel_nothing');
  assert.equal(s.errors.length, 1);
  assert.match(String(s.errors[0].message), /no active response/);
  s.rt.close();
});
