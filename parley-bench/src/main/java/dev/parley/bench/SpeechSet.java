package dev.parley.bench;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shared speech set ({@code shared/speech}): real recordings with reference transcripts, one row each in
 * {@code manifest.tsv} (columns {@code file, duration_s, sample_rate, channels, transcript, speaker, source, license,
 * sha256, notes}; the rules are in the set's own README). Every benchmark and every test that needs real speech reads
 * it through this class.
 *
 * <p>A set comes from its folder ({@link #at(Path)}): the CLI's {@code --speech DIR}, or in tests the build's
 * (parley-bench's test-jar, {@code TestSpeech.shared()}).
 *
 * <p>Immutable and thread-safe; the manifest is read once, audio files on every call. Arrays returned are fresh and
 * belong to the caller.
 */
public final class SpeechSet {
    /** Sets of the manifest that are English and have full transcripts. */
    public static final Set<String> ENGLISH_SETS = Set.of("librispeech", "librispeech_8k", "ljspeech", "librivox",
            "misc", "osr_8k", "asterisk_en_8k", "fsdd_8k");

    private final Path dir;
    private final List<Item> items;

    /**
     * One manifest row.
     *
     * @param file       path relative to the set, e.g. {@code librispeech/1221-135766-0002.wav}
     * @param set        the folder, e.g. {@code librispeech}
     * @param transcript the reference transcript, CSV quoting removed ({@code ""} when none)
     * @param speakers   the {@code speaker} column: a speaker id, or timed turns for multi-speaker files
     *                   ({@code name@start-end s;...})
     */
    public record Item(String file, String set, String transcript, String speakers) {}

    private SpeechSet(Path dir, List<Item> items) {
        this.dir = dir;
        this.items = items;
    }

    /**
     * The set in {@code dir}.
     *
     * @throws IllegalArgumentException when {@code dir} has no {@code manifest.tsv}
     * @throws UncheckedIOException     when the manifest cannot be read
     */
    public static SpeechSet at(Path dir) {
        Path manifest = dir.resolve("manifest.tsv");
        if (!Files.isRegularFile(manifest)) throw new IllegalArgumentException("no speech set at " + dir + " (manifest.tsv)");
        try {
            List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
            List<Item> items = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length < 5 || f[0].indexOf('/') < 0) continue;
                items.add(new Item(f[0], f[0].substring(0, f[0].indexOf('/')), unquote(f[4]), f.length > 5 ? f[5] : ""));
            }
            return new SpeechSet(dir, List.copyOf(items));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    /** The set's folder. */
    public Path dir() {
        return dir;
    }

    /** {@code manifest.tsv}. */
    public Path manifest() {
        return dir.resolve("manifest.tsv");
    }

    /** A file of the set (whether or not it is in the manifest). */
    public Path path(String file) {
        return dir.resolve(file);
    }

    /** Every manifest row, in manifest order. */
    public List<Item> items() {
        return items;
    }

    /** The rows of the {@link #ENGLISH_SETS} that have a transcript, in manifest order. */
    public List<Item> english() {
        return items.stream().filter(i -> ENGLISH_SETS.contains(i.set()) && !i.transcript().isBlank()).toList();
    }

    /** The {@link #english()} rows of one set. */
    public List<Item> english(String set) {
        return english().stream().filter(i -> i.set().equals(set)).toList();
    }

    /**
     * The row of {@code file}.
     *
     * @throws IllegalArgumentException when the manifest has no such row
     */
    public Item item(String file) {
        return items.stream().filter(i -> i.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " is not in " + manifest()));
    }

    /** The reference transcript of {@code file}. */
    public String transcript(String file) {
        return item(file).transcript();
    }

    /** The {@code speaker} column of {@code file}. */
    public String speakers(String file) {
        return item(file).speakers();
    }

    /** The bytes of a file. */
    public byte[] bytes(String file) {
        try {
            return Files.readAllBytes(path(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(file), e);
        }
    }

    /** A WAV file of the set, every channel, at its own rate. */
    public AudioClip clip(String file) {
        return Wav.read(path(file));
    }

    /** A WAV file mixed to mono (channels averaged), then resampled to {@code rate} when it has another rate. */
    public float[] mono(String file, int rate) {
        AudioClip clip = clip(file);
        return clip.sampleRate() == rate ? clip.mono() : Resampler.resample(clip.mono(), clip.sampleRate(), rate);
    }

    /** {@link #mono(String, int)} at 16 kHz, the rate of every speech model. */
    public float[] mono16k(String file) {
        return mono(file, 16000);
    }

    /** {@link #mono(String, int)} as little-endian 16-bit PCM (what the WebSockets take as raw audio). */
    public byte[] pcm16(String file, int rate) {
        return Pcm16.fromFloat(mono(file, rate));
    }

    /**
     * A transcript as a sentence to speak: stripped, all-upper-case text (LibriSpeech) in sentence case, and a full
     * stop added when it ends without {@code . ! ?}.
     */
    public static String sentence(String transcript) {
        String t = transcript.strip();
        if (t.isEmpty()) return t;
        if (t.equals(t.toUpperCase(Locale.ROOT))) {
            t = t.toLowerCase(Locale.ROOT);
            t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        }
        return ".!?".indexOf(t.charAt(t.length() - 1)) < 0 ? t + "." : t;
    }

    private static String unquote(String text) {
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text;
    }

    @Override
    public String toString() {
        return "SpeechSet[" + dir + ", " + items.size() + " files]";
    }
}
