package dev.parley.client.internal;

import dev.parley.client.ClientSecret;
import dev.parley.client.ClientSecretRequest;
import dev.parley.client.TimedSpeech;
import dev.parley.client.Transcription;
import dev.parley.client.TtsRequest;
import dev.parley.client.Voice;
import dev.parley.client.Word;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON bodies of the REST endpoints. */
public final class Wire {
    private Wire() {}

    public static String ttsBody(TtsRequest r, boolean withTimestamps) {
        ObjectNode o = Json.object();
        o.put("text", r.text());
        o.put("language", r.language());
        if (r.voiceId() != null) o.put("voice_id", r.voiceId());
        if (r.outputFormat() != null) {
            ObjectNode f = o.putObject("output_format");
            f.put("codec", r.outputFormat().codec().wireName());
            if (r.outputFormat().sampleRate() != null) f.put("sample_rate", r.outputFormat().sampleRate());
            if (r.outputFormat().bitRate() != null) f.put("bit_rate", r.outputFormat().bitRate());
        }
        if (r.speed() != null) o.put("speed", r.speed());
        if (r.optimizeStreamingLatency() != null) o.put("optimize_streaming_latency", r.optimizeStreamingLatency());
        if (r.textNormalization() != null) o.put("text_normalization", r.textNormalization());
        if (r.replace() != null) {
            ObjectNode m = o.putObject("replace");
            for (Map.Entry<String, String> e : r.replace().entrySet()) m.put(e.getKey(), e.getValue());
        }
        if (withTimestamps) o.put("with_timestamps", true);
        return o.toString();
    }

    public static TimedSpeech timedSpeech(String body) {
        JsonNode n = Json.parse(body);
        byte[] audio = Base64.getDecoder().decode(Json.str(n, "audio") == null ? "" : Json.str(n, "audio"));
        return new TimedSpeech(audio, Json.str(n, "content_type"), Json.dbl(n, "duration"),
                charTimes(n.get("audio_timestamps")));
    }

    public static List<TimedSpeech.CharTime> charTimes(JsonNode ts) {
        List<TimedSpeech.CharTime> out = new ArrayList<>();
        if (ts == null || ts.isNull()) return out;
        List<JsonNode> chars = Json.array(ts, "graph_chars");
        List<JsonNode> times = Json.array(ts, "graph_times");
        for (int i = 0; i < chars.size() && i < times.size(); i++) {
            JsonNode t = times.get(i);
            double start = t.isArray() ? t.get(0).asDouble() : Json.dbl(t, "start");
            double end = t.isArray() ? t.get(1).asDouble() : Json.dbl(t, "end");
            out.add(new TimedSpeech.CharTime(chars.get(i).asString(), start, end));
        }
        return out;
    }

    public static Voice voice(JsonNode v) {
        return new Voice(Json.str(v, "voice_id"), Json.str(v, "name"), Json.str(v, "language"), Json.str(v, "gender"),
                Json.str(v, "tone"));
    }

    public static List<Voice> voices(String body) {
        List<Voice> out = new ArrayList<>();
        for (JsonNode v : Json.array(Json.parse(body), "voices")) out.add(voice(v));
        return out;
    }

    public static Word word(JsonNode w) {
        return new Word(Json.str(w, "text"), Json.dbl(w, "start"), Json.dbl(w, "end"), Json.dblOrNull(w, "confidence"),
                Json.integerOrNull(w, "speaker"));
    }

    public static List<Word> words(JsonNode n) {
        List<Word> out = new ArrayList<>();
        for (JsonNode w : Json.array(n, "words")) out.add(word(w));
        return out;
    }

    public static Transcription transcription(String body) {
        JsonNode n = Json.parse(body);
        List<Transcription.Channel> channels = new ArrayList<>();
        for (JsonNode c : Json.array(n, "channels")) {
            channels.add(new Transcription.Channel(Json.integer(c, "index"), nz(Json.str(c, "text")), words(c)));
        }
        return new Transcription(nz(Json.str(n, "text")), nz(Json.str(n, "language")), Json.dbl(n, "duration"),
                words(n), channels);
    }

    public static String clientSecretBody(ClientSecretRequest r) {
        ObjectNode o = Json.object();
        if (r.expiresAfterSeconds() != null) o.putObject("expires_after").put("seconds", r.expiresAfterSeconds());
        if (r.model() != null || r.reasoningEffort() != null) {
            ObjectNode s = o.putObject("session");
            if (r.model() != null) s.put("model", r.model());
            if (r.reasoningEffort() != null) s.putObject("reasoning").put("effort", r.reasoningEffort());
        }
        return o.toString();
    }

    public static ClientSecret clientSecret(String body) {
        JsonNode n = Json.parse(body);
        JsonNode nested = n.get("client_secret"); // OpenAI's nesting, should a proxy re-wrap it
        if (Json.str(n, "value") == null && nested != null && nested.isObject()) n = nested;
        return new ClientSecret(Json.str(n, "value"), Json.longValue(n, "expires_at"));
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
