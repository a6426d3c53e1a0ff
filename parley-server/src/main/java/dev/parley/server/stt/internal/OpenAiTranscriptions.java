package dev.parley.server.stt.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.audio.AudioClip;
import dev.parley.engines.runtime.Inference;
import dev.parley.engines.stt.SttOptions;
import dev.parley.engines.stt.SttResult;
import dev.parley.engines.stt.SttWord;
import dev.parley.server.http.ApiException;
import dev.parley.server.http.Exchange;
import dev.parley.server.http.HttpHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * {@code POST /v1/audio/transcriptions}: OpenAI's transcription endpoint as a thin alias over {@code POST /v1/stt}
 * ({@link BatchEndpoint}: same multipart limits, spooling, decoding and engine). Errors use OpenAI's shape
 * ({@link dev.parley.server.http.OpenAiErrorBody}).
 *
 * <p>Form fields: {@code file} (required; any container FFmpeg decodes), {@code model} (any string, ignored:
 * {@code whisper-1}, {@code gpt-4o-transcribe} ...), {@code language} (as {@code /v1/stt}), {@code prompt} (accepted,
 * not used), {@code temperature} (0..1, echoed in segments), {@code response_format} ({@code json} default,
 * {@code text}, {@code verbose_json}, {@code srt}, {@code vtt}), {@code timestamp_granularities[]} ({@code word},
 * {@code segment}; for {@code verbose_json}: {@code words} only when {@code word} is asked for, {@code segments}
 * unless only {@code word} is), {@code stream} ({@code false} only). Other OpenAI fields ({@code chunking_strategy},
 * {@code include[]}) are ignored.
 *
 * <p>Responses: {@code json} {@code {"text","usage"}}; {@code text} the transcript and a newline
 * ({@code text/plain}); {@code verbose_json} {@code {task, language (English name), duration, text, words, segments,
 * usage}} where a segment is an engine speech segment with Whisper's fields ({@code tokens} empty, {@code seek} in
 * 10 ms frames, {@code avg_logprob} the mean log of the word confidences, {@code compression_ratio} of the text
 * under DEFLATE, {@code no_speech_prob} 0: the VAD kept it as speech); {@code srt} ({@code application/x-subrip})
 * and {@code vtt} ({@code text/vtt}) with cues from {@link Subtitles#cues}.
 *
 * <p>Threading: one call per request on its virtual thread; the engine work runs on the inference pool.
 */
public final class OpenAiTranscriptions implements HttpHandler {
    static final Set<String> FORMATS = Set.of("json", "text", "verbose_json", "srt", "vtt");

    private final BatchEndpoint batch;

    /** @param batch the {@code /v1/stt} endpoint whose form handling, decoding and engine this alias uses */
    public OpenAiTranscriptions(BatchEndpoint batch) {
        this.batch = batch;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        BatchEndpoint.guarded(exchange, () -> serve(exchange));
    }

    private void serve(Exchange exchange) throws Exception {
        BatchTranscriber[] engine = new BatchTranscriber[1];
        Answer answer = batch.form(exchange, () -> engine[0] = batch.transcriber(), (fields, file) -> {
            Options o = Options.parse(fields);
            if (file == null) throw ApiException.invalidParam("file", "Missing required parameter: 'file'");
            AudioClip clip = batch.decodeFile(file);
            SttResult r;
            try {
                r = engine[0].transcribeMono(clip, new SttOptions(0.5f, o.language(), false, false));
            } catch (Inference.InferenceException e) {
                throw new ApiException(500, "Transcription failed (request id " + exchange.requestId() + ")", e);
            }
            return render(o, r, clip.durationSeconds());
        });
        if (answer.json() != null) exchange.json(200, answer.json());
        else exchange.send(200, answer.contentType(), answer.text().getBytes(StandardCharsets.UTF_8));
    }

    /** A response: a JSON value, or text of a content type. */
    record Answer(Object json, String contentType, String text) {}

    /** The validated OpenAI form fields. */
    record Options(String format, String language, double temperature, boolean words, boolean segments) {
        static Options parse(Map<String, List<String>> fields) {
            String format = Params.first(fields, "response_format");
            format = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(format)) {
                throw ApiException.invalidParam("response_format", "Invalid response_format '" + format
                        + "': expected one of json, text, srt, verbose_json, vtt");
            }
            String language;
            try {
                language = Params.language(fields);
            } catch (ApiException e) {
                throw ApiException.invalidParam("language", e.getMessage());
            }
            double temperature = 0;
            String t = Params.first(fields, "temperature");
            if (t != null && !t.isBlank()) {
                try {
                    temperature = Double.parseDouble(t.strip());
                } catch (NumberFormatException e) {
                    temperature = Double.NaN;
                }
                if (!(temperature >= 0 && temperature <= 1)) {
                    throw ApiException.invalidParam("temperature", "'temperature' must be a number between 0 and 1, "
                            + "got '" + t + "'");
                }
            }
            String stream = Params.first(fields, "stream");
            if (stream != null && stream.strip().equalsIgnoreCase("true")) {
                throw ApiException.invalidParam("stream", "Streamed transcription is not supported on this endpoint: "
                        + "send stream=false, or stream audio to the WebSocket /v1/stt");
            }
            List<String> granularities = new ArrayList<>(fields.getOrDefault("timestamp_granularities[]", List.of()));
            granularities.addAll(fields.getOrDefault("timestamp_granularities", List.of()));
            for (String g : granularities) {
                if (!g.strip().equals("word") && !g.strip().equals("segment")) {
                    throw ApiException.invalidParam("timestamp_granularities", "Invalid timestamp granularity '" + g
                            + "': expected 'word' or 'segment'");
                }
            }
            boolean words = granularities.stream().anyMatch(g -> g.strip().equals("word"));
            boolean segments = granularities.isEmpty() || granularities.stream().anyMatch(g -> g.strip().equals("segment"));
            return new Options(format, language, temperature, words, segments);
        }
    }

    static Answer render(Options o, SttResult r, double duration) {
        return switch (o.format()) {
            case "json" -> new Answer(new Json(r.text(), Usage.of(duration)), null, null);
            case "text" -> new Answer(null, "text/plain; charset=utf-8", r.text() + "\n");
            case "srt" -> new Answer(null, "application/x-subrip; charset=utf-8",
                    Subtitles.srt(Subtitles.cues(r, duration)));
            case "vtt" -> new Answer(null, "text/vtt; charset=utf-8", Subtitles.vtt(Subtitles.cues(r, duration)));
            default -> new Answer(verbose(o, r, duration), null, null);
        };
    }

    static Verbose verbose(Options o, SttResult r, double duration) {
        List<Word> words = null;
        if (o.words()) {
            words = new ArrayList<>(r.words().size());
            for (SttWord w : r.words()) {
                words.add(new Word(w.text(), Wire.round2(w.start()), Wire.round2(Math.max(w.start(), w.end()))));
            }
        }
        List<Segment> segments = null;
        if (o.segments()) {
            segments = new ArrayList<>();
            int id = 0;
            for (Subtitles.Cue c : Subtitles.segments(r, duration)) {
                segments.add(new Segment(id++, Math.round(c.start() * 100), Wire.round2(c.start()),
                        Wire.round2(c.end()), c.text(), List.of(), o.temperature(), avgLogprob(c.words()),
                        compressionRatio(c.text()), 0.0));
            }
        }
        return new Verbose("transcribe", languageName(o.language()), Wire.round2(duration), r.text(), words, segments,
                Usage.of(duration));
    }

    /** The English name of a language code, lower case, as OpenAI reports it ({@code en} - {@code english}). */
    static String languageName(String code) {
        if (code == null || code.isBlank()) return "english"; // the local engines recognise English
        String name = Locale.forLanguageTag(code.replace('_', '-')).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() ? code : name.toLowerCase(Locale.ROOT);
    }

    /** Mean natural log of the scored words' confidences; 0 when no word was scored. */
    static double avgLogprob(List<SttWord> words) {
        double sum = 0;
        int n = 0;
        for (SttWord w : words) {
            if (w.confidence() > 0) {
                sum += Math.log(w.confidence());
                n++;
            }
        }
        return n == 0 ? 0.0 : Math.round(sum / n * 10000.0) / 10000.0;
    }

    /** UTF-8 length over DEFLATE length, as Whisper computes it (with zlib). */
    static double compressionRatio(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        if (in.length == 0) return 0.0;
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(in);
            d.finish();
            byte[] buf = new byte[in.length + 64];
            int n = 0;
            while (!d.finished()) n += d.deflate(buf, n, buf.length - n);
            return Math.round(in.length / (double) n * 10000.0) / 10000.0;
        } finally {
            d.end();
        }
    }

    /** {@code json}. */
    record Json(String text, Usage usage) {}

    /** Billing usage: audio seconds, rounded up (OpenAI's duration usage). */
    record Usage(String type, long seconds) {
        static Usage of(double duration) {
            return new Usage("duration", (long) Math.ceil(duration));
        }
    }

    /** {@code verbose_json}; {@code words}/{@code segments} omitted unless asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verbose(String task, String language, double duration, String text, List<Word> words,
            List<Segment> segments, Usage usage) {}

    /** A {@code verbose_json} word. */
    record Word(String word, double start, double end) {}

    /** A {@code verbose_json} segment with Whisper's fields. */
    record Segment(int id, long seek, double start, double end, String text, List<Integer> tokens, double temperature,
            double avgLogprob, double compressionRatio, double noSpeechProb) {}
}
