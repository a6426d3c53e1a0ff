// Conformance: the AI SDK's own realtime session class (`Experimental_AbstractRealtimeSession` from `ai`, the engine
// behind `experimental_useRealtime`) with the `@ai-sdk/xai` realtime model against Parley, in the documented
// token flow: the session POSTs to the application's setup endpoint (here a tiny Node server that calls
// `xai.experimental_realtime.getToken()`, as the SDK's Realtime guide shows), opens the WebSocket the model
// describes, sends its session update, and folds server events into `messages`.
// The session is browser code: Node lacks `WebSocket` (Node 20) and `AudioContext`, so the test installs the `ws`
// package as `WebSocket` and a recording stand-in for `AudioContext` (test double for a browser API only; every byte
// it "plays" came from Parley through the SDK).
// Started by dev.parley.conformance.AiSdkXaiConformanceTest (see lib.mjs for the environment it sets).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { Experimental_AbstractRealtimeSession as AbstractRealtimeSession, experimental_encodeRealtimeAudio as encodeAudio } from 'ai';
import { parleyXai, readWav, recording, wordRecall, words } from './lib.mjs';

const xai = parleyXai();
const MODEL = 'grok-voice-latest';
const SPEECH = recording('SPEECH_B'); // 16 kHz mono
const TIMEOUT_MS = 90_000;

/** Records every buffer the session schedules for playback (the browser would play it). */
class RecordingAudioContext {
  static played = [];
  constructor({ sampleRate }) {
    this.sampleRate = sampleRate;
    this.state = 'running';
    this.destination = {};
    this.started = performance.now();
  }
  get currentTime() { return (performance.now() - this.started) / 1000; }
  createBuffer(channels, length, sampleRate) {
    const data = new Float32Array(length);
    return { numberOfChannels: channels, length, sampleRate, duration: length / sampleRate, getChannelData: () => data };
  }
  createBufferSource() {
    const ctx = this;
    return {
      buffer: null, onended: null,
      connect() {}, disconnect() {}, stop() {},
      start() { RecordingAudioContext.played.push({ rate: ctx.sampleRate, samples: this.buffer.getChannelData(0).slice() }); },
    };
  }
  resume() { return Promise.resolve(); }
  close() { this.state = 'closed'; return Promise.resolve(); }
}

class NodeRealtimeSession extends AbstractRealtimeSession {
  snapshot = {};
  listeners = [];
  setState(key, value) {
    this.snapshot[key] = value;
    this.changed();
  }
  changed() {
    for (const l of [...this.listeners]) l();
  }
  /** Resolves when `pred(snapshot)` holds. */
  when(pred, what) {
    if (pred(this.snapshot)) return Promise.resolve(this.snapshot);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; state ${JSON.stringify(this.snapshot.messages ?? [])} status ${this.snapshot.status}`)), TIMEOUT_MS);
      const l = () => {
        if (pred(this.snapshot)) { clearTimeout(timer); this.listeners.splice(this.listeners.indexOf(l), 1); resolve(this.snapshot); }
      };
      this.listeners.push(l);
    });
  }
}

let setup; // the application's token endpoint
let setupUrl;
const setupRequests = [];

before(async () => {
  globalThis.WebSocket = WebSocket;
  globalThis.AudioContext = RecordingAudioContext;
  setup = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    setupRequests.push(JSON.parse(body || '{}'));
    const token = await xai.experimental_realtime.getToken({ model: MODEL });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(token));
  });
  await new Promise((r) => setup.listen(0, '127.0.0.1', r));
  setupUrl = `http://127.0.0.1:${setup.address().port}/api/realtime/setup`;
});

after(() => setup.close());

function openSession(sessionConfig) {
  const events = [], errors = [];
  const session = new NodeRealtimeSession({
    model: xai.experimental_realtime(MODEL),
    api: { token: setupUrl },
    sessionConfig,
    onEvent: (e) => { events.push(e); session.changed(); },
    onError: (e) => errors.push(e),
  });
  return { session, events, errors };
}

const assistantText = (m) => m.parts.filter((p) => p.type === 'text').map((p) => p.text).join('');
const doneResponses = (events) => events.filter((e) => e.type === 'response-done');

test('the SDK session connects through the setup endpoint and holds a text conversation: messages hold the user text and the spoken assistant answer, whose audio it plays', async () => {
  RecordingAudioContext.played.length = 0;
  const { session, events, errors } = openSession({ instructions: 'You are a helpful assistant. Answer in one short sentence.', voice: 'sal',
    turnDetection: { type: 'disabled' }, outputAudioFormat: { type: 'audio/pcm', rate: 24000 },
    providerOptions: { temperature: 0 } }); // greedy: a sampled answer may be the one word "Paris.
  try {
    await session.connect({ capture: false });
    await session.when((s) => s.status === 'connected', 'connected');
    assert.equal(setupRequests.at(-1).sessionConfig.voice, 'sal');
    await session.when(() => events.some((e) => e.type === 'session-updated'), 'session-updated');
    assert.equal(events.find((e) => e.type === 'session-updated').raw.session.voice, 'sal');
    session.sendTextMessage('What is the capital of France?');
    await session.when(() => doneResponses(events).length === 1, 'response-done');
    const { messages } = session.snapshot;
    assert.equal(messages[0].role, 'user');
    assert.equal(assistantText(messages[0]), 'What is the capital of France?');
    const answer = messages.find((m) => m.role === 'assistant');
    const transcript = events.find((e) => e.type === 'audio-transcript-done').transcript;
    assert.ok(words(transcript).length >= 2, `transcript "${transcript}"`);
    assert.equal(assistantText(answer).trim(), transcript.trim());
    const seconds = RecordingAudioContext.played.reduce((n, b) => n + b.samples.length, 0) / 24000;
    assert.ok(seconds > words(transcript).length * 0.12, `played ${seconds} s for "${transcript}"`);
    assert.ok(RecordingAudioContext.played.every((b) => b.rate === 24000));
    assert.deepEqual(errors, []);
  } finally { session.disconnect(); }
});

test('the SDK session sends audio (sendAudio, commitAudio, requestResponse): the user message is the transcription of the recording and the assistant answers', async () => {
  const { session, events, errors } = openSession({ instructions: 'Answer in one short sentence.', turnDetection: { type: 'disabled' },
    inputAudioFormat: { type: 'audio/pcm', rate: 16000 } });
  try {
    await session.connect({ capture: false });
    await session.when((s) => s.status === 'connected', 'connected');
    await session.when(() => events.some((e) => e.type === 'session-updated'), 'session-updated');
    const wav = readWav(SPEECH.path);
    for (let off = 0; off < wav.samples.length; off += 1600) {
      session.sendAudio(encodeAudio(Float32Array.from(wav.samples.subarray(off, off + 1600), (v) => v / 32768)));
    }
    session.commitAudio();
    session.requestResponse();
    await session.when(() => doneResponses(events).length === 1 && events.some((e) => e.type === 'input-transcription-completed'), 'response and transcription');
    const heard = events.find((e) => e.type === 'input-transcription-completed').transcript;
    assert.ok(wordRecall(SPEECH.text, heard) >= 0.7, `heard "${heard}"`);
    await session.when((s) => s.messages.some((m) => m.role === 'user' && wordRecall(SPEECH.text, assistantText(m)) >= 0.7), 'user transcript message');
    assert.equal(doneResponses(events)[0].status, 'completed');
    assert.ok(session.snapshot.messages.some((m) => m.role === 'assistant' && words(assistantText(m)).length >= 1));
    assert.deepEqual(errors, []);
  } finally { session.disconnect(); }
});
