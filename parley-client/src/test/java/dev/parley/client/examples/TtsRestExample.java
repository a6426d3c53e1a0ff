package dev.parley.client.examples;

import dev.parley.client.AudioCodec;
import dev.parley.client.OutputFormat;
import dev.parley.client.TtsRequest;
import dev.parley.client.VoiceClient;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code POST /v1/tts}, streamed to a file as it is synthesised.
 * Usage: {@code TtsRestExample "Hello there." out.mp3 [voice] [sampleRate]} (codec from the file extension).
 */
public final class TtsRestExample {
    public static void main(String[] args) throws Exception {
        String text = args[0];
        Path out = Path.of(args[1]);
        String voice = args.length > 2 ? args[2] : "ara";
        String name = out.getFileName().toString();
        AudioCodec codec = AudioCodec.of(name.substring(name.lastIndexOf('.') + 1));
        OutputFormat format = args.length > 3 ? OutputFormat.of(codec, Integer.parseInt(args[3])) : OutputFormat.of(codec);
        try (VoiceClient client = ExampleEnv.client();
                OutputStream file = Files.newOutputStream(out)) {
            long[] bytes = {0};
            client.speech(TtsRequest.of(text).withVoice(voice).withFormat(format), chunk -> {
                try {
                    file.write(chunk);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                bytes[0] += chunk.length;
            });
            System.out.println("wrote " + bytes[0] + " bytes of " + codec.contentType() + " to " + out);
        }
    }
}
