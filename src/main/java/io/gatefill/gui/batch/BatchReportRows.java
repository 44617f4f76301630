package io.gatefill.gui.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch report (the JSON the CLI writes too) as rows for a table: every field outside the per-file
 * list, nested names joined with dots ("summary.done", "model.device"); the files themselves are the
 * batch window's file table already, so they appear as one count.
 */
public final class BatchReportRows {
    /** One field of the report. */
    public record Row(String field, String value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchReportRows() {
    }

    public static List<Row> read(Path report) {
        List<Row> rows = new ArrayList<>();
        try {
            flatten("", JSON.readTree(report.toFile()), rows);
        } catch (IOException | RuntimeException e) {
            rows.add(new Row("report", "cannot be read: " + e.getMessage()));
        }
        return rows;
    }

    private static void flatten(String prefix, JsonNode node, List<Row> rows) {
        node.fields().forEachRemaining(e -> {
            String name = prefix + e.getKey();
            JsonNode value = e.getValue();
            if (name.equals("files") && value.isArray()) {
                rows.add(new Row("files", value.size() + " (listed in the table above)"));
            } else if (value.isObject()) {
                flatten(name + ".", value, rows);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.asText()));
                rows.add(new Row(name, items.isEmpty() ? "none" : String.join(", ", items)));
            } else {
                rows.add(new Row(name, value.isNull() ? "—" : value.asText()));
            }
        });
    }
}
