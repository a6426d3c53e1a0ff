package dev.parley.audio.internal;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Decodes any audio FFmpeg can demux and decode, from memory or a file, through a custom AVIOContext
 * (no temp files, no FFmpeg protocols: nested opens such as playlists or concat scripts are refused by an
 * empty protocol whitelist). Must run on an {@link FfmpegExecutor} thread.
 */
public final class FfmpegDecoder {
    private static final int IO_BUFFER = 64 * 1024;
    private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux
    private static final int CUSTOM_IO = 0x0080; // AVFMT_FLAG_CUSTOM_IO

    static {
        Ffmpeg.init();
    }

    /** Random-access bytes FFmpeg reads from. Called on the decoding thread only. */
    public interface Source {
        long size();

        /** Copies up to {@code n} bytes at {@code position} into {@code dst}; returns the count, 0 at the end. */
        int read(long position, BytePointer dst, int n) throws IOException;
    }

    /** Bytes in a Java array (not copied; must not change while decoding). */
    public static Source of(byte[] data) {
        return new Source() {
            @Override
            public long size() {
                return data.length;
            }

            @Override
            public int read(long position, BytePointer dst, int n) {
                int k = (int) Math.min(n, data.length - position);
                if (k <= 0) return 0;
                dst.position(0).put(data, (int) position, k);
                return k;
            }
        };
    }

    /** An open file channel (positional reads straight into native memory). */
    public static Source of(FileChannel ch) throws IOException {
        long size = ch.size();
        return new Source() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public int read(long position, BytePointer dst, int n) throws IOException {
                int k = (int) Math.min(n, size - position);
                if (k <= 0) return 0;
                ByteBuffer bb = dst.position(0).capacity(k).asByteBuffer();
                int total = 0;
                while (bb.hasRemaining()) {
                    int r = ch.read(bb, position + total);
                    if (r < 0) break;
                    total += r;
                }
                return total;
            }
        };
    }

    private static final class Cursor {
        final Source source;
        long pos;

        Cursor(Source source) {
            this.source = source;
        }
    }

    private static final ConcurrentHashMap<Long, Cursor> CURSORS = new ConcurrentHashMap<>();

    private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            try {
                Cursor c = CURSORS.get(opaque.address());
                if (c == null) return AVERROR_EOF;
                int n = c.source.read(c.pos, buf, size);
                if (n <= 0) return AVERROR_EOF;
                c.pos += n;
                return n;
            } catch (Throwable t) {
                return AVERROR_EOF; // an I/O error reads as the end of the data; the decoder reports truncation
            }
        }
    }

    private static final class SeekCallback extends Seek_Pointer_long_int {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            try {
                Cursor c = CURSORS.get(opaque.address());
                if (c == null) return -1;
                long size = c.source.size();
                int w = whence & ~AVSEEK_FORCE;
                if (w == AVSEEK_SIZE) return size;
                long target = switch (w) {
                    case 0 -> offset;              // SEEK_SET
                    case 1 -> c.pos + offset;      // SEEK_CUR
                    case 2 -> size + offset;       // SEEK_END
                    default -> -1;
                };
                if (target < 0 || target > size) return -1;
                c.pos = target;
                return target;
            } catch (Throwable t) {
                return -1;
            }
        }
    }

    // JavaCPP callbacks are few and costly: one static instance each, told apart by the opaque pointer.
    private static final ReadCallback READ = new ReadCallback();
    private static final SeekCallback SEEK = new SeekCallback();

    private FfmpegDecoder() {}

    /**
     * Decodes the best audio stream of {@code source} at its native rate and channel count.
     *
     * @param maxSamples the most samples (all channels together) to decode before failing
     */
    public static AudioClip decode(Source source, long maxSamples) {
        if (source.size() == 0) throw new AudioFormatException("not an audio file: the input is empty");
        AVFormatContext fmt = avformat_alloc_context();
        BytePointer ioBuf = new BytePointer(av_malloc(IO_BUFFER));
        BytePointer opaque = new BytePointer(1); // a unique address to find our cursor in the callbacks
        AVIOContext avio = avio_alloc_context(ioBuf, IO_BUFFER, 0, opaque, READ, null, SEEK);
        long key = opaque.address();
        CURSORS.put(key, new Cursor(source));
        AVCodecContext ctx = null;
        AVPacket pkt = null;
        AVFrame frame = null;
        boolean opened = false;
        try {
            fmt.pb(avio);
            fmt.flags(fmt.flags() | CUSTOM_IO);
            AVDictionary opts = new AVDictionary(null);
            av_dict_set(opts, "protocol_whitelist", "none", 0); // refuse nested opens (playlists, concat, ...)
            int ret = avformat_open_input(fmt, (String) null, null, opts);
            av_dict_free(opts);
            if (ret < 0) {
                throw new AudioFormatException("not an audio file, or a damaged one (FFmpeg: " + Ffmpeg.error(ret) + ")");
            }
            opened = true;
            ret = avformat_find_stream_info(fmt, (AVDictionary) null);
            if (ret < 0) {
                throw new AudioFormatException("damaged or truncated audio file (FFmpeg: " + Ffmpeg.error(ret) + ")");
            }
            int stream = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (stream < 0) throw new AudioFormatException("no audio stream in the file");
            AVCodecParameters par = fmt.streams(stream).codecpar();
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null || codec.isNull()) {
                throw new AudioFormatException("unsupported audio codec " + avcodec_get_name(par.codec_id()).getString());
            }
            ctx = avcodec_alloc_context3(codec);
            if (avcodec_parameters_to_context(ctx, par) < 0) {
                throw new AudioFormatException("unsupported audio stream parameters");
            }
            ctx.thread_count(1);
            ret = avcodec_open2(ctx, codec, (AVDictionary) null);
            if (ret < 0) {
                throw new AudioFormatException("cannot decode " + codec.name().getString() + " audio (FFmpeg: "
                        + Ffmpeg.error(ret) + ")");
            }
            pkt = av_packet_alloc();
            frame = av_frame_alloc();
            Collector out = new Collector(maxSamples);
            int badPackets = 0, goodPackets = 0;
            String readError = null;
            while (true) {
                ret = av_read_frame(fmt, pkt);
                if (ret < 0) {
                    if (ret != AVERROR_EOF) readError = Ffmpeg.error(ret);
                    break;
                }
                if (pkt.stream_index() == stream) {
                    int s = avcodec_send_packet(ctx, pkt);
                    if (s < 0 && s != EAGAIN) badPackets++;
                    else goodPackets++;
                    drain(ctx, frame, out);
                }
                av_packet_unref(pkt);
                if (Thread.currentThread().isInterrupted()) throw new AudioFormatException("decoding cancelled");
            }
            avcodec_send_packet(ctx, null); // flush the decoder
            drain(ctx, frame, out);
            if (out.frames == 0) {
                if (readError != null || badPackets > 0) {
                    throw new AudioFormatException("damaged or truncated audio: no audio could be decoded (FFmpeg: "
                            + (readError != null ? readError : "invalid data") + ")");
                }
                throw new AudioFormatException("no audio in the file: the audio stream is empty or truncated");
            }
            if (badPackets > goodPackets) {
                throw new AudioFormatException("damaged audio: " + badPackets + " of " + (badPackets + goodPackets)
                        + " packets could not be decoded");
            }
            return out.toClip();
        } finally {
            if (frame != null) av_frame_free(frame);
            if (pkt != null) av_packet_free(pkt);
            if (ctx != null) avcodec_free_context(ctx);
            // A failed avformat_open_input frees the context and nulls our reference.
            if (!fmt.isNull()) {
                if (opened) avformat_close_input(fmt);
                else avformat_free_context(fmt);
            }
            CURSORS.remove(key);
            if (avio != null && !avio.isNull()) {
                av_free(avio.buffer()); // FFmpeg may have replaced our buffer
                avio_context_free(avio);
            }
            opaque.close();
        }
    }

    private static void drain(AVCodecContext ctx, AVFrame frame, Collector out) {
        while (avcodec_receive_frame(ctx, frame) >= 0) {
            try {
                out.add(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /** Accumulates decoded frames as planar floats. */
    private static final class Collector {
        final long maxSamples;
        int rate;
        int channels;
        float[][] data;
        int frames;
        byte[] scratch = new byte[0];

        Collector(long maxSamples) {
            this.maxSamples = maxSamples;
        }

        void add(AVFrame f) {
            int n = f.nb_samples();
            int ch = f.ch_layout().nb_channels();
            int fr = f.sample_rate();
            if (n <= 0 || ch <= 0) return;
            if (data == null) {
                if (fr <= 0) throw new AudioFormatException("damaged audio: sample rate " + fr);
                if (ch > 64) throw new AudioFormatException("unsupported channel count " + ch);
                rate = fr;
                channels = ch;
                data = new float[ch][Math.max(n, 4096)];
            } else if (fr != rate || ch != channels) {
                throw new AudioFormatException("unsupported audio: the format changes mid-stream ("
                        + rate + " Hz/" + channels + " ch to " + fr + " Hz/" + ch + " ch)");
            }
            if ((frames + (long) n) * channels > maxSamples || frames + (long) n > Integer.MAX_VALUE - 16) {
                throw new AudioFormatException("audio too long: more than " + maxSamples + " samples decoded");
            }
            if (frames + n > data[0].length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(frames + (long) n, data[0].length * 2L));
                for (int c = 0; c < channels; c++) data[c] = Arrays.copyOf(data[c], cap);
            }
            int format = f.format();
            boolean planar = av_sample_fmt_is_planar(format) != 0;
            int bps = av_get_bytes_per_sample(format);
            if (bps <= 0) throw new AudioFormatException("unsupported decoded sample format " + format);
            int packed = format < 5 ? format : format == AV_SAMPLE_FMT_S64 ? format : packedOf(format);
            if (planar) {
                int bytes = n * bps;
                for (int c = 0; c < channels; c++) {
                    copy(f.extended_data(c), bytes);
                    convert(packed, bps, data[c], frames, n, 0, 1);
                }
            } else {
                int bytes = n * bps * channels;
                copy(f.extended_data(0), bytes);
                for (int c = 0; c < channels; c++) convert(packed, bps, data[c], frames, n, c, channels);
            }
            frames += n;
        }

        private static int packedOf(int planarFormat) {
            if (planarFormat == AV_SAMPLE_FMT_U8P) return AV_SAMPLE_FMT_U8;
            if (planarFormat == AV_SAMPLE_FMT_S16P) return AV_SAMPLE_FMT_S16;
            if (planarFormat == AV_SAMPLE_FMT_S32P) return AV_SAMPLE_FMT_S32;
            if (planarFormat == AV_SAMPLE_FMT_FLTP) return AV_SAMPLE_FMT_FLT;
            if (planarFormat == AV_SAMPLE_FMT_DBLP) return AV_SAMPLE_FMT_DBL;
            if (planarFormat == AV_SAMPLE_FMT_S64P) return AV_SAMPLE_FMT_S64;
            throw new AudioFormatException("unsupported decoded sample format " + planarFormat);
        }

        private void copy(BytePointer p, int bytes) {
            if (p == null || p.isNull()) throw new AudioFormatException("damaged audio: empty decoded frame");
            if (scratch.length < bytes) scratch = new byte[bytes];
            p.position(0).get(scratch, 0, bytes);
        }

        private void convert(int fmt, int bps, float[] dst, int at, int n, int first, int stride) {
            ByteBuffer b = ByteBuffer.wrap(scratch).order(ByteOrder.nativeOrder());
            for (int i = 0, k = first * bps; i < n; i++, k += stride * bps) {
                float v;
                if (fmt == AV_SAMPLE_FMT_FLT) v = b.getFloat(k);
                else if (fmt == AV_SAMPLE_FMT_S16) v = b.getShort(k) / 32768f;
                else if (fmt == AV_SAMPLE_FMT_S32) v = (float) (b.getInt(k) / 2147483648.0);
                else if (fmt == AV_SAMPLE_FMT_DBL) v = (float) b.getDouble(k);
                else if (fmt == AV_SAMPLE_FMT_U8) v = ((scratch[k] & 0xFF) - 128) / 128f;
                else if (fmt == AV_SAMPLE_FMT_S64) v = (float) (b.getLong(k) / 9.223372036854775807E18);
                else throw new AudioFormatException("unsupported decoded sample format " + fmt);
                dst[at + i] = v;
            }
        }

        AudioClip toClip() {
            float[][] out = new float[channels][];
            for (int c = 0; c < channels; c++) out[c] = data[c].length == frames ? data[c] : Arrays.copyOf(data[c], frames);
            return new AudioClip(rate, out);
        }
    }
}
