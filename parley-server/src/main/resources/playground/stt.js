// Speech to text of an uploaded file: decoded in the browser, streamed as 16 kHz PCM over the /v1/stt WebSocket
// (a client secret opens it), words with start/end times from the final transcripts.
import { floatToPcm16, openSocket, status } from './common.js';

const RATE = 16000;
const CHUNK_BYTES = RATE * 2; // one second per binary frame

/** Decodes any audio file the browser can read to mono 16 kHz PCM16. */
async function decode(file) {
  const data = await file.arrayBuffer();
  const probe = new OfflineAudioContext(1, 1, RATE);
  const decoded = await probe.decodeAudioData(data); // resampled to RATE
  const mono = new Float32Array(decoded.length);
  for (let c = 0; c < decoded.numberOfChannels; c++) {
    const ch = decoded.getChannelData(c);
    for (let i = 0; i < ch.length; i++) mono[i] += ch[i] / decoded.numberOfChannels;
  }
  return floatToPcm16(mono);
}

/** Transcribes `file`; fills `textEl` and the words table `tbody`. */
export async function transcribe({ file, statusEl, textEl, tbody }) {
  status(statusEl, `Decoding ${file.name}…`);
  textEl.textContent = '';
  tbody.replaceChildren();
  const pcm = await decode(file);
  const seconds = pcm.byteLength / 2 / RATE;
  status(statusEl, `Transcribing ${seconds.toFixed(1)} s…`);
  const started = performance.now();
  const ws = await openSocket('/v1/stt', { sample_rate: RATE, encoding: 'pcm' });
  ws.binaryType = 'arraybuffer';
  const words = [];
  const texts = [];
  const finished = new Promise((resolve, reject) => {
    ws.addEventListener('message', (e) => {
      const ev = JSON.parse(e.data);
      if (ev.type === 'transcript.created') {
        for (let off = 0; off < pcm.byteLength; off += CHUNK_BYTES) ws.send(pcm.subarray(off, off + CHUNK_BYTES));
        ws.send(JSON.stringify({ type: 'audio.done' }));
      } else if (ev.type === 'transcript.partial' && ev.is_final && ev.speech_final) {
        // an utterance final carries the whole stitched utterance (chunk finals before it are covered by it)
        words.push(...(ev.words || []));
        if (ev.text) texts.push(ev.text);
      } else if (ev.type === 'transcript.done') {
        words.push(...(ev.words || [])); // the audio no utterance final covered
        if (ev.text) texts.push(ev.text);
        resolve();
      } else if (ev.type === 'error') {
        reject(new Error(ev.message));
      }
    });
    ws.addEventListener('close', (e) => reject(new Error(`connection closed (${e.code})`)));
  });
  try {
    await finished;
  } finally {
    ws.close(1000);
  }
  textEl.textContent = texts.join(' ');
  words.forEach((w, i) => {
    const tr = document.createElement('tr');
    const cells = [i + 1, w.text, w.start.toFixed(2), w.end.toFixed(2),
      w.confidence === undefined ? '' : w.confidence.toFixed(2)];
    cells.forEach((c, k) => {
      const td = document.createElement('td');
      td.textContent = c;
      if (k !== 1) td.className = 'num';
      tr.append(td);
    });
    tbody.append(tr);
  });
  status(statusEl, `${words.length} words in ${seconds.toFixed(1)} s of audio · transcribed in `
    + `${((performance.now() - started) / 1000).toFixed(2)} s`);
}
