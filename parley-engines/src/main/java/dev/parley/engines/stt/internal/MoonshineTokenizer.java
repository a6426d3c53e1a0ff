package dev.parley.engines.stt.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Moonshine's SentencePiece vocabulary, read from {@code tokens.txt} ({@code piece<TAB>id}) or, when that is absent,
 * from {@code tokenizer.bin} (length-prefixed UTF-8 records, record index = id). Immutable, thread-safe.
 */
public final class MoonshineTokenizer {
    private final byte[][] pieces; // UTF-8 of each piece, with U+2581 already replaced by a space; null = skip
    private final int[] rawByte;   // byte value for <0xNN> tokens, else -1

    private MoonshineTokenizer(List<String> vocab) {
        pieces = new byte[vocab.size()][];
        rawByte = new int[vocab.size()];
        for (int id = 0; id < vocab.size(); id++) {
            String p = vocab.get(id);
            rawByte[id] = -1;
            if (p == null || id <= 2 || (p.startsWith("<<ST_") && p.endsWith(">>"))) continue;
            if (p.length() == 6 && p.startsWith("<0x") && p.endsWith(">")) {
                rawByte[id] = Integer.parseInt(p.substring(3, 5), 16);
                continue;
            }
            pieces[id] = p.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Loads {@code tokens.txt} from the model dir, else {@code tokenizer.bin}. */
    public static MoonshineTokenizer load(Path modelDir) {
        Path txt = modelDir.resolve("tokens.txt");
        try {
            if (Files.isRegularFile(txt)) {
                // split on '\n' only: some pieces contain '\r'
                return fromTokensTxt(List.of(Files.readString(txt, StandardCharsets.UTF_8).split("\n", -1)));
            }
            Path bin = modelDir.resolve("tokenizer.bin");
            dev.parley.engines.runtime.Native.requireModelFile(bin);
            return fromTokenizerBin(Files.readAllBytes(bin));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Moonshine tokenizer in " + modelDir, e);
        }
    }

    static MoonshineTokenizer fromTokensTxt(List<String> lines) {
        List<String> vocab = new ArrayList<>(32768);
        for (String line : lines) {
            if (line.isEmpty()) continue;
            int tab = line.lastIndexOf('\t');
            if (tab < 0) throw new IllegalArgumentException("bad tokens.txt line: " + line);
            int id = Integer.parseInt(line.substring(tab + 1).trim());
            while (vocab.size() <= id) vocab.add(null);
            vocab.set(id, line.substring(0, tab));
        }
        return new MoonshineTokenizer(vocab);
    }

    /** Parses tokenizer.bin: per record a length (1 byte if < 128, else {@code b0 - 128 + 128 * b1}) then UTF-8. */
    public static MoonshineTokenizer fromTokenizerBin(byte[] bin) {
        List<String> vocab = new ArrayList<>(32768);
        int i = 0;
        while (i < bin.length) {
            int b0 = bin[i++] & 0xff;
            int len = b0;
            if (b0 >= 128) {
                if (i >= bin.length) throw new IllegalArgumentException("truncated tokenizer.bin");
                len = b0 - 128 + 128 * (bin[i++] & 0xff);
            }
            if (i + len > bin.length) throw new IllegalArgumentException("truncated tokenizer.bin");
            vocab.add(new String(bin, i, len, StandardCharsets.UTF_8));
            i += len;
        }
        return new MoonshineTokenizer(vocab);
    }

    /** Vocabulary size. */
    public int size() {
        return pieces.length;
    }

    /** Text of a token sequence: specials skipped, byte tokens joined as UTF-8, word marks as spaces, trimmed. */
    public String decode(long[] ids, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k < count; k++) {
            int id = (int) ids[k];
            if (id < 0 || id >= pieces.length) continue;
            if (rawByte[id] >= 0) out.write(rawByte[id]);
            else if (pieces[id] != null) out.writeBytes(pieces[id]);
        }
        return out.toString(StandardCharsets.UTF_8).strip().replaceAll(" {2,}", " ");
    }
}
