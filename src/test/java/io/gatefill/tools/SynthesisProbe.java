package io.gatefill.tools;

import io.gatefill.core.synthesis.PatchSynthesizer;
import io.gatefill.core.synthesis.SynthesisResult;
import io.gatefill.core.synthesis.SynthesisSettings;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Development probe: patch synthesis of IMG with MASK (white = hole) into OUT, with stage times. */
public final class SynthesisProbe {
    private SynthesisProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (int a = 0; a + 2 < args.length; a += 3) {
            BufferedImage image = ImageIO.read(new File(args[a]));
            BufferedImage mask = ImageIO.read(new File(args[a + 1]));
            int w = image.getWidth();
            int h = image.getHeight();
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            int[] m = mask.getRGB(0, 0, w, h, null, 0, w);
            byte[] hole = new byte[w * h];
            for (int i = 0; i < hole.length; i++) {
                hole[i] = (byte) ((m[i] & 0xFF) >= 128 ? 1 : 0);
            }
            SynthesisSettings d = SynthesisSettings.defaults();
            SynthesisSettings settings = new SynthesisSettings(Integer.getInteger("radius", d.patchRadius()),
                    Integer.getInteger("holeRadius", d.coarsestHoleRadius()), d.minCoarsestSide(),
                    Integer.getInteger("coarseIt", d.coarseIterations()), Integer.getInteger("fineIt", d.fineIterations()),
                    Integer.getInteger("matchIt", d.matchIterations()), Integer.getInteger("search", d.fineSearchRadius()),
                    Float.parseFloat(System.getProperty("lambda", "" + d.guideWeight())),
                    Float.parseFloat(System.getProperty("lambdaFine", "" + d.fineGuideWeight())),
                    Float.parseFloat(System.getProperty("blur", "" + d.guideBlur())),
                    Float.parseFloat(System.getProperty("texture", "" + d.textureWeight())), d.borderConfidence(),
                    !Boolean.getBoolean("noblend"),
                    Long.getLong("seed", 0L), d.threads());
            long t0 = System.nanoTime();
            int[] guide = null;
            if (Boolean.getBoolean("guide")) {
                guide = ImageIO.read(new File(args[a].replace(".png", ".guide.png"))).getRGB(0, 0, w, h, null, 0, w);
            }
            SynthesisResult result = PatchSynthesizer.fill(argb, w, h, hole, guide, settings, null);
            long t1 = System.nanoTime();
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            out.setRGB(0, 0, w, h, result.pixels(), 0, w);
            ImageIO.write(out, "png", new File(args[a + 2]));
            StringBuilder levels = new StringBuilder();
            for (long ns : result.levelNanos()) {
                levels.append(String.format(" %.0f", ns / 1e6));
            }
            System.out.printf("%s: %.0f ms; levels(ms, finest first):%s; vote %.0f, blend %.0f%n", args[a],
                    (t1 - t0) / 1e6, levels, result.voteNanos() / 1e6, result.blendNanos() / 1e6);
        }
    }
}
