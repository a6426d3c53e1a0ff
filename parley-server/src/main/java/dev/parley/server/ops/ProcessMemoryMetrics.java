package dev.parley.server.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The process's memory as the operating system sees it, beside the JVM's own view ({@code jvm_memory_*}): most of
 * Parley's memory is native (ONNX Runtime sessions and arenas, llama.cpp, FFmpeg, the C library's malloc arenas), so
 * the heap alone says little. Gauges, read on each scrape:
 * <ul>
 *   <li>{@code process_resident_memory_bytes}: resident set size ({@code VmRSS} of {@code /proc/self/status}; NaN
 *       where there is no procfs);</li>
 *   <li>{@code parley_jvm_native_committed_bytes}: memory the JVM itself committed (heap, metaspace, code, threads,
 *       GC, direct buffers) from Native Memory Tracking, when the JVM runs with
 *       {@code -XX:NativeMemoryTracking=summary} (e.g. in {@code PARLEY_JAVA_OPTS}); NaN otherwise;</li>
 *   <li>{@code parley_native_outside_jvm_bytes}: the resident memory the JVM does not account for, the native
 *       libraries' share (RSS minus the JVM's committed memory; NaN without tracking);</li>
 *   <li>{@code process_files_open_files} and {@code process_files_max_files}: file descriptors.</li>
 * </ul>
 *
 * <p>Threading: gauges are read by the scraping thread; each read is a small file read or one diagnostic command
 * (about a millisecond); nothing is cached or retained.
 */
public final class ProcessMemoryMetrics implements MeterBinder {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("process.resident.memory", ProcessMemoryMetrics::residentBytes).baseUnit("bytes")
                .description("Resident set size of the process").register(registry);
        Gauge.builder("parley.jvm.native.committed", ProcessMemoryMetrics::jvmCommittedBytes).baseUnit("bytes")
                .description("Memory the JVM committed, from Native Memory Tracking (NaN when it is off)")
                .register(registry);
        Gauge.builder("parley.native.outside.jvm", () -> residentBytes() - jvmCommittedBytes()).baseUnit("bytes")
                .description("Resident memory outside the JVM's accounting: native libraries and their allocators")
                .register(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Resident set size in bytes, or NaN where {@code /proc/self/status} cannot be read. */
    public static double residentBytes() {
        try {
            Matcher m = RSS.matcher(Files.readString(STATUS));
            return m.find() ? Long.parseLong(m.group(1)) * 1024.0 : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Memory the JVM committed according to Native Memory Tracking, or NaN when tracking is off. */
    public static double jvmCommittedBytes() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object out = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            Matcher m = NMT_TOTAL.matcher(String.valueOf(out));
            return m.find() ? Long.parseLong(m.group(2)) * 1024.0 : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
