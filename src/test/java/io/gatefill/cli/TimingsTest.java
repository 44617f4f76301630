package io.gatefill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * "start" is the process's age to within the 10 ms ticks of /proc, not to the second of the boot time;
 * each part also shows the processor time the whole process spent in it.
 */
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
        assertThat(line).containsPattern("load [0-9.]+ s \\(cpu [0-9.]+\\) \\(loaded in 5\\.00 s beside decoding\\)");
        double total = Double.parseDouble(line.replaceAll(".*total ([0-9.]+) s$", "$1"));
        double start = Double.parseDouble(line.replaceAll("^Timing: start ([0-9.]+) s.*", "$1"));
        assertThat(total - start).isLessThan(1.0); // decode and load took milliseconds, not the 5 s beside
        assertThat(timings.toReport()).containsEntry("load_background_ms", 5_000L);
    }

    @Test
    void eachPartShowsTheProcessorTimeSpentInIt() {
        Timings timings = new Timings();
        timings.mark("idle");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        double sink = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sink += Math.sqrt(sink + 1); // 0.3 s of this thread's processor time, however loaded the machine
        }
        timings.mark("busy");
        String line = timings.line();
        double busy = Double.parseDouble(line.replaceAll(".*busy [0-9.]+ s \\(cpu ([0-9.]+)\\).*", "$1"));
        double idle = Double.parseDouble(line.replaceAll(".*idle [0-9.]+ s \\(cpu ([0-9.]+)\\).*", "$1"));
        assertThat(busy).as(line + " (sink " + sink + ")").isBetween(0.25, 5.0);
        assertThat(idle).as(line).isLessThan(0.1);
    }
}
