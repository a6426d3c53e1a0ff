package dev.parley.cli;

import dev.parley.client.SttRequest;
import dev.parley.client.Transcription;
import dev.parley.client.VoiceClient;
import dev.parley.client.Word;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code parley stt file.mp3 [--words --diarize]}: {@code POST /v1/stt} with an upload progress bar. */
@Command(name = "stt", mixinStandardHelpOptions = true,
        description = {"Transcribe an audio file (POST /v1/stt).",
                "Containers: wav, mp3, ogg, opus, flac, aac, mp4, m4a, mkv; headerless audio with --raw and --sample-rate.",
                "A progress bar on stderr shows the upload of long files."})
public final class SttCommand extends RemoteCommand {
    /** Files at least this large get a progress bar on a terminal by default. */
    static final long PROGRESS_MIN_BYTES = 1 << 20;

    @Parameters(index = "0", paramLabel = "FILE", description = "Audio file to transcribe.")
    Path file;

    @Option(names = "--words", description = "Print every word with its start and end time (and speaker).")
    boolean words;

    @Option(names = "--diarize", description = "Number the speakers (speaker per word).")
    boolean diarize;

    @Option(names = "--multichannel", description = "Transcribe each channel separately.")
    boolean multichannel;

    @Option(names = {"-l", "--language"}, paramLabel = "LANG", description = "Language code (enables number formatting with --itn).")
    String language;

    @Option(names = "--itn", description = "Inverse text normalization (\"one hundred dollars\" -> \"$100\"); needs --language.")
    boolean itn;

    @Option(names = "--keyterm", paramLabel = "TERM", description = "A term to favour (repeatable).")
    List<String> keyterms = List.of();

    @Option(names = "--raw", paramLabel = "ENC", description = "Headerless audio: pcm (s16le), mulaw or alaw; needs --sample-rate.")
    String raw;

    @Option(names = "--sample-rate", paramLabel = "HZ", description = "Sample rate of --raw audio.")
    Integer sampleRate;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text (default) or json (the API's response).")
    String format;

    @Option(names = "--progress", negatable = true,
            description = "Show upload progress on stderr (default: for files over 1 MB when stderr is a terminal).")
    Boolean progress;

    public SttCommand() {
        this(System.getenv());
    }

    SttCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(VoiceClient client) throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, got " + format);
        }
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        if (raw != null && sampleRate == null) throw new IllegalArgumentException("--raw needs --sample-rate");
        SttRequest.Builder b = SttRequest.file(file);
        if (raw != null) b.raw(raw, sampleRate);
        if (language != null) b.language(language);
        if (itn) b.format(true);
        if (diarize) b.diarize(true);
        if (multichannel) b.multichannel(true);
        for (String k : keyterms) b.keyterm(k);
        boolean bar = progress != null ? progress : Files.size(file) >= PROGRESS_MIN_BYTES && ProgressBar.stderrIsTerminal();
        Transcription t;
        if (bar) {
            try (ProgressBar p = new ProgressBar(err(), file.getFileName().toString())) {
                boolean[] waiting = {false};
                t = client.transcribe(b.build(), (sent, total) -> {
                    p.update(sent, total);
                    if (sent == total && !waiting[0]) {
                        waiting[0] = true;
                        p.waiting("transcribing");
                    }
                });
            }
        } else {
            t = client.transcribe(b.build());
        }
        if (format.equals("json")) out().println(json(t));
        else printText(t);
        return 0;
    }

    private void printText(Transcription t) {
        if (!t.channels().isEmpty() && !words) {
            for (Transcription.Channel c : t.channels()) out().println("[channel " + c.index() + "] " + c.text());
        } else if (words) {
            for (Word w : t.words()) {
                out().printf(Locale.ROOT, "%8.2f %8.2f  %s%s%n", w.start(), w.end(),
                        w.speaker() == null ? "" : "[speaker " + w.speaker() + "] ", w.text());
            }
        } else if (diarize && !t.words().isEmpty()) {
            Integer speaker = null;
            StringBuilder line = new StringBuilder();
            for (Word w : t.words()) {
                if (!java.util.Objects.equals(w.speaker(), speaker)) {
                    if (!line.isEmpty()) out().println(line.toString().strip());
                    line.setLength(0);
                    speaker = w.speaker();
                    line.append("[speaker ").append(speaker).append("] ");
                }
                line.append(w.text()).append(' ');
            }
            out().println(line.toString().strip());
        } else {
            out().println(t.text());
        }
    }

    static String json(Transcription t) {
        JsonMapper m = JsonMapper.builder().build();
        ObjectNode o = m.createObjectNode();
        o.put("text", t.text()).put("language", t.language()).put("duration", t.duration());
        words(o.putArray("words"), t.words());
        if (!t.channels().isEmpty()) {
            ArrayNode cs = o.putArray("channels");
            for (Transcription.Channel c : t.channels()) {
                ObjectNode co = cs.addObject().put("index", c.index()).put("text", c.text());
                words(co.putArray("words"), c.words());
            }
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    private static void words(ArrayNode a, List<Word> words) {
        for (Word w : words) {
            ObjectNode wo = a.addObject().put("text", w.text()).put("start", w.start()).put("end", w.end());
            if (w.confidence() != null) wo.put("confidence", w.confidence());
            if (w.speaker() != null) wo.put("speaker", w.speaker());
        }
    }
}
