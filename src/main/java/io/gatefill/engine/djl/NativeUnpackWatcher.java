package io.gatefill.engine.djl;

import io.gatefill.engine.EngineLoadListener;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reports the first start's unpacking of libtorch (DJL copies a few hundred MB from the native jar
 * into its cache dir and offers no callback) by watching the cache grow against the native jar's
 * uncompressed size.
 */
final class NativeUnpackWatcher implements AutoCloseable {
    private static final String MARKER = "native/lib/pytorch.properties";

    private final Thread thread;
    private volatile boolean running = true;

    private NativeUnpackWatcher(Path cacheDir, long expected, EngineLoadListener listener) {
        long baseline = size(cacheDir);
        thread = new Thread(() -> {
            while (running) {
                long grown = size(cacheDir) - baseline;
                listener.phase(EngineLoadListener.UNPACKING,
                        expected > 0 ? Math.min(1.0, Math.max(0, grown) / (double) expected) : -1);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gatefill-native-unpack-watcher");
        thread.setDaemon(true);
    }

    /** Starts watching when libtorch is not unpacked yet; returns null when there is nothing to report. */
    static NativeUnpackWatcher startIfNeeded(Path cacheDir, EngineLoadListener listener) {
        if (alreadyUnpacked(cacheDir)) {
            return null;
        }
        listener.phase(EngineLoadListener.UNPACKING, -1);
        NativeUnpackWatcher watcher = new NativeUnpackWatcher(cacheDir, expectedBytes(), listener);
        watcher.thread.start();
        return watcher;
    }

    static boolean alreadyUnpacked(Path cacheDir) {
        if (!Files.isDirectory(cacheDir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(cacheDir, 2)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("libtorch_c"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Uncompressed size of the libtorch files in the native jar, or -1 when it cannot be found. */
    static long expectedBytes() {
        URL marker = NativeUnpackWatcher.class.getClassLoader().getResource(MARKER);
        if (marker == null || !"jar".equals(marker.getProtocol())) {
            return -1;
        }
        try {
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            connection.setUseCaches(false);
            Path jar = Path.of(connection.getJarFileURL().toURI());
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                return zip.stream().filter(e -> e.getName().startsWith("pytorch/") && !e.isDirectory())
                        .mapToLong(ZipEntry::getSize).filter(s -> s > 0).sum();
            }
        } catch (Exception e) {
            return -1;
        }
    }

    private static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
