// Drives Parley's browser playground in headless Chromium (Debian /usr/bin/chromium) with playwright-core.
// A fake microphone plays a recorded question; the page must hold the conversation (user transcript, the agent's
// answer transcript, a latency figure), synthesize speech with tags, and transcribe an uploaded file with word times.
//
// Environment: PARLEY_URL (http://127.0.0.1:<port>), PARLEY_QUESTION_WAV (16-bit PCM mono WAV),
// PARLEY_QUESTION_TEXT (its transcript), PARLEY_STT_WAV (a file to upload), PARLEY_STT_TEXT (its transcript),
// PARLEY_SCREENSHOT (where to save the PNG), CHROMIUM (default /usr/bin/chromium).
// Writes one JSON line per panel to PARLEY_RESULTS for the JUnit driver (a file, not stdout: the TAP reporter
// escapes backslashes in console output, which breaks JSON holding an escaped quote), and logs it too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is required`);
  return v;
};
const URL_BASE = env('PARLEY_URL');
const QUESTION_TEXT = env('PARLEY_QUESTION_TEXT');
const STT_TEXT = env('PARLEY_STT_TEXT');
const SCREENSHOT = env('PARLEY_SCREENSHOT');
const RESULTS = env('PARLEY_RESULTS');

/** Records one panel's result for the JUnit driver. */
function report(result) {
  const line = JSON.stringify(result);
  appendFileSync(RESULTS, line + '\n');
  console.log(`PLAYGROUND_RESULT ${line}`);
}

/** Lower-case words without punctuation. */
const words = (s) => s.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean);

/** Share of the reference's words that appear in the hypothesis (order-free; a tolerant recall). */
function recall(reference, hypothesis) {
  const hyp = new Set(words(hypothesis));
  const ref = words(reference);
  return ref.filter((w) => hyp.has(w)).length / ref.length;
}

/** The 16-bit mono PCM samples and rate of a WAV file. */
function readWav(path) {
  const wav = readFileSync(path);
  assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
  let rate = 0, bits = 0, channels = 0, data = null;
  for (let off = 12; off + 8 <= wav.length;) {
    const id = wav.toString('ascii', off, off + 4);
    const size = wav.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      assert.equal(wav.readUInt16LE(off + 8), 1, 'question WAV must be PCM');
      channels = wav.readUInt16LE(off + 10);
      rate = wav.readUInt32LE(off + 12);
      bits = wav.readUInt16LE(off + 22);
    } else if (id === 'data') {
      data = wav.subarray(off + 8, off + 8 + size);
    }
    off += 8 + size + (size & 1);
  }
  assert.ok(data && bits === 16 && channels === 1, `question WAV must be 16-bit mono PCM (got ${bits} bit, ${channels} ch)`);
  return { rate, data };
}

/**
 * A WAV for Chromium's fake capture (16-bit PCM mono): `plan` lists seconds of silence (numbers) and the question
 * ('q'). The device starts when the page opens the microphone; `%noloop` on the flag stops the file from starting
 * over, and long trailing silence keeps it quiet even where that suffix is not honoured.
 */
function fakeMicrophone(plan) {
  const { rate, data } = readWav(env('PARLEY_QUESTION_WAV'));
  const pcm = Buffer.concat(plan.map((p) => (p === 'q' ? data : Buffer.alloc(Math.round(rate * p) * 2))));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii'); header.writeUInt32LE(36 + pcm.length, 4); header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii'); header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22); header.writeUInt32LE(rate, 24); header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii'); header.writeUInt32LE(pcm.length, 40);
  const out = join(mkdtempSync(join(tmpdir(), 'parley-playground-')), 'microphone.wav');
  writeFileSync(out, Buffer.concat([header, pcm]));
  return out;
}

/** Headless Chromium whose microphone plays `wav`. */
function launch(wav) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', // runs as root in CI containers
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}%noloop`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

async function openPage(b) {
  const p = await b.newPage({ viewport: { width: 1180, height: 900 }, deviceScaleFactor: 1 });
  p.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  p.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await p.goto(`${URL_BASE}/`);
  await p.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
  return p;
}

let browser;
let page;
const consoleLines = [];


before(async () => {
  browser = await launch(fakeMicrophone([1, 'q', 60]));
  page = await openPage(browser);
});

after(async () => {
  if (page) await page.screenshot({ path: SCREENSHOT, fullPage: true }).catch(() => {});
  if (browser) await browser.close();
  if (consoleLines.length) console.log(`browser console:\n${consoleLines.join('\n')}`);
});

test('the page offers every configured voice and runs in a secure context without a notice', async () => {
  const info = await page.evaluate(() => ({
    secure: window.isSecureContext,
    voices: [...document.querySelectorAll('#agent-voice option')].map((o) => o.value),
    notice: document.getElementById('notice').hidden ? null : document.getElementById('notice').textContent,
  }));
  const api = await (await fetch(`${URL_BASE}/playground/voices`)).json();
  assert.equal(info.secure, true, 'getUserMedia needs a secure context (127.0.0.1 is one)');
  assert.equal(info.notice, null);
  assert.deepEqual(info.voices, api.voices.map((v) => v.voice_id));
});

test('the page holds a spoken conversation from the microphone and shows both transcripts and the latency', async () => {
  await page.click('#agent-connect');
  const user = page.locator('#agent-log li.user.final .text').first();
  await user.waitFor({ timeout: 60_000 });
  const answer = page.locator('#agent-log li.assistant.done.final .text').first();
  await answer.waitFor({ timeout: 90_000 });
  const latency = page.locator('#agent-latency li').first();
  await latency.waitFor({ timeout: 5_000 });
  const result = {
    user: await user.textContent(),
    answer: await answer.textContent(),
    latencyMs: Number(await latency.getAttribute('data-ms')),
    latencyText: await latency.textContent(),
    status: await page.locator('#agent-status').textContent(),
  };
  report({ panel: 'agent', ...result });
  assert.ok(recall(QUESTION_TEXT, result.user) >= 0.5,
    `user transcript '${result.user}' should match the recorded question '${QUESTION_TEXT}'`);
  // one word is a whole answer ("Paris."); the model samples, so asking for more would flake
  assert.ok(words(result.answer).length >= 1, `the answer transcript should have words: '${result.answer}'`);
  assert.ok(result.latencyMs > 0 && result.latencyMs < 30_000, `latency ${result.latencyMs} ms`);
  // stays connected (the screenshot shows a live session); the fake microphone is silent from here on
});

test('the tts panel turns tagged text into playable audio in the audio element', async () => {
  await page.fill('#tts-text', 'Welcome to Parley. ');
  await page.click('#tts-text');
  await page.keyboard.press('End');
  await page.click('#tts-inline-tags button:text-is("[pause]")');
  await page.keyboard.type(' This is a ');
  await page.click('#tts-wrap-tags button:text-is("<whisper>")');
  const text = await page.inputValue('#tts-text');
  assert.match(text, /\[pause\].*<whisper>text<\/whisper>/);
  await page.selectOption('#tts-voice', 'ara');
  await page.click('#tts-speak');
  await page.waitForSelector('#tts-audio[data-seconds]', { timeout: 60_000 });
  const audio = await page.evaluate(async () => {
    const a = document.getElementById('tts-audio');
    if (a.readyState < 1) await new Promise((r) => a.addEventListener('loadedmetadata', r, { once: true }));
    return { duration: a.duration, seconds: Number(a.dataset.seconds), readyState: a.readyState, error: a.error?.code ?? null,
      status: document.getElementById('tts-status').textContent };
  });
  report({ panel: 'tts', text, ...audio });
  assert.equal(audio.error, null);
  assert.ok(audio.seconds > 1.0, `synthesized ${audio.seconds} s`);
  assert.ok(Math.abs(audio.duration - audio.seconds) < 0.05, `the element decodes the whole clip: ${audio.duration} s`);
});

test('the stt panel transcribes an uploaded file into words with increasing times', async () => {
  await page.setInputFiles('#stt-file', env('PARLEY_STT_WAV'));
  await page.click('#stt-run');
  await page.waitForFunction(() => /words in/.test(document.getElementById('stt-status').textContent)
    || document.getElementById('stt-status').classList.contains('error'), null, { timeout: 90_000 });
  const result = await page.evaluate(() => ({
    status: document.getElementById('stt-status').textContent,
    text: document.getElementById('stt-text').textContent,
    words: [...document.querySelectorAll('#stt-words tbody tr')].map((tr) => ({
      text: tr.cells[1].textContent, start: Number(tr.cells[2].textContent), end: Number(tr.cells[3].textContent),
    })),
  }));
  report({ panel: 'stt', status: result.status, text: result.text,
    words: result.words.length, first: result.words[0], last: result.words.at(-1) });
  assert.ok(recall(STT_TEXT, result.text) >= 0.7, `transcript '${result.text}' vs '${STT_TEXT}'`);
  assert.ok(result.words.length >= words(STT_TEXT).length * 0.7, `${result.words.length} words`);
  for (let i = 0; i < result.words.length; i++) {
    const w = result.words[i];
    assert.ok(w.end >= w.start, `word ${i} '${w.text}' ends before it starts`);
    if (i > 0) assert.ok(w.start >= result.words[i - 1].start, `word ${i} '${w.text}' starts before the previous one`);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
});

/**
 * Replaces the page's microphone with a Web Audio stream the test plays the question into on demand (a person is
 * the real thing here, and cannot be scripted): `window.__mic.say()` speaks the question once. Everything after
 * getUserMedia (capture worklet, PCM16, WebSocket, server VAD) is the page's own code.
 */
function scriptedMicrophone(question) {
  return ({ rate, pcm }) => {
    const bytes = Uint8Array.from(atob(pcm), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    const samples = new Float32Array(bytes.length / 2);
    for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(2 * i, true) / 32768;
    window.__mic = { ready: false };
    navigator.mediaDevices.getUserMedia = async () => {
      const ctx = new AudioContext({ sampleRate: 48000 });
      const dest = ctx.createMediaStreamDestination();
      window.__mic.say = () => {
        const buffer = ctx.createBuffer(1, samples.length, rate);
        buffer.copyToChannel(samples, 0);
        const src = ctx.createBufferSource();
        src.buffer = buffer;
        src.connect(dest);
        src.start();
      };
      window.__mic.ready = true;
      return dest.stream;
    };
  };
}

test('speaking while the agent answers stops its audio at once and marks the answer interrupted', async () => {
  const { rate, data } = readWav(env('PARLEY_QUESTION_WAV'));
  const p = await browser.newPage();
  try {
    await p.addInitScript(scriptedMicrophone(), { rate, pcm: data.toString('base64') });
    p.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
    await p.goto(`${URL_BASE}/`);
    await p.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
    // a long answer, so it is still playing when the user speaks again (a sampled one-word answer ends first)
    await p.fill('#agent-instructions', 'You are a storyteller. Answer every question with a long story of at least eight sentences.');
    await p.click('#agent-connect');
    await p.waitForFunction(() => window.__mic.ready, null, { timeout: 20_000 });
    await p.evaluate(() => window.__mic.say());
    // the answer is playing: ask again over it
    await p.waitForFunction(() => window.parley.agent.sources.size > 0
      && window.parley.agent.playHead - window.parley.agent.ctx.currentTime > 2, null, { timeout: 90_000, polling: 50 });
    await p.evaluate(() => window.__mic.say());
    await p.waitForFunction(() => window.parley.agent.bargeIns > 0, null, { timeout: 30_000, polling: 50 });
    const state = await p.evaluate(() => ({
      playing: window.parley.agent.sources.size,
      bargeIns: window.parley.agent.bargeIns,
      users: document.querySelectorAll('#agent-log li.user').length,
      interrupted: document.querySelectorAll('#agent-log li.assistant.interrupted').length,
    }));
    report({ panel: 'barge-in', ...state });
    assert.equal(state.playing, 0, 'no answer audio is scheduled after the user barged in');
    assert.equal(state.interrupted, 1, 'the cut answer is marked interrupted');
    assert.equal(state.users, 2, 'the second question opened a second user turn');
  } finally {
    await p.close();
  }
});
