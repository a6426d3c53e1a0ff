package dev.parley.engines.tts.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.tts.TtsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process-wide libespeak-ng, loaded through JNA, for phonemes (G2P) and for synthesis.
 *
 * <p>Threading: libespeak-ng keeps global state (current voice, parameters, the synthesis callback), so every call
 * holds one {@link ReentrantLock}; calls are short (about a millisecond for phonemes, a few ms per sentence of
 * audio). Callers must be platform threads (the native call pins a virtual thread): the engines run these calls on
 * an inference thread ({@code dev.parley.engines.runtime.Native#run}).
 */
public final class Espeak {
    private static final String[] LIBRARY_CANDIDATES = {
            "espeak-ng",
            "/usr/lib/x86_64-linux-gnu/libespeak-ng.so.1",
            "/usr/lib/aarch64-linux-gnu/libespeak-ng.so.1",
            "/usr/lib64/libespeak-ng.so.1",
            "/usr/lib/libespeak-ng.so.1",
            "/usr/local/lib/libespeak-ng.so.1",
    };
    private static final Object INIT = new Object();
    private static volatile Espeak instance;
    private static volatile String loadError;
    private static volatile String library;

    private final EspeakNative lib;
    private final int sampleRate;
    private final ReentrantLock lock = new ReentrantLock();
    private String currentVoice;
    private ShortBuffer sink;
    // Held in a field so that the native side never calls a collected callback.
    private final EspeakNative.SynthCallback callback = (wav, numSamples, events) -> {
        ShortBuffer s = sink;
        if (s != null && wav != null && numSamples > 0) s.add(wav.getShortArray(0, numSamples));
        return 0;
    };

    private Espeak(EspeakNative lib) {
        this.lib = lib;
        int rate = lib.espeak_Initialize(EspeakNative.AUDIO_OUTPUT_SYNCHRONOUS, 0, null, EspeakNative.INITIALIZE_DONT_EXIT);
        if (rate <= 0) throw new EngineUnavailableException("espeak-ng failed to initialise (error " + rate
                + "); is espeak-ng-data installed? (apt-get install espeak-ng)");
        this.sampleRate = rate;
        lib.espeak_SetSynthCallback(callback);
    }

    /**
     * Names the library to try first ({@code tts.espeak_library}: a file path or a library name), before the usual
     * Debian and Fedora locations. Effective only before the library is first loaded; null for none.
     */
    public static void preferLibrary(String nameOrPath) {
        library = nameOrPath == null || nameOrPath.isBlank() ? null : nameOrPath.strip();
    }

    /**
     * The shared instance, loading the library on first use.
     *
     * @throws EngineUnavailableException when libespeak-ng is not installed
     */
    public static Espeak get() {
        Espeak e = instance;
        if (e != null) return e;
        synchronized (INIT) {
            if (instance != null) return instance;
            if (loadError != null) throw new EngineUnavailableException(loadError);
            List<String> candidates = new ArrayList<>();
            String override = library;
            if (override != null) candidates.add(override);
            candidates.addAll(List.of(LIBRARY_CANDIDATES));
            Throwable last = null;
            for (String name : candidates) {
                try {
                    EspeakNative lib = Native.load(name, EspeakNative.class);
                    instance = new Espeak(lib);
                    return instance;
                } catch (UnsatisfiedLinkError err) {
                    last = err;
                }
            }
            loadError = "libespeak-ng not found (install it: apt-get install espeak-ng): "
                    + (last == null ? "" : last.getMessage());
            throw new EngineUnavailableException(loadError, last);
        }
    }

    /** Whether libespeak-ng can be loaded on this host. */
    public static boolean available() {
        try {
            get();
            return true;
        } catch (EngineUnavailableException e) {
            return false;
        }
    }

    /** The rate of {@link #synthesize} output (22050 Hz for espeak-ng). */
    public int sampleRate() {
        return sampleRate;
    }

    /** One clause of IPA phonemes and the punctuation that ended it ({@code 0} when none). */
    public record Clause(String ipa, char terminator) {}

    /**
     * Text to IPA phonemes with stress marks, clause by clause, as {@code espeak_TextToPhonemes} reports them (words
     * separated by single spaces). Language-switch flags such as {@code (fr)} are removed, keeping the phonemes
     * between them, as piper-phonemize does.
     *
     * @param voice an espeak-ng voice name, e.g. {@code en-us}
     * @throws IllegalArgumentException when the voice does not exist
     */
    public List<Clause> phonemize(String text, String voice) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<Clause> out = new ArrayList<>();
        if (utf8.length == 0) return out;
        Memory mem = new Memory(utf8.length + 1L);
        mem.write(0, utf8, 0, utf8.length);
        mem.setByte(utf8.length, (byte) 0);
        long base = Pointer.nativeValue(mem);
        lock.lock();
        try {
            setVoice(voice);
            PointerByReference ref = new PointerByReference(mem);
            int guard = 0;
            while (ref.getValue() != null && guard++ < 100_000) {
                Pointer p = lib.espeak_TextToPhonemes(ref, EspeakNative.CHARS_UTF8, EspeakNative.PHONEMES_IPA);
                String ipa = p == null ? "" : p.getString(0, "UTF-8");
                Pointer next = ref.getValue();
                // As piper-phonemize: espeak has read one character past the clause, so the terminator is the
                // last non-blank byte before (next - 1); at the end of the text, the last non-blank byte.
                int end = next == null ? utf8.length + 1 : (int) (Pointer.nativeValue(next) - base);
                char term = 0;
                for (int i = Math.min(end - 2, utf8.length - 1); i >= 0; i--) {
                    byte b = utf8[i];
                    if (b == ' ' || b == '\n' || b == '\t' || b == '\r') continue;
                    if (".,?!:;".indexOf(b) >= 0) term = (char) b;
                    break;
                }
                ipa = stripLanguageFlags(ipa).strip();
                if (!ipa.isEmpty() || term != 0) out.add(new Clause(ipa, term));
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    static String stripLanguageFlags(String ipa) {
        if (ipa.indexOf('(') < 0) return ipa;
        StringBuilder sb = new StringBuilder(ipa.length());
        boolean in = false;
        for (int i = 0; i < ipa.length(); i++) {
            char c = ipa.charAt(i);
            if (in) {
                if (c == ')') in = false;
            } else if (c == '(') {
                in = true;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Synthesises text with espeak-ng's own formant voice.
     *
     * @param voice    espeak voice, optionally with a variant ({@code en-us+f3}, {@code en+whisper})
     * @param rateWpm  words per minute (80..450, 175 normal)
     * @param pitch    base pitch 0..100 (50 normal)
     * @param volume   amplitude 0..200 (100 normal)
     * @return 16-bit samples at {@link #sampleRate()}, a new array owned by the caller
     */
    public short[] synthesize(String text, String voice, int rateWpm, int pitch, int volume) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Memory mem = new Memory(utf8.length + 1L);
        mem.write(0, utf8, 0, utf8.length);
        mem.setByte(utf8.length, (byte) 0);
        lock.lock();
        try {
            setVoice(voice);
            lib.espeak_SetParameter(EspeakNative.PARAM_RATE, clamp(rateWpm, 80, 450), 0);
            lib.espeak_SetParameter(EspeakNative.PARAM_PITCH, clamp(pitch, 0, 100), 0);
            lib.espeak_SetParameter(EspeakNative.PARAM_VOLUME, clamp(volume, 0, 200), 0);
            sink = new ShortBuffer();
            int rc = lib.espeak_Synth(mem, utf8.length + 1L, 0, EspeakNative.POS_CHARACTER, 0,
                    EspeakNative.CHARS_UTF8 | EspeakNative.ENDPAUSE, null, null);
            if (rc != 0) throw new TtsException("espeak_Synth failed with error " + rc);
            return sink.toArray();
        } finally {
            sink = null;
            lock.unlock();
        }
    }

    private void setVoice(String voice) {
        if (voice.equals(currentVoice)) return;
        int rc = lib.espeak_SetVoiceByName(voice);
        if (rc != 0) {
            currentVoice = null;
            throw new IllegalArgumentException("espeak-ng has no voice '" + voice + "'");
        }
        currentVoice = voice;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static final class ShortBuffer {
        private short[] data = new short[22050];
        private int size;

        void add(short[] s) {
            if (size + s.length > data.length) data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + s.length));
            System.arraycopy(s, 0, data, size, s.length);
            size += s.length;
        }

        short[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
