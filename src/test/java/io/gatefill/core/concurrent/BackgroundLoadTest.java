package io.gatefill.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BackgroundLoadTest {
    @Test
    void theValueComesFromTheLoadThreadAndClosingReleasesIt() throws Exception {
        List<String> released = new CopyOnWriteArrayList<>();
        String caller = Thread.currentThread().getName();
        try (BackgroundLoad<String, IOException> load = BackgroundLoad.start("test-load",
                () -> Thread.currentThread().getName(), released::add)) {
            assertThat(load.get()).isEqualTo("test-load").isNotEqualTo(caller);
            assertThat(load.loadMs()).isGreaterThanOrEqualTo(0);
            assertThat(released).isEmpty();
        }
        assertThat(released).containsExactly("test-load");
    }

    @Test
    void aFailedLoadIsThrownAsItWasThrownAndLeavesNothingToRelease() {
        List<String> released = new CopyOnWriteArrayList<>();
        BackgroundLoad<String, IOException> load = BackgroundLoad.start("test-load", () -> {
            throw new IOException("no model here");
        }, released::add);
        assertThatThrownBy(load::get).isExactlyInstanceOf(IOException.class).hasMessage("no model here");
        assertThatThrownBy(load::get).as("and again").isExactlyInstanceOf(IOException.class);
        assertThat(load.loadMs()).isEqualTo(-1);
        load.close();
        assertThat(released).isEmpty();
        BackgroundLoad<String, IOException> unchecked = BackgroundLoad.start("test-load", () -> {
            throw new IllegalStateException("broken");
        }, released::add);
        assertThatThrownBy(unchecked::get).isExactlyInstanceOf(IllegalStateException.class).hasMessage("broken");
    }

    @Test
    void closingWaitsForALoadStillRunning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> released = new CopyOnWriteArrayList<>();
        BackgroundLoad<String, InterruptedException> load = BackgroundLoad.start("test-load", () -> {
            started.countDown();
            Thread.sleep(200);
            return "slow";
        }, released::add);
        started.await();
        assertThat(load.future()).isNotDone();
        load.close();
        assertThat(released).containsExactly("slow");
    }

    @Test
    void aCompletedLoadHasItsValueAtOnceAndReleasesNothing() {
        BackgroundLoad<String, RuntimeException> done = BackgroundLoad.completed("ready");
        assertThat(done.future()).isCompletedWithValue("ready");
        assertThat(done.get()).isEqualTo("ready");
        done.close();
    }
}
