package dev.parley.audio.internal;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * A mono FFmpeg encoder, optionally behind a muxer that writes through a custom AVIOContext (no files, no
 * protocols): float samples in, container bytes out. Input is cut into the codec's frame size (the last frame may
 * be short: every codec used here accepts a small last frame); after each call the muxer is flushed (Ogg closes its
 * open page) so the bytes of every complete frame come back at once. Without a muxer the raw packets are returned
 * (MP3: raw MPEG frames, any split of which concatenates to a playable stream).
 *
 * <p>Every method must run on an {@link FfmpegExecutor} thread, one call at a time.
 */
public final class FfmpegStreamEncoder {
    private static final int EAGAIN = -11;
    private static final int IO_BUFFER = 16 * 1024;
    private static final int CUSTOM_IO = 0x0080; // AVFMT_FLAG_CUSTOM_IO
    private static final int BITEXACT = 0x0400; // AVFMT_FLAG_BITEXACT
    /** Frame size for codecs without a fixed one (FLAC): 4096 samples (~170 ms at 24 kHz). */
    private static final int VARIABLE_FRAME = 4096;

    static {
        Ffmpeg.init();
    }

    /** Where the write callback appends, keyed by the opaque pointer's address. */
    private static final ConcurrentHashMap<Long, ByteArrayOutputStream> SINKS = new ConcurrentHashMap<>();

    private static final class WriteCallback extends Write_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            try {
                ByteArrayOutputStream sink = SINKS.get(opaque.address());
                if (sink == null || size < 0) return AVERROR_EOF;
                byte[] b = new byte[size];
                buf.position(0).get(b, 0, size);
                sink.write(b, 0, size);
                return size;
            } catch (Throwable t) {
                return AVERROR_EOF;
            }
        }
    }

    private static final WriteCallback WRITE = new WriteCallback(); // one JavaCPP callback, told apart by opaque

    private final String label;
    private final boolean s16;
    private final int frameSize;
    private final float[] pending;
    private final short[] pending16;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private AVCodecContext ctx;
    private AVFrame frame;
    private AVPacket pkt;
    private AVFormatContext fmt;
    private AVIOContext avio;
    private AVStream stream;
    private BytePointer opaque;
    private int pendingCount;
    private long pts;

    /**
     * Opens the encoder and writes the container header (returned by the first {@link #encode}).
     *
     * @param codecName  FFmpeg encoder name ({@code libopus}, {@code aac}, {@code flac}, {@code libmp3lame})
     * @param s16        feed signed 16-bit samples (else 32-bit float)
     * @param planar     the encoder wants a planar sample format (same layout for mono)
     * @param muxer      FFmpeg muxer name ({@code ogg}, {@code adts}, {@code flac}), or null for raw packets
     * @param bitRate    bits per second, or 0 for the codec's default (lossless codecs ignore it)
     * @param label      the format's name for messages
     */
    public FfmpegStreamEncoder(String codecName, boolean s16, boolean planar, String muxer, int sampleRate, int bitRate,
            String label) {
        this.label = label;
        this.s16 = s16;
        AVCodec codec = avcodec_find_encoder_by_name(codecName);
        if (codec == null || codec.isNull()) {
            throw new IllegalStateException("this FFmpeg build has no " + codecName + " encoder");
        }
        try {
            if (muxer != null) openMuxer(muxer);
            ctx = avcodec_alloc_context3(codec);
            if (bitRate > 0) ctx.bit_rate(bitRate);
            ctx.sample_rate(sampleRate);
            ctx.sample_fmt(s16 ? (planar ? AV_SAMPLE_FMT_S16P : AV_SAMPLE_FMT_S16)
                    : (planar ? AV_SAMPLE_FMT_FLTP : AV_SAMPLE_FMT_FLT));
            av_channel_layout_default(ctx.ch_layout(), 1);
            ctx.time_base().num(1).den(sampleRate);
            ctx.thread_count(1);
            // Ogg, ADTS and FLAC all take the codec's set-up (OpusHead, AudioSpecificConfig, STREAMINFO) as extradata.
            if (muxer != null) ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            int ret = avcodec_open2(ctx, codec, (AVDictionary) null);
            if (ret < 0) {
                throw new IllegalArgumentException("cannot open the " + label + " encoder at " + sampleRate + " Hz"
                        + (bitRate > 0 ? ", " + bitRate + " bit/s" : "") + " (FFmpeg: " + Ffmpeg.error(ret) + ")");
            }
            frameSize = ctx.frame_size() > 0 ? ctx.frame_size() : VARIABLE_FRAME;
            pending = new float[frameSize];
            pending16 = s16 ? new short[frameSize] : null;
            frame = av_frame_alloc();
            frame.nb_samples(frameSize);
            frame.format(ctx.sample_fmt());
            frame.sample_rate(sampleRate);
            av_channel_layout_default(frame.ch_layout(), 1);
            ret = av_frame_get_buffer(frame, 0);
            if (ret < 0) throw new IllegalStateException("cannot allocate an audio frame: " + Ffmpeg.error(ret));
            pkt = av_packet_alloc();
            if (muxer != null) writeHeader();
        } catch (RuntimeException | Error e) {
            free();
            throw e;
        }
    }

    private void openMuxer(String muxer) {
        AVOutputFormat of = av_guess_format(muxer, null, null);
        if (of == null || of.isNull()) throw new IllegalStateException("this FFmpeg build has no " + muxer + " muxer");
        fmt = avformat_alloc_context();
        if (fmt == null || fmt.isNull()) throw new OutOfMemoryError("cannot allocate an FFmpeg muxer");
        fmt.oformat(of);
        opaque = new BytePointer(1); // a unique address to find our sink in the callback
        SINKS.put(opaque.address(), out);
        BytePointer ioBuf = new BytePointer(av_malloc(IO_BUFFER));
        avio = avio_alloc_context(ioBuf, IO_BUFFER, 1, opaque, null, WRITE, null); // not seekable: a live stream
        if (avio == null || avio.isNull()) {
            av_free(ioBuf);
            avio = null;
            throw new OutOfMemoryError("cannot allocate an FFmpeg I/O context");
        }
        fmt.pb(avio);
        fmt.flags(fmt.flags() | CUSTOM_IO | BITEXACT); // bit-exact: no encoder version strings
        stream = avformat_new_stream(fmt, null);
        if (stream == null || stream.isNull()) throw new OutOfMemoryError("cannot allocate an FFmpeg stream");
    }

    private void writeHeader() {
        int ret = avcodec_parameters_from_context(stream.codecpar(), ctx);
        if (ret < 0) throw new IllegalStateException("cannot set up the " + label + " muxer: " + Ffmpeg.error(ret));
        stream.time_base(ctx.time_base());
        ret = avformat_write_header(fmt, (AVDictionary) null);
        if (ret < 0) throw new IllegalStateException("cannot write the " + label + " header: " + Ffmpeg.error(ret));
        avio_flush(avio);
    }

    /** Feeds samples (NaN reads as 0, values are clamped to [-1, 1]); returns the bytes completed so far. */
    public byte[] encode(float[] samples, int offset, int length) {
        check();
        int i = 0;
        while (i < length) {
            int k = Math.min(length - i, frameSize - pendingCount);
            for (int j = 0; j < k; j++) {
                float v = samples[offset + i + j];
                pending[pendingCount + j] = v != v ? 0f : Math.max(-1f, Math.min(1f, v));
            }
            pendingCount += k;
            i += k;
            if (pendingCount == frameSize) sendPending();
        }
        flushMuxer();
        return take();
    }

    /** Encodes what is buffered, flushes encoder and muxer, returns the last bytes and frees the native state. */
    public byte[] finish() {
        check();
        try {
            if (pendingCount > 0) sendPending();
            int ret = avcodec_send_frame(ctx, null);
            if (ret < 0 && ret != AVERROR_EOF) {
                throw new IllegalStateException(label + " flush failed: " + Ffmpeg.error(ret));
            }
            receive();
            if (fmt != null) {
                ret = av_write_trailer(fmt);
                if (ret < 0) throw new IllegalStateException("cannot end the " + label + " stream: " + Ffmpeg.error(ret));
                avio_flush(avio);
            }
            return take();
        } finally {
            free();
        }
    }

    /** Frees the native state; idempotent. */
    public void free() {
        if (frame != null) av_frame_free(frame);
        if (pkt != null) av_packet_free(pkt);
        if (ctx != null) avcodec_free_context(ctx);
        frame = null;
        pkt = null;
        ctx = null;
        if (fmt != null) avformat_free_context(fmt); // custom I/O: the AVIOContext is ours to free
        fmt = null;
        stream = null;
        if (avio != null) {
            av_free(avio.buffer()); // FFmpeg may have replaced our buffer
            avio_context_free(avio);
            avio = null;
        }
        if (opaque != null) {
            SINKS.remove(opaque.address());
            opaque.close();
            opaque = null;
        }
    }

    private void check() {
        if (ctx == null) throw new IllegalStateException("the " + label + " encoder is finished or closed");
    }

    private void sendPending() {
        int ret = av_frame_make_writable(frame);
        if (ret < 0) throw new IllegalStateException("cannot write an audio frame: " + Ffmpeg.error(ret));
        frame.nb_samples(pendingCount);
        if (s16) {
            for (int i = 0; i < pendingCount; i++) pending16[i] = (short) Math.round(pending[i] * 32767f);
            new ShortPointer(frame.data(0)).put(pending16, 0, pendingCount); // one copy, not a native call per sample
        } else {
            new FloatPointer(frame.data(0)).put(pending, 0, pendingCount);
        }
        frame.pts(pts);
        pts += pendingCount;
        pendingCount = 0;
        ret = avcodec_send_frame(ctx, frame);
        if (ret < 0) throw new IllegalStateException(label + " encoding failed: " + Ffmpeg.error(ret));
        receive();
    }

    private void receive() {
        while (true) {
            int ret = avcodec_receive_packet(ctx, pkt);
            if (ret == EAGAIN || ret == AVERROR_EOF) return;
            if (ret < 0) throw new IllegalStateException(label + " encoding failed: " + Ffmpeg.error(ret));
            try {
                if (fmt != null) {
                    pkt.stream_index(0);
                    av_packet_rescale_ts(pkt, ctx.time_base(), stream.time_base());
                    ret = av_write_frame(fmt, pkt);
                    if (ret < 0) throw new IllegalStateException("cannot mux " + label + ": " + Ffmpeg.error(ret));
                } else {
                    int n = pkt.size();
                    byte[] b = new byte[n];
                    pkt.data().position(0).get(b, 0, n);
                    out.write(b, 0, n);
                }
            } finally {
                av_packet_unref(pkt);
            }
        }
    }

    /** Pushes complete pages/frames out of the muxer and the I/O buffer into {@link #out}. */
    private void flushMuxer() {
        if (fmt == null) return;
        av_write_frame(fmt, null); // Ogg writes out its open page; muxers that cannot flush ignore it
        avio_flush(avio);
    }

    private byte[] take() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }
}
