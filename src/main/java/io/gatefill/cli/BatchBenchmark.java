package io.gatefill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatefill.core.batch.BatchPlanner;
import io.gatefill.core.batch.BatchResult;
import io.gatefill.core.batch.BatchRunner;
import io.gatefill.core.batch.BatchSettings;
import io.gatefill.core.batch.FileOutcome;
import io.gatefill.core.batch.FileStatus;
import io.gatefill.core.io.ImageMetadata;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.io.MaskFiles;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InputPolicy;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.InpaintEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gatefill bench-batch}: batch throughput in images per minute on synthetic 512×512 images and
 * 12-megapixel photos with object masks, the overlapped pipeline against one file after another on
 * one thread, measured in alternating rounds so other load on the machine hits both alike.
 */
@Command(name = "bench-batch", mixinStandardHelpOptions = true,
        description = "Benchmark batch throughput (pipelined vs sequential); writes batch.md and batch.json.")
public final class BatchBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineArgs engineArgs;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "docs/bench",
            description = "Where batch.md and batch.json go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--small", paramLabel = "N", defaultValue = "12", description = "512×512 images per round.")
    int small;

    @Option(names = "--large", paramLabel = "N", defaultValue = "4", description = "12-megapixel photos per round (0 = skip).")
    int large;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2", description = "Alternating rounds per mode.")
    int rounds;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "1", description = "Decoders and encoders when pipelined.")
    int ioThreads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path work = Files.createTempDirectory("gatefill-bench-batch");
        try {
            run(out, work);
            return ExitCodes.OK;
        } catch (CommandFailure e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } finally {
            deleteTree(work);
            out.flush();
            err.flush();
        }
    }

    private void run(PrintWriter out, Path work) throws Exception {
        ModelFiles files = engineArgs.files();
        Map<String, Object> json = new LinkedHashMap<>();
        List<String> md = new ArrayList<>();
        json.put("created_utc", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("load_average_start", BenchCommand.loadAverage());
        try (InpaintEngine engine = engineArgs.load(files, new PrintStream(System.err, true))) {
            var card = engine.card();
            json.put("model", card.name());
            json.put("model_sha256", card.sha256());
            json.put("device", engine.describe().device());
            InpaintPipeline pipeline = engine.pipeline();
            md.add("# Batch benchmark");
            md.add("");
            md.add(String.format(Locale.ROOT, "Model `%s` (cnum %s), device %s, %d cores, Java %s, %s. "
                            + "`pipelined` = 1 decoder thread, the fill thread, %d encoder thread(s) with bounded queues; "
                            + "`sequential` = decode, fill, encode one file after another on one thread. "
                            + "Rounds alternate between the two modes; figures are medians over %d rounds.",
                    card.name(), card.cnum(), engine.describe().device(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), json.get("created_utc"), ioThreads, rounds));
            md.add("");
            md.add("| set | mode | images/min | decode ms/img | fill ms/img | encode ms/img | wall s/round |");
            md.add("|---|---|---|---|---|---|---|");
            List<Map<String, Object>> rows = new ArrayList<>();
            Path smallSet = makeSet(work.resolve("small"), small, 512, 384, 32, "png");
            rows.addAll(compare("512×512 PNG, 64-px object", smallSet, work, SaveOptions.Format.PNG, pipeline, md, out));
            if (large > 0) {
                Path largeSet = makeSet(work.resolve("large"), large, 4000, 3000, 150, "jpg");
                rows.addAll(compare("4000×3000 JPEG → JPEG q92, 300-px object", largeSet, work, SaveOptions.Format.JPEG,
                        pipeline, md, out));
            }
            // The same sets with an instant stand-in model: what overlapping decode and encode can gain
            // when inference is cheap (a GPU), since on this CPU the model's forward pass dominates.
            InpaintPipeline instant = new InpaintPipeline(input -> input.image(), pipeline.settings());
            rows.addAll(compare("512×512 PNG, instant stand-in model", smallSet, work, SaveOptions.Format.PNG, instant, md, out));
            if (large > 0) {
                rows.addAll(compare("4000×3000 JPEG → JPEG q92, instant stand-in model", work.resolve("large"), work,
                        SaveOptions.Format.JPEG, instant, md, out));
            }
            json.put("rows", rows);
        }
        json.put("load_average_end", BenchCommand.loadAverage());
        md.add("");
        md.add("Load average (1/5/15 min) at start " + json.get("load_average_start") + ", at end "
                + json.get("load_average_end") + ". The machine is shared with other builds and a training run: "
                + "compare the two modes of one set (measured side by side), not absolute figures across runs.");
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("batch.md"), String.join("\n", md) + "\n");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve("batch.json").toFile(), json);
        out.println(String.join("\n", md));
        out.println("Wrote " + outDir.resolve("batch.md") + " and " + outDir.resolve("batch.json"));
    }

    private List<Map<String, Object>> compare(String label, Path set, Path work, SaveOptions.Format format,
                                              InpaintPipeline pipeline, List<String> md, PrintWriter out) throws Exception {
        Map<String, List<BatchResult>> byMode = new LinkedHashMap<>();
        byMode.put("sequential", new ArrayList<>());
        byMode.put("pipelined", new ArrayList<>());
        // One untimed warm-up pass so the first timed round does not pay for JIT and first-shape costs.
        runOnce(set, work.resolve("warm"), format, pipeline, 0);
        for (int r = 0; r < rounds; r++) {
            for (String mode : byMode.keySet()) {
                int threads = mode.equals("pipelined") ? ioThreads : 0;
                BatchResult result = runOnce(set, work.resolve("out-" + mode), format, pipeline, threads);
                if (result.count(FileStatus.DONE) != result.outcomes().size()) {
                    throw new CommandFailure(ExitCodes.INTERNAL, "benchmark batch did not finish every file: " + result.counts());
                }
                byMode.get(mode).add(result);
                out.printf(Locale.ROOT, "%s, %s, round %d: %.1f images/min%n", label, mode, r + 1, result.imagesPerMinute());
                out.flush();
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] ipm = new double[2];
        int m = 0;
        for (var entry : byMode.entrySet()) {
            List<BatchResult> results = entry.getValue();
            double perMinute = BenchCommand.median(results.stream().mapToDouble(BatchResult::imagesPerMinute).toArray());
            double decode = mean(results, FileOutcome::decodeMs);
            double fill = mean(results, FileOutcome::fillMs);
            double encode = mean(results, FileOutcome::encodeMs);
            double wall = BenchCommand.median(results.stream().mapToDouble(BatchResult::wallSeconds).toArray());
            ipm[m++] = perMinute;
            md.add(String.format(Locale.ROOT, "| %s | %s | **%.1f** | %.0f | %.0f | %.0f | %.2f |", label, entry.getKey(),
                    perMinute, decode, fill, encode, wall));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("set", label);
            row.put("mode", entry.getKey());
            row.put("images", results.get(0).outcomes().size());
            row.put("images_per_minute", perMinute);
            row.put("images_per_minute_rounds", results.stream().mapToDouble(BatchResult::imagesPerMinute).toArray());
            row.put("decode_ms", decode);
            row.put("fill_ms", fill);
            row.put("encode_ms", encode);
            row.put("wall_seconds", wall);
            rows.add(row);
        }
        md.add(String.format(Locale.ROOT, "| %s | pipelined / sequential | %.2f× | | | | |", label, ipm[1] / ipm[0]));
        return rows;
    }

    private static double mean(List<BatchResult> results, java.util.function.ToLongFunction<FileOutcome> f) {
        return results.stream().flatMap(r -> r.outcomes().stream()).mapToLong(f).average().orElse(Double.NaN);
    }

    private static BatchResult runOnce(Path set, Path outFolder, SaveOptions.Format format, InpaintPipeline pipeline,
                                       int threads) throws Exception {
        BatchSettings settings = new BatchSettings(set.resolve("images"), set.resolve("masks"), null, outFolder,
                new SaveOptions(format, 0.92f, true), Strategy.CROP, false, threads, threads, InputPolicy.MAX_PIXELS,
                FillEngine.MODEL, 0L);
        return new BatchRunner(settings, pipeline, null).run(BatchPlanner.plan(settings));
    }

    /** Writes {@code count} synthetic photos (each a little different) and round object masks. */
    private static Path makeSet(Path dir, int count, int w, int h, int radius, String ext) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("masks"));
        var photo = BenchCommand.photo(w, h);
        SaveOptions.Format format = ext.equals("jpg") ? SaveOptions.Format.JPEG : SaveOptions.Format.PNG;
        for (int i = 0; i < count; i++) {
            int cx = w / 4 + (i * 97) % (w / 2);
            int cy = h / 4 + (i * 61) % (h / 2);
            String name = String.format(Locale.ROOT, "img%03d", i);
            ImageFiles.save(photo, dir.resolve("images").resolve(name + "." + ext), new SaveOptions(format, 0.9f, true),
                    ImageMetadata.NONE);
            MaskFiles.write(BenchCommand.ellipse(w, h, cx, cy, radius, radius), dir.resolve("masks").resolve(name + ".png"), true);
        }
        return dir;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is not worth failing a benchmark for.
        }
    }
}
