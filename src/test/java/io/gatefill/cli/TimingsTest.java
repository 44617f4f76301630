package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** "start" is the process's age to within the 10 ms ticks of /proc, not to the second of the boot time. */
class TimingsTest {
    @Test
    void processAgeAgreesWithTheJvmsOwnUptime() throws Exception {
        long age = Timings.processAgeMs();
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        // The process started a little before the JVM recorded its start; ticks round to 10 ms.
        assertThat(age).isBetween(jvmUptime - 20, jvmUptime + 300);
        Thread.sleep(200);
        assertThat(Timings.processAgeMs() - age).isBetween(180L, 400L);
    }

    @Test
    void theLineShowsABackgroundPartBesideItsPartAndLeavesItOutOfTheTotal() {
        Timings timings = new Timings();
        timings.mark("decode");
        timings.mark("load");
        timings.background("load", 5_000);
        String line = timings.line();
        assertThat(line).containsPattern("load [0-9.]+ s \\(loaded in 5\\.00 s beside decoding\\)");
        double total = Double.parseDouble(line.replaceAll(".*total ([0-9.]+) s$", "$1"));
        double start = Double.parseDouble(line.replaceAll("^Timing: start ([0-9.]+) s.*", "$1"));
        assertThat(total - start).isLessThan(1.0); // decode and load took milliseconds, not the 5 s beside
        assertThat(timings.toReport()).containsEntry("load_background_ms", 5_000L);
    }
}
