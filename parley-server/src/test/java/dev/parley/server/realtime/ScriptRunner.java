package dev.parley.server.realtime;

import dev.parley.server.testing.SessionScript;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/**
 * Runs a scripted voice-agent conversation (a JSON-lines file under {@code src/test/resources/realtime/}) against a
 * {@link RealtimeSession}, with the steps of {@link SessionScript} (audio in {@code $tone}/{@code $silence} at
 * 24 kHz) and one of its own:
 * <ul>
 *   <li>{@code {"send_speech": {"file": "librispeech/x.wav", "chunk_ms": 40, "silence_ms": 1000}}} streams a
 *       recording from the shared speech set as 24 kHz PCM appends of {@code chunk_ms}, then that much silence</li>
 * </ul>
 * The same scripts run in process ({@link #ScriptRunner(RealtimeConfig, RealtimeEngines)}) or over a real socket
 * ({@link #ScriptRunner(SessionScript.Transport, BlockingQueue)}).
 */
final class ScriptRunner extends SessionScript {
    final RealtimeSession session;

    /** In process: a new session over {@code engines}, its events captured. */
    ScriptRunner(RealtimeConfig config, RealtimeEngines engines) {
        this(new RealtimeSession(config, engines), new LinkedBlockingQueue<>(), new CopyOnWriteArrayList<>());
    }

    private ScriptRunner(RealtimeSession session, BlockingQueue<String> out, List<Integer> codes) {
        super(SessionScript.transport(session, out, codes), out, codes);
        this.session = session;
    }

    /** A runner over another transport whose server events arrive in {@code out}. */
    ScriptRunner(SessionScript.Transport transport, BlockingQueue<String> out) {
        super(transport, out, new CopyOnWriteArrayList<>());
        this.session = null;
    }

    @Override
    public ScriptRunner run(String resource) {
        super.run("/realtime/" + resource);
        return this;
    }

    @Override
    protected boolean extraStep(JsonNode s) {
        if (!s.has("send_speech")) return false;
        JsonNode sp = s.get("send_speech");
        byte[] pcm = WireFixtures.speech24k(sp.get("file").stringValue());
        int chunk = 24 * 2 * sp.path("chunk_ms").asInt(40);
        for (int off = 0; off < pcm.length; off += chunk) {
            byte[] c = java.util.Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunk));
            transport.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(c) + "\"}");
        }
        int silence = sp.path("silence_ms").asInt(1000);
        byte[] zero = new byte[chunk];
        for (int ms = 0; ms < silence; ms += chunk / 48) {
            transport.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(zero) + "\"}");
        }
        return true;
    }

    /** {@code ms} of 24 kHz s16le: a 440 Hz tone at half scale, or silence. */
    static byte[] pcm24k(int ms, boolean tone) {
        return SessionScript.pcm(ms, tone, 24000);
    }
}
