// Wires the three panels to the page.
import { VoiceAgent } from './agent.js';
import { fetchVoices, fillVoices, status } from './common.js';
import { INLINE_TAGS, WRAPPING_TAGS, insertTag, speak } from './tts.js';
import { transcribe } from './stt.js';

const $ = (id) => document.getElementById(id);

async function init() {
  try {
    const voices = await fetchVoices();
    fillVoices($('agent-voice'), voices);
    fillVoices($('tts-voice'), voices);
  } catch (e) {
    showNotice(`Could not load the voices: ${e.message}`);
  }

  // Voice agent
  const button = $('agent-connect');
  const agent = new VoiceAgent({
    voice: $('agent-voice'), instructions: $('agent-instructions'), status: $('agent-status'),
    log: $('agent-log'), latency: $('agent-latency'), level: $('agent-level'),
    onStopped: () => { button.textContent = 'Start talking'; },
  });
  window.parley = { agent }; // for the browser console (and the end-to-end test)
  button.addEventListener('click', async () => {
    if (agent.connected) {
      agent.stop();
      status($('agent-status'), 'Stopped.');
      button.textContent = 'Start talking';
      return;
    }
    button.disabled = true;
    try {
      await agent.start();
      button.textContent = 'Hang up';
    } catch (e) {
      status($('agent-status'), e.message, true);
    } finally {
      button.disabled = false;
    }
  });

  // Text to speech
  const text = $('tts-text');
  for (const [holder, tags, wrapping] of [['tts-inline-tags', INLINE_TAGS, false], ['tts-wrap-tags', WRAPPING_TAGS, true]]) {
    $(holder).append(...tags.map((tag) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = wrapping ? `<${tag}>` : `[${tag}]`;
      b.title = wrapping ? `wrap the selection in <${tag}>…</${tag}>` : `insert [${tag}]`;
      b.addEventListener('click', () => insertTag(text, tag, wrapping));
      return b;
    }));
  }
  $('tts-speak').addEventListener('click', async (ev) => {
    ev.target.disabled = true;
    try {
      await speak({
        text: text.value, voice: $('tts-voice').value, language: $('tts-language').value,
        speed: $('tts-speed').value, audio: $('tts-audio'), statusEl: $('tts-status'),
      });
    } catch (e) {
      status($('tts-status'), e.message, true);
    } finally {
      ev.target.disabled = false;
    }
  });

  // Speech to text
  $('stt-run').addEventListener('click', async (ev) => {
    const file = $('stt-file').files[0];
    if (!file) {
      status($('stt-status'), 'Choose an audio file first.', true);
      return;
    }
    ev.target.disabled = true;
    try {
      await transcribe({ file, statusEl: $('stt-status'), textEl: $('stt-text'), tbody: $('stt-words').tBodies[0] });
    } catch (e) {
      status($('stt-status'), e.message, true);
    } finally {
      ev.target.disabled = false;
    }
  });

  // Tell the user up front when this server will not mint secrets for them.
  const probe = await fetch('/playground/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
  }).catch(() => null);
  if (probe && !probe.ok) showNotice((await probe.json().catch(() => ({}))).error || `HTTP ${probe.status}`);
  document.body.dataset.ready = 'true';
}

function showNotice(message) {
  const n = $('notice');
  n.textContent = message;
  n.hidden = false;
}

init();
