// Shared helpers: client secrets, authenticated WebSockets, PCM16 and WAV.

/** Mints a short-lived client secret with the server's key (the page never sees the key). */
export async function mintSecret() {
  const r = await fetch('/playground/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `minting a client secret failed: HTTP ${r.status}`);
  return body.value;
}

/** The built-in voices, as GET /v1/tts/voices lists them. */
export async function fetchVoices() {
  const r = await fetch('/playground/voices');
  if (!r.ok) throw new Error(`voices: HTTP ${r.status}`);
  return (await r.json()).voices;
}

/**
 * Opens a WebSocket to this server's `path` with a fresh client secret as the `xai-client-secret.<secret>`
 * subprotocol (spec §1.2). Resolves once open.
 */
export async function openSocket(path, params = {}) {
  const secret = await mintSecret();
  const url = new URL(path, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) url.searchParams.set(k, v);
  const ws = new WebSocket(url, [`xai-client-secret.${secret}`]);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('close', (e) => reject(new Error(`${path}: connection refused (close ${e.code})`)),
      { once: true });
  });
  return ws;
}

/** Float samples in [-1, 1] to little-endian 16-bit PCM. */
export function floatToPcm16(samples) {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    out[i] = s < 0 ? s * 0x8000 : s * 0x7fff;
  }
  return new Uint8Array(out.buffer);
}

/** Little-endian 16-bit PCM bytes to float samples. */
export function pcm16ToFloat(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(2 * i, true) / 0x8000;
  return out;
}

export function bytesToBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A mono 16-bit WAV file around raw PCM16 bytes. */
export function wavBlob(pcm, sampleRate) {
  const header = new DataView(new ArrayBuffer(44));
  const ascii = (off, s) => { for (let i = 0; i < s.length; i++) header.setUint8(off + i, s.charCodeAt(i)); };
  ascii(0, 'RIFF'); header.setUint32(4, 36 + pcm.byteLength, true); ascii(8, 'WAVE');
  ascii(12, 'fmt '); header.setUint32(16, 16, true); header.setUint16(20, 1, true); header.setUint16(22, 1, true);
  header.setUint32(24, sampleRate, true); header.setUint32(28, sampleRate * 2, true);
  header.setUint16(32, 2, true); header.setUint16(34, 16, true);
  ascii(36, 'data'); header.setUint32(40, pcm.byteLength, true);
  return new Blob([header.buffer, pcm], { type: 'audio/wav' });
}

/** Concatenates byte arrays. */
export function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}

/** Shows `message` in a status line (`error` styles it red). */
export function status(el, message, error = false) {
  el.textContent = message;
  el.classList.toggle('error', error);
}

/** Fills a <select> with voices, selecting `selected`. */
export function fillVoices(select, voices, selected = 'eve') {
  select.replaceChildren(...voices.map((v) => {
    const o = new Option(`${v.name}${v.tone ? ` — ${v.tone}` : ''}`, v.voice_id);
    o.selected = v.voice_id === selected;
    return o;
  }));
}
