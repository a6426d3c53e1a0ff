package dev.parley.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MoonshineTokensTest {

    @Test
    void derivedTokensTxtEqualsTheSharedTokensTxtByteForByte() throws IOException {
        Path dir = shared().resolve("models/moonshine-tiny-en-int8");
        byte[] derived = MoonshineTokens.toTokensTxt(Files.readAllBytes(dir.resolve("tokenizer.bin")));
        assertThat(Sha256.of(derived)).isEqualTo("a680528a14d53ed4a714896a35eb6e3aa74827dfd6ca4970535a0e24a439d468");
        assertThat(derived).isEqualTo(Files.readAllBytes(dir.resolve("tokens.txt")));
    }

    @Test
    void byteTokensAreWrittenAsHexAndOtherPiecesVerbatim() {
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        record(bin, "<unk>");
        record(bin, "<s>");
        record(bin, "</s>");
        for (int b = 0; b < 256; b++) record(bin, new byte[] {(byte) b});
        record(bin, "\u2581the");
        record(bin, ";\r");
        record(bin, "");
        String txt = new String(MoonshineTokens.toTokensTxt(bin.toByteArray()), StandardCharsets.UTF_8);
        assertThat(txt).startsWith("<unk>\t0\n<s>\t1\n</s>\t2\n<0x00>\t3\n<0x01>\t4\n");
        assertThat(txt).contains("<0x0A>\t13\n", "<0xFF>\t258\n");
        assertThat(txt).endsWith("\u2581the\t259\n;\r\t260\n\t261\n");
    }

    @Test
    void lengthsOf128OrMoreUseTwoBytes() {
        String piece = "x".repeat(300);
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        record(bin, piece);
        assertThat(bin.toByteArray()[0] & 0xff).isEqualTo(300 % 128 + 128);
        assertThat(new String(MoonshineTokens.toTokensTxt(bin.toByteArray()), StandardCharsets.UTF_8))
                .isEqualTo(piece + "\t0\n");
    }

    @Test
    void recordRunningPastTheEndIsRejected() {
        assertThatThrownBy(() -> MoonshineTokens.toTokensTxt(new byte[] {5, 'a', 'b'}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 0 runs past the end");
    }

    private static void record(ByteArrayOutputStream out, String s) {
        record(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void record(ByteArrayOutputStream out, byte[] b) {
        if (b.length < 128) {
            out.write(b.length);
        } else {
            out.write(b.length % 128 + 128);
            out.write(b.length / 128);
        }
        out.writeBytes(b);
    }

    private static Path shared() {
        String p = System.getProperty("parley.shared.dir");
        if (p != null && Files.isDirectory(Path.of(p))) return Path.of(p);
        return Path.of("").toAbsolutePath().getParent().resolveSibling("shared");
    }
}
