package io.gatefill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatefill.core.io.ImageFiles;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.Inpainter;
import io.gatefill.core.pipeline.PipelineSettings;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.core.raster.GrayRaster;
import io.gatefill.core.synthesis.PatchSynthesizer;
import io.gatefill.core.synthesis.SynthesisResult;
import io.gatefill.core.synthesis.SynthesisSettings;
import io.gatefill.engine.InpaintEngine;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gatefill bench-synthesis}: the patch and hybrid engines on a 512x512 photo with an object
 * hole of 15 % and on a 24-megapixel photo with a 600-px object, all included, with each stage's time
 * (generator, every pyramid level, final vote, seam blend). Engines alternate run by run, so load from
 * other processes hits them alike; figures are medians.
 */
@Command(name = "bench-synthesis", mixinStandardHelpOptions = true,
        description = "Benchmark the patch and hybrid fills; writes synthesis.md and synthesis.json.")
public final class SynthesisBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineArgs engineArgs;

    @Option(names = "--photo", paramLabel = "FILE", defaultValue = "training/tests/data/sketch/free-peter-nerlich.jpg",
            description = "Photo to fill, scaled to each case's size (default: ${DEFAULT-VALUE}).")
    Path photo;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "docs/bench",
            description = "Where synthesis.md and synthesis.json go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5", description = "Timed runs per figure (median).")
    int repeats;

    private final List<String> md = new ArrayList<>();
    private final Map<String, Object> json = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        return CommandCall.run(spec, (out, err) -> {
            run(out);
            return ExitCodes.OK;
        });
    }

    private void run(PrintWriter out) throws Exception {
        BufferedImage source = ImageFiles.load(photo, 100_000_000L).image();
        json.put("created_utc", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("load_average_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        md.add("# Synthesis benchmark");
        md.add("");
        try (InpaintEngine engine = engineArgs.load(engineArgs.files(), new PrintStream(System.err, true))) {
            md.add(String.format(Locale.ROOT, "Photo `%s`, model `%s` on %s, %d cores, %s; load average at start %.1f. "
                            + "All included = `InpaintPipeline.run` (generator at its training scale, synthesis, "
                            + "blend, composite); medians of %d runs after a warm-up, engines alternating.",
                    photo.getFileName(), engine.card().name(), engine.describe().device(),
                    Runtime.getRuntime().availableProcessors(), json.get("created_utc"), json.get("load_average_start"),
                    repeats));
            md.add("");
            md.add("| case | hole px | engine | all included ms | generator ms | synthesis ms by level (finest first) | vote ms | blend ms | ms per MP of hole |");
            md.add("|---|---|---|---|---|---|---|---|---|");
            PipelineSettings settings = engine.pipelineSettings();
            runCase("512x512, 15 % object", scaled(source, 512, 512), blob(512, 512, 256, 250, 0.15), engine, settings, out);
            runCase("6000x4000, 600-px object", scaled(source, 6000, 4000), disc(6000, 4000, 2500, 1800, 300), engine,
                    settings, out);
        }
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("synthesis.md"), String.join("\n", md) + "\n");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve("synthesis.json").toFile(), json);
        out.println(String.join("\n", md));
        out.println("Wrote " + outDir.resolve("synthesis.md") + " and " + outDir.resolve("synthesis.json"));
    }

    private void runCase(String name, BufferedImage image, GrayRaster mask, InpaintEngine engine,
                         PipelineSettings settings, PrintWriter out) throws Exception {
        AtomicLong generatorNanos = new AtomicLong();
        Inpainter timed = input -> {
            long start = System.nanoTime();
            BufferedImage prediction = engine.inpaint(input);
            generatorNanos.addAndGet(System.nanoTime() - start);
            return prediction;
        };
        InpaintPipeline pipeline = new InpaintPipeline(timed, settings);
        FillEngine[] engines = {FillEngine.HYBRID, FillEngine.PATCH};
        Map<FillEngine, double[]> total = new LinkedHashMap<>();
        Map<FillEngine, double[]> generator = new LinkedHashMap<>();
        for (FillEngine e : engines) {
            total.put(e, new double[repeats]);
            generator.put(e, new double[repeats]);
        }
        for (int r = -1; r < repeats; r++) {
            for (FillEngine e : engines) {
                generatorNanos.set(0);
                long start = System.nanoTime();
                pipeline.run(new InpaintRequest(image, mask, null, Strategy.CROP, e, 0), null, null);
                if (r >= 0) {
                    total.get(e)[r] = (System.nanoTime() - start) / 1e6;
                    generator.get(e)[r] = generatorNanos.get() / 1e6;
                }
            }
        }
        long holes = mask.count();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FillEngine e : engines) {
            SynthesisResult stages = stages(pipeline, image, mask, e, engine, settings);
            double all = median(total.get(e));
            double perMp = (all - median(generator.get(e))) / (holes / 1e6);
            StringBuilder levels = new StringBuilder();
            for (long ns : stages.levelNanos()) {
                levels.append(levels.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", ns / 1e6));
            }
            md.add(String.format(Locale.ROOT, "| %s | %,d | %s | %.0f | %.0f | %s | %.0f | %.0f | %.0f |", name, holes, e.id(),
                    all, median(generator.get(e)), levels, stages.voteNanos() / 1e6, stages.blendNanos() / 1e6, perMp));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", name);
            row.put("engine", e.id());
            row.put("hole_pixels", holes);
            row.put("all_included_ms", all);
            row.put("all_included_ms_runs", total.get(e));
            row.put("generator_ms", median(generator.get(e)));
            row.put("level_ms_finest_first", Arrays.stream(stages.levelNanos()).mapToDouble(ns -> ns / 1e6).toArray());
            row.put("vote_ms", stages.voteNanos() / 1e6);
            row.put("blend_ms", stages.blendNanos() / 1e6);
            row.put("ms_per_megapixel_of_hole", perMp);
            rows.add(row);
            out.println(md.get(md.size() - 1));
            out.flush();
        }
        json.put(name, rows);
    }

    /** One direct synthesis of the case's single window, for the per-stage times the pipeline does not report. */
    private static SynthesisResult stages(InpaintPipeline pipeline, BufferedImage image, GrayRaster mask, FillEngine e,
                                          InpaintEngine engine, PipelineSettings settings) throws Exception {
        var window = pipeline.plan(new InpaintRequest(image, mask, null, Strategy.CROP, e, 0)).get(0).window();
        int w = window.width();
        int h = window.height();
        int[] pixels = image.getRGB(window.x(), window.y(), w, h, null, 0, w);
        byte[] hole = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                hole[y * w + x] = (byte) (mask.isOn(window.x() + x, window.y() + y) ? 1 : 0);
            }
        }
        int[] guide = null;
        if (e == FillEngine.HYBRID) {
            // The hybrid's guide: the model at its training scale.
            PipelineSettings guideScale = new PipelineSettings(settings.trainResolution(), settings.trainResolution(),
                    settings.contextMargin(), settings.mergeDistance(), settings.maxOriginalPixels(),
                    settings.synthesisMargin(), settings.wholePhotoPixels());
            BufferedImage filled = new InpaintPipeline(engine, guideScale)
                    .run(new InpaintRequest(image, mask, null, Strategy.CROP), null, null).result();
            guide = filled.getRGB(window.x(), window.y(), w, h, null, 0, w);
        }
        return PatchSynthesizer.fill(pixels, w, h, hole, guide, SynthesisSettings.defaults(), null);
    }

    static BufferedImage scaled(BufferedImage source, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** An object-shaped hole: a union of four overlapping discs around (cx, cy) covering {@code share} of the photo. */
    static GrayRaster blob(int w, int h, int cx, int cy, double share) {
        double r = Math.sqrt(share * w * h / Math.PI) * 0.8;
        GrayRaster mask = new GrayRaster(w, h);
        int[][] offsets = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}};
        for (int[] o : offsets) {
            paintDisc(mask, (int) (cx + o[0] * r * 0.45), (int) (cy + o[1] * r * 0.45), (int) r);
        }
        return mask;
    }

    static GrayRaster disc(int w, int h, int cx, int cy, int r) {
        GrayRaster mask = new GrayRaster(w, h);
        paintDisc(mask, cx, cy, r);
        return mask;
    }

    private static void paintDisc(GrayRaster mask, int cx, int cy, int r) {
        for (int y = Math.max(0, cy - r); y <= Math.min(mask.height() - 1, cy + r); y++) {
            for (int x = Math.max(0, cx - r); x <= Math.min(mask.width() - 1, cx + r); x++) {
                if ((long) (x - cx) * (x - cx) + (long) (y - cy) * (y - cy) <= (long) r * r) {
                    mask.set(x, y, 255);
                }
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
