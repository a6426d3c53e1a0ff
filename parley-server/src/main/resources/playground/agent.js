// Voice agent: microphone -> /v1/realtime (server VAD) -> spoken answer, with live transcripts, barge-in and
// per-turn latency (end of the user's speech -> first audio of the answer).
import { base64ToBytes, bytesToBase64, floatToPcm16, openSocket, pcm16ToFloat, status } from './common.js';

const RATE = 24000; // audio/pcm at 24 kHz both ways (the API's default)
const MAX_SENT_MARKS = 4096; // bound of the "when was sample N sent" table (about 160 s of 40 ms blocks)

export class VoiceAgent {
  /** @param ui {voice, instructions, status, log, latency, level} elements */
  constructor(ui) {
    this.ui = ui;
    this.ws = null;
    this.bubbles = new Map(); // item id -> <li>
    this.turn = null; // the user turn being measured
    this.responses = new Map(); // response id -> {first audio seen, item id}
    this.sources = new Set(); // scheduled playback nodes
    this.playHead = 0;
    this.playing = null; // {itemId, start (context time), ms (audio scheduled)}
    this.sentSamples = 0;
    this.sentMarks = []; // [samples sent so far, performance.now()] per block
    this.bargeIns = 0; // answers cut short because the user spoke
  }

  get connected() {
    return this.ws !== null;
  }

  /** Must be called from a user gesture (it creates the AudioContext). */
  async start() {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new Error('The browser allows the microphone only on secure pages: open this page on localhost, or serve'
        + ' Parley over TLS (tls.cert, tls.key) and use https://');
    }
    this.ctx = new AudioContext({ sampleRate: RATE });
    status(this.ui.status, 'Connecting…');
    try {
      await this.ctx.audioWorklet.addModule('/playground/mic-worklet.js');
      this.ws = await openSocket('/v1/realtime', { model: 'grok-voice-latest' });
      this.ws.addEventListener('message', (e) => this.onEvent(JSON.parse(e.data)));
      this.ws.addEventListener('close', (e) => this.onClose(e));
      this.send({
        type: 'session.update',
        session: {
          voice: this.ui.voice.value,
          instructions: this.ui.instructions.value,
          turn_detection: { type: 'server_vad', silence_duration_ms: 500, prefix_padding_ms: 300 },
          audio: {
            input: { format: { type: 'audio/pcm', rate: RATE } },
            output: { format: { type: 'audio/pcm', rate: RATE } },
          },
        },
      });
    } catch (e) {
      this.stop();
      throw e;
    }
  }

  stop() {
    if (this.ws) this.ws.close(1000);
    this.ws = null;
    this.stopPlayback();
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    this.stream = null;
    if (this.ctx) this.ctx.close();
    this.ctx = null;
    this.ui.level.style.width = '0';
  }

  send(event) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(event));
  }

  /** Starts the microphone once the server has applied the session (nothing said before that is lost). */
  async startMicrophone() {
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    const source = this.ctx.createMediaStreamSource(this.stream);
    const capture = new AudioWorkletNode(this.ctx, 'mic-capture');
    const mute = this.ctx.createGain();
    mute.gain.value = 0;
    source.connect(capture).connect(mute).connect(this.ctx.destination); // pulled by the graph, never heard
    capture.port.onmessage = (e) => this.onMicBlock(e.data);
    status(this.ui.status, 'Listening — speak now. Speaking while the agent talks interrupts it.');
  }

  onMicBlock(samples) {
    let sum = 0;
    for (const s of samples) sum += s * s;
    this.ui.level.style.width = `${Math.min(100, Math.sqrt(sum / samples.length) * 400)}%`;
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    this.send({ type: 'input_audio_buffer.append', audio: bytesToBase64(floatToPcm16(samples)) });
    this.sentSamples += samples.length;
    this.sentMarks.push([this.sentSamples, performance.now()]);
    if (this.sentMarks.length > MAX_SENT_MARKS) this.sentMarks.splice(0, MAX_SENT_MARKS / 2); // drop the oldest half
  }

  /** When the sample at `ms` of the input stream left this page (performance.now() time), or null. */
  sentAt(ms) {
    const sample = (ms * RATE) / 1000;
    for (const [count, at] of this.sentMarks) {
      if (count >= sample) return at - ((count - sample) / RATE) * 1000;
    }
    return null;
  }

  onEvent(ev) {
    switch (ev.type) {
      case 'session.updated':
        if (!this.stream) this.startMicrophone().catch((e) => status(this.ui.status, `Microphone: ${e.message}`, true));
        break;
      case 'input_audio_buffer.speech_started':
        this.bargeIn();
        this.turn = { itemId: ev.item_id, startedAt: performance.now() };
        this.bubble(ev.item_id, 'user', 'listening…', true);
        break;
      case 'input_audio_buffer.speech_stopped':
        if (this.turn) {
          this.turn.stoppedAt = performance.now();
          this.turn.speechEnd = this.sentAt(ev.audio_end_ms) ?? this.turn.stoppedAt;
        }
        this.bubble(ev.item_id, 'user', 'transcribing…', true);
        break;
      case 'conversation.item.added':
        if (ev.item.type === 'message' && ev.item.role === 'user' && !this.bubbles.has(ev.item.id)) {
          this.bubble(ev.item.id, 'user', '…', true);
        }
        break;
      case 'conversation.item.input_audio_transcription.completed':
        this.bubble(ev.item_id, 'user', ev.transcript || '(nothing recognised)', false);
        break;
      case 'response.created':
        this.responses.set(ev.response.id, { firstAudio: false });
        if (this.turn && !this.turn.responseAt) this.turn.responseAt = performance.now();
        break;
      case 'response.output_item.added':
        if (ev.item.type === 'message') this.bubble(ev.item.id, 'assistant', '', true);
        break;
      case 'response.output_audio.delta':
        this.onAudio(ev);
        break;
      case 'response.output_audio_transcript.delta':
      case 'response.output_text.delta':
      case 'response.text.delta':
        this.appendText(ev.item_id, ev.delta);
        break;
      case 'response.output_audio_transcript.done':
        this.bubble(ev.item_id, 'assistant', ev.transcript, false);
        break;
      case 'response.done':
        for (const item of ev.response.output || []) {
          const li = this.bubbles.get(item.id);
          if (!li) continue;
          li.classList.add('done');
          li.classList.toggle('interrupted', ev.response.status === 'cancelled');
          li.classList.remove('pending');
        }
        break;
      case 'error':
        status(this.ui.status, `Server: ${ev.error?.message || 'error'}`, true);
        break;
      default:
        break;
    }
  }

  onAudio(ev) {
    const r = this.responses.get(ev.response_id);
    if (r && !r.firstAudio) {
      r.firstAudio = true;
      if (this.turn && this.turn.speechEnd) this.recordLatency(this.turn, performance.now());
      this.turn = null;
    }
    const samples = pcm16ToFloat(base64ToBytes(ev.delta));
    if (!this.ctx || samples.length === 0) return;
    const buffer = this.ctx.createBuffer(1, samples.length, RATE);
    buffer.copyToChannel(samples, 0);
    const node = this.ctx.createBufferSource();
    node.buffer = buffer;
    node.connect(this.ctx.destination);
    const at = Math.max(this.ctx.currentTime + 0.02, this.playHead);
    if (!this.playing || this.playing.itemId !== ev.item_id) this.playing = { itemId: ev.item_id, start: at, ms: 0 };
    this.playing.ms += buffer.duration * 1000;
    node.start(at);
    this.playHead = at + buffer.duration;
    this.sources.add(node);
    node.onended = () => this.sources.delete(node);
  }

  /** The user started speaking: stop the answer now and tell the server how much of it was heard. */
  bargeIn() {
    if (this.sources.size === 0 || !this.playing) return;
    const heard = Math.max(0, (this.ctx.currentTime - this.playing.start) * 1000);
    this.send({
      type: 'conversation.item.truncate', item_id: this.playing.itemId, content_index: 0,
      audio_end_ms: Math.floor(Math.min(heard, this.playing.ms)),
    });
    this.bubbles.get(this.playing.itemId)?.classList.add('interrupted');
    this.bargeIns++;
    this.stopPlayback();
  }

  stopPlayback() {
    for (const node of this.sources) {
      try { node.stop(); } catch { /* already stopped */ }
    }
    this.sources.clear();
    this.playing = null;
    this.playHead = 0;
  }

  recordLatency(turn, firstAudioAt) {
    const total = firstAudioAt - turn.speechEnd;
    const li = document.createElement('li');
    li.dataset.ms = String(Math.round(total));
    li.textContent = `${(total / 1000).toFixed(2)} s`;
    const small = document.createElement('small');
    const parts = [`VAD end ${((turn.stoppedAt - turn.speechEnd) / 1000).toFixed(2)} s`];
    if (turn.responseAt) parts.push(`reply started +${((turn.responseAt - turn.stoppedAt) / 1000).toFixed(2)} s`);
    parts.push(`first audio +${((firstAudioAt - (turn.responseAt ?? turn.stoppedAt)) / 1000).toFixed(2)} s`);
    small.textContent = parts.join(' · ');
    li.append(small);
    this.ui.latency.append(li);
  }

  bubble(itemId, role, text, pending) {
    let li = this.bubbles.get(itemId);
    if (!li) {
      li = document.createElement('li');
      li.className = role;
      li.dataset.item = itemId;
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = role === 'user' ? 'You' : 'Agent';
      const body = document.createElement('span');
      body.className = 'text';
      li.append(who, body);
      this.bubbles.set(itemId, li);
      this.ui.log.append(li);
    }
    // a finished transcript is never replaced by a placeholder that arrives later
    if (pending && li.classList.contains('final')) return;
    if (!pending || !li.querySelector('.text').textContent || li.classList.contains('pending')) {
      li.querySelector('.text').textContent = text;
    }
    li.classList.toggle('pending', pending);
    li.classList.toggle('final', !pending);
    this.ui.log.scrollTop = this.ui.log.scrollHeight;
  }

  appendText(itemId, delta) {
    const li = this.bubbles.get(itemId) ?? (this.bubble(itemId, 'assistant', '', true), this.bubbles.get(itemId));
    if (li.classList.contains('final')) return;
    li.classList.remove('pending');
    li.querySelector('.text').textContent += delta;
    this.ui.log.scrollTop = this.ui.log.scrollHeight;
  }

  onClose(e) {
    if (this.ws === null) return;
    this.ws = null;
    status(this.ui.status, `Disconnected (${e.code}${e.reason ? `: ${e.reason}` : ''}).`, e.code !== 1000);
    this.stop();
    this.ui.onStopped?.();
  }
}
