package io.gatefill.core.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatefill.core.io.AtomicFiles;
import io.gatefill.core.io.ImageFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report of a batch run: the settings and context the caller supplies, a summary by status,
 * and one entry per image in input order with its status, time, reason and notes. Written atomically,
 * so a report that exists is always complete JSON.
 */
public final class BatchReport {
    private BatchReport() {
    }

    /** The report as a JSON-ready tree; {@code context} (model, device, settings) goes in first. */
    public static Map<String, Object> toTree(BatchResult result, Map<String, Object> context) {
        Map<String, Object> tree = new LinkedHashMap<>(context);
        tree.put("started_utc", result.started().toString());
        tree.put("finished_utc", result.finished().toString());
        tree.put("cancelled", result.cancelled());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", result.outcomes().size());
        result.counts().forEach((status, n) -> summary.put(status.label(), n));
        summary.put("wall_seconds", result.wallSeconds());
        summary.put("images_per_minute", result.imagesPerMinute());
        tree.put("summary", summary);
        tree.put("removed_part_files", result.removedPartFiles());
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileOutcome o : result.outcomes()) {
            Map<String, Object> f = new LinkedHashMap<>();
            BatchItem item = o.item();
            f.put("image", item.image().toString());
            f.put("mask", item.mask() == null ? null : item.mask().toString());
            f.put("sketch", item.sketch() == null ? null : item.sketch().toString());
            f.put("output", item.output().toString());
            f.put("status", o.status());
            f.put("seconds", o.totalMs() / 1000.0);
            f.put("decode_ms", o.decodeMs());
            f.put("fill_ms", o.fillMs());
            f.put("encode_ms", o.encodeMs());
            f.put("reason", o.reason());
            f.put("notes", o.notes());
            files.add(f);
        }
        tree.put("files", files);
        return tree;
    }

    /**
     * The context a report starts with: Gatefill's version, the model that filled and the run's settings.
     * Built here so the command line and the editor write the same report for the same run.
     *
     * @param modelFile   the model file, or null when the engine has none
     * @param jpegQuality JPEG quality 1-100 as the user gave it
     * @param startedFrom where the run was started, or null to leave the entry out
     */
    public static Map<String, Object> context(String modelFile, String modelName, String modelSha256, String device,
                                              BatchSettings settings, int jpegQuality, String startedFrom) {
        Map<String, Object> c = new LinkedHashMap<>();
        String version = BatchReport.class.getPackage().getImplementationVersion();
        c.put("gatefill_version", version == null ? "development build" : version);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("file", modelFile);
        model.put("name", modelName);
        model.put("sha256", modelSha256);
        model.put("device", device);
        c.put("model", model);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("images", settings.images().toString());
        s.put("masks", settings.masks().toString());
        s.put("sketches", settings.sketches() == null ? null : settings.sketches().toString());
        s.put("out", settings.out().toString());
        s.put("format", settings.save().format().name().toLowerCase(Locale.ROOT));
        s.put("jpeg_quality", jpegQuality);
        s.put("engine", settings.engine().id());
        s.put("seed", settings.seed());
        s.put("strategy", settings.strategy().name().toLowerCase(Locale.ROOT));
        s.put("overwrite", settings.save().overwrite());
        s.put("resume", settings.resume());
        s.put("io_threads", settings.decoders());
        if (startedFrom != null) {
            s.put("started_from", startedFrom);
        }
        c.put("settings", s);
        return c;
    }

    public static void write(Path file, BatchResult result, Map<String, Object> context) throws ImageFileException {
        byte[] json;
        try {
            json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(toTree(result, context));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImageFileException("Cannot build the batch report: " + e.getMessage(), e);
        }
        // A report replaces the previous run's: it describes the folder as this run left it.
        AtomicFiles.write(file, true, out -> out.write(json));
    }
}
