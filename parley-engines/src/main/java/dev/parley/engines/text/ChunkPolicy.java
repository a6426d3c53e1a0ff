package dev.parley.engines.text;

/**
 * How long the chunks of one utterance may be: the one chunk policy of every speech path (REST, WebSocket, the voice
 * agent). The first chunk is short, so the first audio is ready early; each next one may be twice as long, up to
 * {@code maxChars}, so the next chunk is ready before the current one has finished playing even on an engine near
 * real time. Chunks are cut at sentence ends, then clause marks, then spaces ({@link SentenceSplitter}). The request
 * chooses the first chunk's limit ({@link #forLatency}); the engine that speaks may lower it ({@link #firstAtMost},
 * from {@code TtsEngine.firstChunkChars()}: a slow engine wants a shorter first chunk). Immutable.
 *
 * @param firstChars limit of the first chunk of an utterance
 * @param maxChars   limit of any chunk
 */
public record ChunkPolicy(int firstChars, int maxChars) {
    /** The limit of later chunks. */
    public static final int MAX_CHARS = 250;
    /** {@code optimize_streaming_latency} 0, 1, 2: the first chunk's limit. */
    private static final int[] FIRST_CHARS = {48, 32, 20};
    /** The shortest first-chunk limit: shorter chunks would cut words into single syllables. */
    public static final int MIN_FIRST_CHARS = 8;
    /** The default: a 48-character first chunk. */
    public static final ChunkPolicy DEFAULT = new ChunkPolicy(FIRST_CHARS[0], MAX_CHARS);

    public ChunkPolicy {
        if (firstChars < MIN_FIRST_CHARS || maxChars < firstChars) throw new IllegalArgumentException("bad chunk limits");
    }

    /**
     * The policy for the API's {@code optimize_streaming_latency}: 0 keeps the default 48-character first chunk, 1 and
     * 2 trade prosody at the first cut for an earlier first audio (32 and 20 characters). Out-of-range values clamp.
     */
    public static ChunkPolicy forLatency(int optimizeStreamingLatency) {
        return new ChunkPolicy(FIRST_CHARS[Math.clamp(optimizeStreamingLatency, 0, 2)], MAX_CHARS);
    }

    /**
     * This policy with a first chunk of at most {@code chars} characters (not below the policy's floor of 8): the
     * smaller of the request's and the engine's limit; the chunks after it double from there as always.
     */
    public ChunkPolicy firstAtMost(int chars) {
        int first = Math.max(MIN_FIRST_CHARS, Math.min(firstChars, chars));
        return first == firstChars ? this : new ChunkPolicy(first, maxChars);
    }

    /** The limit of chunk {@code index} of the utterance (0 is the first): doubling from the first, up to the max. */
    public int limit(int index) {
        return (int) Math.min(maxChars, (long) firstChars << Math.min(index, 16));
    }
}
