package io.gatefill.core.batch;

import io.gatefill.core.io.FileKinds;
import io.gatefill.core.io.OutputRefusedException;
import io.gatefill.core.io.SaveOptions;
import io.gatefill.core.io.WriteGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns the folders of a batch into a list of items: images sorted by name, masks and sketches matched
 * by file stem (or one mask for all), and an output name per image that can never be an input file.
 *
 * <p>Output folder rule: it may not be the images, masks or sketches folder. With the same stem in and
 * out, an output of the source's format would replace its own photo; refusing the folder is simpler
 * to explain than a rule that depends on the format. A subfolder of the images folder is allowed,
 * since only the top level of the input folders is read.
 */
public final class BatchPlanner {
    /** Extensions read as photos, masks and sketches (case-insensitive). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "webp");

    private BatchPlanner() {
    }

    public static List<BatchItem> plan(BatchSettings settings) throws BatchSetupException {
        Path images = settings.images();
        if (!Files.isDirectory(images)) {
            throw new BatchSetupException(BatchSetupException.Kind.INPUT, notAFolder("The images folder", images));
        }
        boolean singleMask = !Files.isDirectory(settings.masks());
        String maskKind = FileKinds.kind(settings.masks());
        if (singleMask && maskKind != null) {
            throw new BatchSetupException(BatchSetupException.Kind.INPUT,
                    "The masks path " + settings.masks() + " " + maskKind + ", neither a folder nor a file.");
        }
        if (settings.sketches() != null && !Files.isDirectory(settings.sketches())) {
            throw new BatchSetupException(BatchSetupException.Kind.INPUT,
                    notAFolder("The sketches folder", settings.sketches()));
        }
        checkOutputFolder(settings, singleMask);

        List<Path> photos = list(images);
        if (photos.isEmpty()) {
            throw new BatchSetupException(BatchSetupException.Kind.INPUT, "No images (" + String.join(", ",
                    IMAGE_EXTENSIONS.stream().sorted().toList()) + ") in " + images + ".");
        }
        Map<String, List<Path>> masks = singleMask ? Map.of() : byStem(list(settings.masks()));
        Map<String, List<Path>> sketches = settings.sketches() == null ? Map.of() : byStem(list(settings.sketches()));
        Map<String, List<Path>> photosByStem = byStem(photos);

        List<BatchItem> items = new ArrayList<>();
        Set<String> usedOutputs = new HashSet<>();
        for (Path photo : photos) {
            String stem = stem(photo);
            Path mask = singleMask ? settings.masks() : first(masks.get(stem));
            Path sketch = first(sketches.get(stem));
            // a.jpg and a.png in one folder would both become a.png: name those outputs after the whole file name.
            String base = photosByStem.get(stem).size() > 1 ? photo.getFileName().toString() : stem;
            String ext = extension(settings.save().format(), photo);
            String name = base + "." + ext;
            // A photo literally named like another's renamed output (a.jpg.png beside a.jpg, a.png) gets a number.
            for (int n = 2; !usedOutputs.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "-" + n + "." + ext;
            }
            Path output = settings.out().resolve(name);
            items.add(new BatchItem(items.size(), photo, mask, sketch, output));
        }
        return items;
    }

    /** "The images folder X does not exist." or what else X is (a file, a FIFO, a link loop). */
    private static String notAFolder(String what, Path path) {
        String kind = FileKinds.kind(path);
        if (kind == null) {
            return what + " " + path + " is a file, not a folder.";
        }
        return what + " " + path + " " + kind + (kind.equals("does not exist") ? "." : ", not a folder.");
    }

    /**
     * The write rule for this batch: every photo, mask and sketch it reads and every output it plans
     * is protected, so that nothing else the run writes (report, journal) can land on one of them.
     * Refuses an output that is an input (an output folder reached through another link, say).
     */
    public static WriteGuard guard(List<BatchItem> items, BatchSettings settings) throws OutputRefusedException {
        return guard(items, settings, null);
    }

    /** As {@link #guard(List, BatchSettings)}, with more files the run reads (the model's) protected from outputs too. */
    public static WriteGuard guard(List<BatchItem> items, BatchSettings settings, Consumer<WriteGuard> alsoProtect)
            throws OutputRefusedException {
        WriteGuard guard = new WriteGuard();
        if (alsoProtect != null) {
            alsoProtect.accept(guard);
        }
        if (!Files.isDirectory(settings.masks())) {
            guard.protect("the mask " + settings.masks(), settings.masks());
        }
        for (BatchItem item : items) {
            guard.protect("the photo " + item.image(), item.image());
            guard.protect("the mask " + item.mask(), item.mask());
            guard.protect("the sketch " + item.sketch(), item.sketch());
        }
        for (BatchItem item : items) {
            guard.check(item.output());
            guard.protect("the output planned for " + item.image().getFileName(), item.output());
        }
        guard.protect("the batch journal", settings.out().resolve(BatchJournal.FILE_NAME));
        guard.protect("the batch lock", settings.out().resolve(BatchLock.FILE_NAME));
        return guard;
    }

    /** Several masks with one stem (a.jpg, a.png) are ambiguous; the first by name wins, predictably. */
    static Path first(List<Path> candidates) {
        return candidates == null || candidates.isEmpty() ? null : candidates.get(0);
    }

    private static void checkOutputFolder(BatchSettings settings, boolean singleMask) throws BatchSetupException {
        Path out = settings.out();
        List<Path> inputs = new ArrayList<>(List.of(settings.images()));
        inputs.add(singleMask ? settings.masks().toAbsolutePath().getParent() : settings.masks());
        if (settings.sketches() != null) {
            inputs.add(settings.sketches());
        }
        for (Path input : inputs) {
            if (input != null && sameFolder(input, out)) {
                throw new BatchSetupException(BatchSetupException.Kind.OUTPUT, "The output folder " + out
                        + " is an input folder (" + input + "); choose a separate folder so no input can be replaced.");
            }
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new BatchSetupException(BatchSetupException.Kind.OUTPUT,
                    "Cannot create the output folder " + out + ": " + e.getMessage());
        }
        if (!Files.isWritable(out)) {
            throw new BatchSetupException(BatchSetupException.Kind.OUTPUT, "The output folder " + out + " is not writable.");
        }
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // Fall back to comparing the normalised paths.
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    static List<Path> list(Path folder) throws BatchSetupException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> IMAGE_EXTENSIONS.contains(ext(p)))
                    .filter(p -> !Files.isDirectory(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BatchSetupException(BatchSetupException.Kind.INPUT, "Cannot list " + folder + ": " + e.getMessage());
        }
    }

    private static Map<String, List<Path>> byStem(List<Path> files) {
        Map<String, List<Path>> map = new HashMap<>();
        for (Path p : files) {
            map.computeIfAbsent(stem(p), k -> new ArrayList<>()).add(p);
        }
        return map;
    }

    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String ext(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static String extension(SaveOptions.Format format, Path source) {
        return switch (format) {
            case PNG -> "png";
            case JPEG -> "jpg";
            case SAME -> {
                String name = source.getFileName().toString();
                yield name.substring(name.lastIndexOf('.') + 1);
            }
        };
    }
}
