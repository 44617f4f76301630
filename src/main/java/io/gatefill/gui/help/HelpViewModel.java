package io.gatefill.gui.help;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatefill.engine.ModelFiles;
import io.gatefill.engine.ModelLoadException;
import io.gatefill.gui.EditorAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Help menu's content as plain text and rows: the shortcut list (from {@link EditorAction}, so it
 * cannot drift from the menus), About, the model card's summary, the training data's licences and
 * the user guide. The model card and the guide are read from files beside the program.
 */
public final class HelpViewModel {
    /** One shortcut: what it does and the keys. */
    public record Shortcut(String action, String keys) {
    }

    /** One source of training photos: Debian package, version, photo count and licences (with counts). */
    public record DataSource(String source, int photos, String licences) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String version;
    private final JsonNode card;
    private final String cardProblem;
    private final Path guide;

    public HelpViewModel(String version, Path modelCard, Path guide) {
        this.version = version == null ? "development build" : version;
        JsonNode parsed = null;
        String problem = null;
        try {
            parsed = modelCard == null ? null : JSON.readTree(modelCard.toFile());
            if (parsed == null) {
                problem = "No model card found.";
            }
        } catch (IOException e) {
            problem = "The model card " + modelCard + " could not be read: " + e.getMessage();
        }
        this.card = parsed;
        this.cardProblem = problem;
        this.guide = guide;
    }

    /** The installed program's: version from the jar manifest, the default model's card, docs/editor.md. */
    public static HelpViewModel locate() {
        Path card = null;
        Path guide = null;
        try {
            ModelFiles files = ModelFiles.locateDefault();
            card = files.card();
            // The model folder sits at the top of the program (or the source tree); docs/ beside it.
            Path top = files.model().toAbsolutePath().getParent().getParent();
            guide = top == null ? null : top.resolve("docs").resolve("editor.md");
        } catch (ModelLoadException | RuntimeException e) {
            // no model: About still works; the card and the guide say where they are missing
        }
        if (guide == null || !Files.isRegularFile(guide)) {
            guide = Path.of("docs", "editor.md").toAbsolutePath();
        }
        return new HelpViewModel(HelpViewModel.class.getPackage().getImplementationVersion(), card, guide);
    }

    public List<Shortcut> shortcuts() {
        List<Shortcut> rows = new ArrayList<>();
        for (EditorAction action : EditorAction.values()) {
            if (action.accelerator() != null) {
                rows.add(new Shortcut(action.menu() + " ▸ " + action.label().replace("…", ""), keys(action.accelerator())));
            }
        }
        rows.add(new Shortcut("Smaller / larger brush (×1.25)", "[  /  ]"));
        rows.add(new Shortcut("Compare with the original (hold)", "\\"));
        rows.add(new Shortcut("Pan", "Space + drag, or middle button"));
        rows.add(new Shortcut("Zoom at the cursor", "Mouse wheel"));
        rows.add(new Shortcut("Fill", "Ctrl+Enter"));
        return rows;
    }

    public String aboutText() {
        return "Gatefill " + version + "\n\nRemoves objects from photos with a DeepFill v2 generator (gated "
                + "convolutions, contextual attention) that runs on this computer; it never opens a network "
                + "connection.\n\nJava " + System.getProperty("java.version") + ", JavaFX "
                + System.getProperty("javafx.runtime.version", "?") + ".\n\nProgram licence: "
                + (card == null ? "see README" : card.path("licence").asText("see README")) + ".";
    }

    /** Name, architecture, size, training and evaluation figures from the card, or why there are none. */
    public String modelSummary() {
        if (card == null) {
            return cardProblem;
        }
        StringBuilder b = new StringBuilder();
        b.append("Model: ").append(card.path("name").asText()).append(" (").append(card.path("file").asText()).append(")\n");
        b.append(card.path("architecture").asText()).append("\n");
        b.append(String.format(Locale.ROOT, "%s convolutions, width %d, %,d parameters; sketch guidance: %s%n",
                card.path("conv_type").asText(), card.path("cnum").asInt(), card.path("parameters").asLong(),
                card.path("sketch").asBoolean() ? "yes" : "no"));
        b.append(String.format(Locale.ROOT, "Trained on %,d images (%.1f CPU-hours) at %d px%n",
                card.path("images_seen").asLong(), card.path("cpu_hours").asDouble(),
                card.path("training_resolution").asInt()));
        JsonNode results = card.path("evaluation").path("results");
        if (results.isObject()) {
            b.append("\nHeld-out evaluation (").append(card.path("evaluation").path("protocol").path("photos").asInt())
                    .append(" photos, ").append(card.path("evaluation").path("protocol").path("size").asInt())
                    .append(" px): PSNR / SSIM\n");
            results.fields().forEachRemaining(e -> b.append(String.format(Locale.ROOT, "  %-22s %.2f dB / %.4f%n",
                    e.getKey(), e.getValue().path("psnr").asDouble(), e.getValue().path("ssim").asDouble())));
        }
        b.append("\nLicence: ").append(card.path("licence").asText()).append("\n").append(card.path("licence_note").asText());
        return b.toString();
    }

    /** Where the training photos came from and under which licences, from the card's data.sources. */
    public List<DataSource> trainingData() {
        List<DataSource> rows = new ArrayList<>();
        if (card != null) {
            for (JsonNode s : card.path("data").path("sources")) {
                Map<String, Integer> licences = new TreeMap<>();
                s.path("licences").fields().forEachRemaining(e -> licences.put(e.getKey(), e.getValue().asInt()));
                StringBuilder text = new StringBuilder();
                licences.forEach((name, n) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(" (").append(n).append(")"));
                rows.add(new DataSource("Debian " + s.path("debian_package").asText() + " " + s.path("version").asText(),
                        s.path("photos").asInt(), text.toString()));
            }
        }
        return rows;
    }

    /** The user guide's text (Markdown, readable as it is), or where it should have been. */
    public String userGuide() {
        try {
            return Files.readString(guide);
        } catch (IOException | RuntimeException e) {
            return "The user guide was not found at " + guide + ".\nIt is docs/editor.md in the Gatefill sources.";
        }
    }

    private static String keys(String accelerator) {
        return accelerator.replace("Shortcut", "Ctrl").replace("Equals", "=").replace("Minus", "-");
    }
}
