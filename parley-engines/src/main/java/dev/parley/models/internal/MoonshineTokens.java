package dev.parley.models.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Derives Moonshine's {@code tokens.txt} from its {@code tokenizer.bin}.
 *
 * <p>{@code tokenizer.bin} is a sequence of records, each a length (one byte if below 128, else two bytes:
 * {@code b0 - 128 + 128 * b1}) followed by that many bytes; the record index is the token id. {@code tokens.txt}
 * has one line per id: the piece, a tab, the id, {@code \n}. Ids 3 to 258 are the raw bytes 0x00 to 0xFF and are
 * written {@code <0xNN>} (upper-case hex); every other piece is copied byte for byte (some pieces contain
 * {@code \r}, one is empty), so readers must split lines on {@code \n} only and split on the last tab.
 */
public final class MoonshineTokens {
    private MoonshineTokens() {}

    /** Byte-token ids: {@code <0x00>} is id 3, {@code <0xFF>} is id 258. */
    static final int FIRST_BYTE_ID = 3;
    static final int LAST_BYTE_ID = 258;

    /**
     * Converts tokenizer.bin bytes to tokens.txt bytes.
     *
     * @throws IllegalArgumentException when a record runs past the end of the input
     */
    public static byte[] toTokensTxt(byte[] tokenizerBin) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(tokenizerBin.length * 2);
        int i = 0;
        int id = 0;
        while (i < tokenizerBin.length) {
            int len = tokenizerBin[i++] & 0xff;
            if (len >= 128) {
                if (i >= tokenizerBin.length) throw new IllegalArgumentException("tokenizer.bin: truncated length at record " + id);
                len = len - 128 + 128 * (tokenizerBin[i++] & 0xff);
            }
            if (i + len > tokenizerBin.length) {
                throw new IllegalArgumentException("tokenizer.bin: record " + id + " runs past the end of the file");
            }
            if (id >= FIRST_BYTE_ID && id <= LAST_BYTE_ID) {
                out.writeBytes(String.format("<0x%02X>", id - FIRST_BYTE_ID).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(tokenizerBin, i, len);
            }
            out.writeBytes(("\t" + id + "\n").getBytes(StandardCharsets.US_ASCII));
            i += len;
            id++;
        }
        return out.toByteArray();
    }

    /** Reads {@code tokenizerBin} and writes {@code tokensTxt}. */
    public static void derive(Path tokenizerBin, Path tokensTxt) throws IOException {
        byte[] txt = toTokensTxt(Files.readAllBytes(tokenizerBin));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tokensTxt))) {
            out.write(txt);
        }
    }
}
