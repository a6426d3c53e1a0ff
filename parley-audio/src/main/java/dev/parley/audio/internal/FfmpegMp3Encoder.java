package dev.parley.audio.internal;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.io.ByteArrayOutputStream;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * libmp3lame through FFmpeg: mono float in, raw MPEG audio frames out (no ID3/Xing header, so any split of
 * the output concatenates to a playable stream). Every method must run on an {@link FfmpegExecutor} thread,
 * one call at a time.
 */
public final class FfmpegMp3Encoder {
    private static final int EAGAIN = -11;

    static {
        Ffmpeg.init();
    }

    private AVCodecContext ctx;
    private AVFrame frame;
    private AVPacket pkt;
    private final int frameSize;
    private final float[] pending;
    private int pendingCount;
    private long pts;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public FfmpegMp3Encoder(int sampleRate, int bitRate) {
        AVCodec codec = avcodec_find_encoder_by_name("libmp3lame");
        if (codec == null || codec.isNull()) throw new IllegalStateException("this FFmpeg build has no libmp3lame encoder");
        ctx = avcodec_alloc_context3(codec);
        try {
            ctx.bit_rate(bitRate);
            ctx.sample_rate(sampleRate);
            ctx.sample_fmt(AV_SAMPLE_FMT_FLTP);
            av_channel_layout_default(ctx.ch_layout(), 1);
            ctx.time_base().num(1).den(sampleRate);
            int ret = avcodec_open2(ctx, codec, (AVDictionary) null);
            if (ret < 0) {
                throw new IllegalArgumentException("cannot open the MP3 encoder at " + sampleRate + " Hz, "
                        + bitRate + " bit/s (FFmpeg: " + Ffmpeg.error(ret) + ")");
            }
            frameSize = ctx.frame_size();
            pending = new float[frameSize];
            frame = av_frame_alloc();
            frame.nb_samples(frameSize);
            frame.format(AV_SAMPLE_FMT_FLTP);
            frame.sample_rate(sampleRate);
            av_channel_layout_default(frame.ch_layout(), 1);
            ret = av_frame_get_buffer(frame, 0);
            if (ret < 0) throw new IllegalStateException("cannot allocate an audio frame: " + Ffmpeg.error(ret));
            pkt = av_packet_alloc();
        } catch (RuntimeException | Error e) {
            free();
            throw e;
        }
    }

    /** Feeds samples; returns the MP3 bytes completed so far (possibly empty). */
    public byte[] encode(float[] samples, int offset, int length) {
        check();
        int i = 0;
        while (i < length) {
            int k = Math.min(length - i, frameSize - pendingCount);
            System.arraycopy(samples, offset + i, pending, pendingCount, k);
            pendingCount += k;
            i += k;
            if (pendingCount == frameSize) sendPending();
        }
        return take();
    }

    /** Encodes what is buffered, flushes the encoder, returns the last bytes and frees the native state. */
    public byte[] finish() {
        check();
        try {
            if (pendingCount > 0) sendPending();
            int ret = avcodec_send_frame(ctx, null);
            if (ret < 0 && ret != AVERROR_EOF) throw new IllegalStateException("MP3 flush failed: " + Ffmpeg.error(ret));
            receive();
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
    }

    private void check() {
        if (ctx == null) throw new IllegalStateException("the MP3 encoder is finished or closed");
    }

    private void sendPending() {
        int ret = av_frame_make_writable(frame);
        if (ret < 0) throw new IllegalStateException("cannot write an audio frame: " + Ffmpeg.error(ret));
        frame.nb_samples(pendingCount);
        new FloatPointer(frame.data(0)).put(pending, 0, pendingCount);
        frame.pts(pts);
        pts += pendingCount;
        pendingCount = 0;
        ret = avcodec_send_frame(ctx, frame);
        if (ret < 0) throw new IllegalStateException("MP3 encoding failed: " + Ffmpeg.error(ret));
        receive();
    }

    private void receive() {
        while (true) {
            int ret = avcodec_receive_packet(ctx, pkt);
            if (ret == EAGAIN || ret == AVERROR_EOF) return;
            if (ret < 0) throw new IllegalStateException("MP3 encoding failed: " + Ffmpeg.error(ret));
            try {
                int n = pkt.size();
                byte[] b = new byte[n];
                pkt.data().position(0).get(b, 0, n);
                out.write(b, 0, n);
            } finally {
                av_packet_unref(pkt);
            }
        }
    }

    private byte[] take() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }
}
