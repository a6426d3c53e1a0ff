package dev.parley.client.examples;

import dev.parley.client.SttRequest;
import dev.parley.client.Transcription;
import dev.parley.client.VoiceClient;
import dev.parley.client.Word;
import java.nio.file.Path;

/**
 * {@code POST /v1/stt}: upload a recording, print the transcript and each word with its times.
 * Usage: {@code SttRestExample recording.wav [language]}
 */
public final class SttRestExample {
    public static void main(String[] args) throws Exception {
        SttRequest.Builder request = SttRequest.file(Path.of(args[0]));
        if (args.length > 1) request.language(args[1]);
        try (VoiceClient client = ExampleEnv.client()) {
            Transcription t = client.transcribe(request.build());
            System.out.println(t.text());
            for (Word w : t.words()) System.out.printf("%7.2f %7.2f  %s%n", w.start(), w.end(), w.text());
            System.out.printf("duration %.2f s%n", t.duration());
        }
    }
}
