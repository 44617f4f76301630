package io.gatefill.tools;

import io.gatefill.core.io.MaskFiles;
import io.gatefill.core.pipeline.FillEngine;
import io.gatefill.core.pipeline.InpaintPipeline;
import io.gatefill.core.pipeline.InpaintRequest;
import io.gatefill.core.pipeline.PipelineSettings;
import io.gatefill.core.pipeline.Strategy;
import io.gatefill.core.synthesis.SynthesisSettings;
import io.gatefill.engine.EngineLoadListener;
import io.gatefill.engine.EngineOptions;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.djl.DjlInpaintEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Measurement harness: fills every image of an evaluation set (training/make_eval_set.py's layout,
 * SET/images + SET/masks) with one engine through the real pipeline and DJL model, into OUT, for
 * training/score_fills.py. Usage: SET OUT model|patch|hybrid [guideWeight fineGuideWeight guideBlur texture [noblend]];
 * {@code -Dgatefill.eval.model=PATH} fills with a candidate model (its card beside it) instead of the shipped one.
 */
public final class EvalFills {
    private EvalFills() {
    }

    public static void main(String[] args) throws Exception {
        Path set = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        FillEngine engine = FillEngine.parse(args[2]);
        SynthesisSettings s = SynthesisSettings.defaults();
        if (args.length >= 7) {
            s = new SynthesisSettings(s.patchRadius(), s.coarsestHoleRadius(), s.minCoarsestSide(), s.coarseIterations(),
                    s.fineIterations(), s.matchIterations(), s.fineSearchRadius(), Float.parseFloat(args[3]),
                    Float.parseFloat(args[4]), Float.parseFloat(args[5]), Float.parseFloat(args[6]),
                    s.borderConfidence(), args.length < 8 || !args[7].equals("noblend"), s.seed(), s.threads());
        }
        List<Path> images;
        try (Stream<Path> files = Files.list(set.resolve("images"))) {
            images = files.sorted().toList();
        }
        DjlInpaintEngine model = engine.needsModel()
                ? DjlInpaintEngine.load(modelFiles(), EngineOptions.defaults(), EngineLoadListener.NONE) : null;
        try {
            PipelineSettings settings = PipelineSettings.forTrainResolution(model == null ? null : model.card().trainResolution());
            InpaintPipeline pipeline = new InpaintPipeline(model, settings, s);
            long total = 0;
            for (Path image : images) {
                BufferedImage photo = ImageIO.read(image.toFile());
                var mask = MaskFiles.readAnySize(set.resolve("masks").resolve(image.getFileName()));
                long start = System.nanoTime();
                var result = pipeline.run(new InpaintRequest(photo, mask, null, Strategy.CROP, engine, 0), null, null);
                total += System.nanoTime() - start;
                ImageIO.write(result.result(), "png", out.resolve(image.getFileName()).toFile());
            }
            System.out.printf("%s: %d images, %.0f ms per image%n", engine.id(), images.size(), total / 1e6 / images.size());
        } finally {
            if (model != null) {
                model.close();
            }
        }
    }

    private static ModelFiles modelFiles() throws Exception {
        String candidate = System.getProperty("gatefill.eval.model");
        return candidate == null ? ModelFiles.locateDefault() : ModelFiles.of(Path.of(candidate));
    }
}
