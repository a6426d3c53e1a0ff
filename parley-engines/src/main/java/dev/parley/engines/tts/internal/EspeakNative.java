package dev.parley.engines.tts.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** JNA mapping of the parts of {@code libespeak-ng} (speak_lib.h) Parley uses. Not thread-safe: see {@link Espeak}. */
public interface EspeakNative extends Library {
    int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    int INITIALIZE_DONT_EXIT = 0x8000;
    int CHARS_UTF8 = 1;
    int ENDPAUSE = 0x1000;
    int PHONEMES_IPA = 0x02;
    int POS_CHARACTER = 1;
    int PARAM_RATE = 1;
    int PARAM_VOLUME = 2;
    int PARAM_PITCH = 3;
    int PARAM_RANGE = 4;

    /** {@code int (t_espeak_callback)(short*, int, espeak_EVENT*)}; return 0 to continue, 1 to abort. */
    interface SynthCallback extends Callback {
        int invoke(Pointer wav, int numSamples, Pointer events);
    }

    int espeak_Initialize(int output, int bufLengthMs, String path, int options);

    int espeak_SetVoiceByName(String name);

    void espeak_SetSynthCallback(SynthCallback callback);

    int espeak_SetParameter(int parameter, int value, int relative);

    int espeak_Synth(Pointer text, long size, int position, int positionType, int endPosition, int flags,
                     Pointer uniqueIdentifier, Pointer userData);

    int espeak_Synchronize();

    Pointer espeak_TextToPhonemes(PointerByReference textPtr, int textMode, int phonemeMode);
}
