package dev.parley.cli;

import dev.parley.client.AudioCodec;
import dev.parley.client.OutputFormat;
import dev.parley.client.TtsRequest;
import dev.parley.client.VoiceClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley tts "text" -v ara -o out.mp3}: {@code POST /v1/tts}, streamed into a file as it is synthesised. */
@Command(name = "tts", mixinStandardHelpOptions = true,
        description = {"Synthesise speech (POST /v1/tts) into a file.",
                "The codec comes from the file extension (mp3, wav, pcm/raw, ulaw/mulaw, alaw) or --format."})
public final class TtsCommand extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "TEXT", description = "Text to speak (speech tags allowed); '-' reads standard input.")
    String text;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output file; '-' writes to standard output (needs --format).")
    String output;

    @Option(names = {"-v", "--voice"}, paramLabel = "VOICE", defaultValue = "eve", description = "Voice id (default ${DEFAULT-VALUE}).")
    String voice;

    @Option(names = {"-f", "--format"}, paramLabel = "CODEC", description = "mp3, wav, pcm, mulaw or alaw (default: from the extension).")
    String format;

    @Option(names = "--sample-rate", paramLabel = "HZ", description = "8000, 16000, 22050, 24000 (default), 44100 or 48000.")
    Integer sampleRate;

    @Option(names = "--bit-rate", paramLabel = "BPS", description = "MP3 bit rate, 32000..192000 (default 128000).")
    Integer bitRate;

    @Option(names = "--speed", paramLabel = "X", description = "0.7..1.5 (default 1.0).")
    Double speed;

    @Option(names = {"-l", "--language"}, paramLabel = "LANG", defaultValue = "en", description = "Language code or auto (default ${DEFAULT-VALUE}).")
    String language;

    public TtsCommand() {
        this(System.getenv());
    }

    TtsCommand(Map<String, String> env) {
        super(env);
    }

    AudioCodec codec() {
        if (format != null) return AudioCodec.of(format);
        String name = Path.of(output).getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (output.equals("-") || dot < 0) {
            throw new IllegalArgumentException("cannot tell the codec of '" + output + "': give --format");
        }
        return AudioCodec.of(name.substring(dot + 1));
    }

    @Override
    int run(VoiceClient client) throws Exception {
        AudioCodec codec = codec();
        String words = text.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : text;
        TtsRequest request = TtsRequest.of(words).withLanguage(language).withVoice(voice)
                .withFormat(new OutputFormat(codec, sampleRate, bitRate));
        if (speed != null) request = request.withSpeed(speed);
        long bytes;
        if (output.equals("-")) {
            try (InputStream in = client.speechStream(request)) {
                bytes = in.transferTo(System.out);
                System.out.flush();
            }
        } else {
            Path file = Path.of(output);
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".parley-tts-", ".part");
            try {
                try (InputStream in = client.speechStream(request); OutputStream o = Files.newOutputStream(tmp)) {
                    bytes = in.transferTo(o);
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
        if (!output.equals("-")) {
            err().printf("parley: wrote %s (%,d bytes, %s)%n", output, bytes, codec.contentType());
        }
        return 0;
    }

}
