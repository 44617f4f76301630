package io.gatefill.engine;

import io.gatefill.core.io.WriteGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A TorchScript generator and its card ({@code <name>.pt} beside {@code <name>.json}): where the default
 * one lives and the checks made before any byte of it reaches libtorch.
 */
public record ModelFiles(Path model, Path card) {
    /** File name stem of the bundled model in {@code models/}. */
    public static final String DEFAULT_NAME = "gatefill";

    /** The card path for a model file: same folder, same stem, {@code .json}. */
    public static ModelFiles of(Path model) {
        Path abs = model.toAbsolutePath().normalize();
        String file = abs.getFileName().toString();
        String stem = file.endsWith(".pt") ? file.substring(0, file.length() - 3) : file;
        return new ModelFiles(abs, abs.resolveSibling(stem + ".json"));
    }

    /**
     * Every file of this model that a run reads and therefore must never write: the generator, its
     * card and its gate view ({@code <stem>.gates.pt}, the name export gives it).
     */
    public List<Path> readFiles() {
        String file = model.getFileName().toString();
        String stem = file.endsWith(".pt") ? file.substring(0, file.length() - 3) : file;
        return List.of(model, card, model.resolveSibling(stem + ".gates.pt"));
    }

    /** Adds every file of {@link #readFiles()} to {@code guard}, named as a model file; returns the guard. */
    public WriteGuard protectIn(WriteGuard guard) {
        for (Path file : readFiles()) {
            guard.protect("the model file " + file, file);
        }
        return guard;
    }

    /**
     * The default model: {@code models/gatefill.pt}, or the only generator in {@code models/}, looked up
     * beside the jar, in the jar's parent (for {@code target/gatefill.jar}) and in the working directory.
     */
    public static ModelFiles locateDefault() throws ModelLoadException {
        List<Path> folders = new ArrayList<>();
        Path jarDir = jarDirectory();
        if (jarDir != null) {
            folders.add(jarDir.resolve("models"));
            if (jarDir.getParent() != null) {
                folders.add(jarDir.getParent().resolve("models"));
            }
        }
        folders.add(Path.of("models").toAbsolutePath());
        for (Path folder : folders) {
            Path named = folder.resolve(DEFAULT_NAME + ".pt");
            if (Files.isRegularFile(named)) {
                return of(named);
            }
            List<Path> generators = generators(folder);
            if (generators.size() == 1) {
                return of(generators.get(0));
            }
        }
        throw new ModelLoadException(ModelProblem.MISSING_MODEL, "No model found: looked for "
                + DEFAULT_NAME + ".pt (or a single *.pt) in " + folders + ". Pass one with --model FILE.");
    }

    private static List<Path> generators(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pt"))
                    .filter(p -> !p.getFileName().toString().endsWith(".gates.pt"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path jarDirectory() {
        try {
            var source = ModelFiles.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? location.getParent() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Checks everything that can be checked without libtorch: both files exist, the card parses, its
     * contract version is supported, the file's SHA-256 equals the card's and the file is a zip archive
     * (every TorchScript file is). Returns the parsed card.
     */
    public ModelCard verify() throws ModelLoadException {
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException(ModelProblem.MISSING_MODEL, "Model file not found: " + model);
        }
        if (!Files.isRegularFile(card)) {
            throw new ModelLoadException(ModelProblem.MISSING_CARD,
                    "Model card not found: " + card + " (every model needs its card beside it).");
        }
        String text;
        try {
            text = Files.readString(card, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException(ModelProblem.BAD_CARD, "Cannot read the model card " + card + ": " + e, e);
        }
        ModelCard parsed = ModelCard.parse(text, card.toString());
        if (parsed.contractVersion() != ModelCard.SUPPORTED_CONTRACT) {
            throw new ModelLoadException(ModelProblem.UNSUPPORTED_CONTRACT, "The model " + model.getFileName()
                    + " uses contract version " + parsed.contractVersion() + "; this Gatefill supports version "
                    + ModelCard.SUPPORTED_CONTRACT + " only.");
        }
        String actual = sha256(model);
        if (!actual.equals(parsed.sha256())) {
            throw new ModelLoadException(ModelProblem.CHECKSUM_MISMATCH, "Checksum mismatch: " + model
                    + " has SHA-256 " + actual + " but its card " + card.getFileName() + " says " + parsed.sha256()
                    + ". The file is corrupt or does not belong to this card.");
        }
        if (!isZip(model)) {
            throw new ModelLoadException(ModelProblem.NOT_TORCHSCRIPT,
                    "The model file " + model + " is not a TorchScript archive (saved with torch.jit.save).");
        }
        return parsed;
    }

    static String sha256(Path file) throws ModelLoadException {
        try {
            return sha256Hex(file);
        } catch (IOException e) {
            throw new ModelLoadException(ModelProblem.MISSING_MODEL, "Cannot read the model file " + file + ": " + e, e);
        }
    }

    /**
     * SHA-256 of a file's bytes as lower-case hex. Public so the gate mapper checks its own file against
     * its card with the same code; each caller words its own error.
     */
    public static String sha256Hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }

    private static boolean isZip(Path file) throws ModelLoadException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            throw new ModelLoadException(ModelProblem.MISSING_MODEL, "Cannot read the model file " + file + ": " + e, e);
        }
    }
}
