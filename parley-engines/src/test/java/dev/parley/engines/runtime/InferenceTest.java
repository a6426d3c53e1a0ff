package dev.parley.engines.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one rule for native work: any thread may call; the work runs on an inference thread. */
class InferenceTest {
    private final Inference pool = new Inference("test-inference", 2);

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void workFromAVirtualThreadRunsOnAPoolThread() throws Exception {
        String[] ran = new String[1];
        boolean[] onPool = new boolean[1];
        Thread.ofVirtual().start(() -> pool.run(() -> {
            ran[0] = Thread.currentThread().getName();
            onPool[0] = Inference.onInferenceThread();
            return null;
        })).join();
        assertThat(ran[0]).startsWith("test-inference-");
        assertThat(onPool[0]).isTrue();
        assertThat(Thread.currentThread().isVirtual()).isFalse();
    }

    @Test
    void workFromAPlatformThreadOutsideThePoolIsHandedToThePoolToo() {
        assertThat(Inference.onInferenceThread()).isFalse();
        assertThat(pool.run(() -> Thread.currentThread().getName())).startsWith("test-inference-");
    }

    @Test
    void nestedWorkOnAnInferenceThreadRunsInlineEvenOnAnotherPool() {
        try (Inference other = new Inference("other", 1)) {
            String[] names = pool.run(() -> new String[] {Thread.currentThread().getName(),
                    other.run(() -> Thread.currentThread().getName())});
            assertThat(names[1]).isEqualTo(names[0]);
        }
    }

    @Test
    void aCheckedExceptionIsWrappedAndAnUncheckedOneKeptAsItIs() {
        assertThatThrownBy(() -> pool.run(() -> {
            throw new java.io.IOException("disk");
        })).isInstanceOf(Inference.InferenceException.class).hasMessage("disk");
        assertThatThrownBy(() -> pool.run(() -> {
            throw new IllegalArgumentException("bad");
        })).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("bad");
    }

    @Test
    void runningCountsTheTasksOnThePoolsThreadsAndANestedRunNotAgain() throws Exception {
        assertThat(pool.running()).isZero();
        assertThat(pool.run(() -> pool.run(pool::running))).isEqualTo(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> other = pool.submit(() -> {
            started.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.run(pool::running)).isEqualTo(2);
        release.countDown();
        Inference.await(other);
        assertThat(pool.run(pool::running)).isEqualTo(1);
    }

    @Test
    void queueDepthCountsTasksWaitingForAThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> release.await(10, TimeUnit.SECONDS));
        Future<?> b = pool.submit(() -> release.await(10, TimeUnit.SECONDS));
        Future<?> c = pool.submit(() -> release.await(10, TimeUnit.SECONDS));
        assertThat(pool.threads()).isEqualTo(2);
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); pool.running() < 2 && System.nanoTime() < end; ) {
            Thread.sleep(5); // both threads take their task
        }
        assertThat(pool.queueDepth()).isEqualTo(1);
        release.countDown();
        Inference.await(a);
        Inference.await(b);
        Inference.await(c);
        assertThat(pool.queueDepth()).isZero();
    }
}
