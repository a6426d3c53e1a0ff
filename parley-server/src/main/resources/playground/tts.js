// Text to speech over the /v1/tts WebSocket (a client secret opens it; REST routes need the API key).
import { base64ToBytes, concat, openSocket, status, wavBlob } from './common.js';

/** Speech tags (spec §2.4). */
export const INLINE_TAGS = ['pause', 'long-pause', 'hum-tune', 'laugh', 'chuckle', 'giggle', 'cry', 'tsk',
  'tongue-click', 'lip-smack', 'breath', 'inhale', 'exhale', 'sigh'];
export const WRAPPING_TAGS = ['soft', 'whisper', 'loud', 'build-intensity', 'decrease-intensity', 'higher-pitch',
  'lower-pitch', 'slow', 'fast', 'sing-song', 'singing', 'laugh-speak', 'emphasis'];

const RATE = 24000;

/** Inserts `[tag]` at the cursor, or wraps the selection (or a placeholder) in `<tag>…</tag>`. */
export function insertTag(textarea, tag, wrapping) {
  const { selectionStart: a, selectionEnd: b, value } = textarea;
  const inner = value.slice(a, b) || 'text';
  const text = wrapping ? `<${tag}>${inner}</${tag}>` : `[${tag}]`;
  const pad = !wrapping && a > 0 && value[a - 1] !== ' ' ? ' ' : '';
  textarea.setRangeText(pad + text, a, b, 'end');
  textarea.focus();
}

/**
 * Synthesizes `text` and plays it in `audio`. Streams PCM over the WebSocket (text.delta, text.done ->
 * audio.delta*, audio.done) and wraps it as WAV for the <audio> element.
 */
export async function speak({ text, voice, language, speed, audio, statusEl }) {
  status(statusEl, 'Synthesizing…');
  const started = performance.now();
  const ws = await openSocket('/v1/tts', { voice, language, speed, codec: 'pcm', sample_rate: RATE });
  const chunks = [];
  let firstAudio = null;
  const done = new Promise((resolve, reject) => {
    ws.addEventListener('message', (e) => {
      const ev = JSON.parse(e.data);
      if (ev.type === 'audio.delta') {
        if (firstAudio === null) firstAudio = performance.now();
        chunks.push(base64ToBytes(ev.delta));
      } else if (ev.type === 'audio.done') {
        resolve(ev.trace_id);
      } else if (ev.type === 'error') {
        reject(new Error(ev.message));
      }
    });
    ws.addEventListener('close', (e) => reject(new Error(`connection closed (${e.code}${e.reason ? `: ${e.reason}` : ''})`)));
  });
  ws.send(JSON.stringify({ type: 'text.delta', delta: text }));
  ws.send(JSON.stringify({ type: 'text.done' }));
  try {
    await done;
  } finally {
    ws.close(1000);
  }
  const pcm = concat(chunks);
  if (audio.src) URL.revokeObjectURL(audio.src);
  audio.src = URL.createObjectURL(wavBlob(pcm, RATE));
  const seconds = pcm.byteLength / 2 / RATE;
  audio.dataset.seconds = seconds.toFixed(2);
  status(statusEl, `${seconds.toFixed(2)} s of audio · first audio after ${((firstAudio - started) / 1000).toFixed(2)} s`
    + ` · done after ${((performance.now() - started) / 1000).toFixed(2)} s`);
  await audio.play().catch(() => { /* autoplay refused: the controls still work */ });
}
