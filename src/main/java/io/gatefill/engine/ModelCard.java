package io.gatefill.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model card written by {@code training/export}: the fields the editor relies on, read tolerantly
 * (unknown fields are ignored; fields that moved between card revisions are looked up in both places).
 * Read with Jackson's streaming parser: the card is read on every start, and the data-binding layer's
 * first use costs about 0.25 s of a cold JVM, against 0.05 s for the parser alone.
 *
 * @param trainResolution null when the card does not state it (e.g. an untrained fixture)
 * @param evaluation      the card's evaluation object as compact JSON, or null
 * @param json            the card's text as read, for display and for the gate viewer's own fields
 */
public record ModelCard(int contractVersion, String name, String sha256, String architecture, String convType,
                        Integer cnum, boolean sketch, Integer trainResolution, String licence,
                        List<String> dataSources, Long imagesSeen, String evaluation, String json) {
    /** The only contract this build understands (see docs/architecture.md, "The model contract"). */
    public static final int SUPPORTED_CONTRACT = 1;

    private static final JsonFactory JSON = new JsonFactory();

    public ModelCard {
        dataSources = List.copyOf(dataSources);
    }

    /** The fields as the parser meets them; where a card revision moved one, both places are kept. */
    private static final class Fields {
        Integer contract;
        String sha;
        String name;
        String architecture;
        String convType;
        String licence;
        Integer cnum;
        boolean sketch;
        Integer trainResolution;
        Integer trainingResolution;
        Integer nestedResolution;
        Long imagesSeen;
        Long nestedImagesSeen;
        List<String> sources;
        List<String> flatSources;
        String evaluation;
    }

    /** Parses card JSON; throws BAD_CARD naming the first missing or malformed required field. */
    public static ModelCard parse(String text, String source) throws ModelLoadException {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelLoadException(ModelProblem.BAD_CARD, "The model card " + source + " is not a JSON object.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                readTopLevel(p, field, f);
            }
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(ModelProblem.BAD_CARD,
                    "The model card " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(ModelProblem.BAD_CARD, "The model card " + source + " cannot be read: " + e, e);
        }
        if (f.contract == null) {
            throw new ModelLoadException(ModelProblem.BAD_CARD,
                    "The model card " + source + " has no integer \"contract_version\".");
        }
        if (f.sha == null || !f.sha.matches("[0-9a-fA-F]{64}")) {
            throw new ModelLoadException(ModelProblem.BAD_CARD,
                    "The model card " + source + " has no \"sha256\" of 64 hex digits.");
        }
        return new ModelCard(f.contract, f.name, f.sha.toLowerCase(Locale.ROOT), f.architecture, f.convType, f.cnum,
                f.sketch, firstPositive(f.trainResolution, f.trainingResolution, f.nestedResolution), f.licence,
                f.sources != null ? f.sources : f.flatSources != null ? f.flatSources : List.of(),
                f.imagesSeen != null ? f.imagesSeen : f.nestedImagesSeen, f.evaluation, text);
    }

    private static void readTopLevel(JsonParser p, String field, Fields f) throws IOException {
        JsonToken t = p.currentToken();
        switch (field) {
            case "contract_version" -> f.contract = t == JsonToken.VALUE_NUMBER_INT && p.getNumberType()
                    == JsonParser.NumberType.INT ? p.getIntValue() : null;
            case "sha256" -> f.sha = t == JsonToken.VALUE_STRING ? p.getText() : null;
            case "name" -> f.name = scalar(p);
            case "architecture" -> f.architecture = scalar(p);
            case "conv_type" -> f.convType = scalar(p);
            case "licence" -> f.licence = scalar(p);
            case "cnum" -> f.cnum = t.isNumeric() ? p.getNumberValue().intValue() : null;
            case "sketch" -> f.sketch = t == JsonToken.VALUE_TRUE || (t == JsonToken.VALUE_STRING && "true".equals(p.getText().trim()))
                    || (t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() != 0);
            case "train_resolution" -> f.trainResolution = t.isNumeric() ? p.getNumberValue().intValue() : null;
            case "training_resolution" -> f.trainingResolution = t.isNumeric() ? p.getNumberValue().intValue() : null;
            case "images_seen" -> f.imagesSeen = t.isNumeric() ? p.getNumberValue().longValue() : null;
            case "data_sources" -> f.flatSources = strings(p);
            case "evaluation" -> f.evaluation = t == JsonToken.VALUE_NULL ? null : compact(p);
            case "training" -> readObject(p, (name, q) -> {
                if (name.equals("resolution")) {
                    f.nestedResolution = q.currentToken().isNumeric() ? q.getNumberValue().intValue() : null;
                } else if (name.equals("images_seen")) {
                    f.nestedImagesSeen = q.currentToken().isNumeric() ? q.getNumberValue().longValue() : null;
                } else {
                    q.skipChildren();
                }
            });
            case "data" -> readObject(p, (name, q) -> {
                if (name.equals("sources")) {
                    f.sources = strings(q);
                } else {
                    q.skipChildren();
                }
            });
            default -> p.skipChildren();
        }
        // A field read as a scalar may hold an object or array: step over it, so its insides are not
        // taken for the card's own fields (a no-op where the value was read whole).
        p.skipChildren();
    }

    private interface FieldReader {
        void read(String name, JsonParser p) throws IOException;
    }

    /** Calls {@code reader} on each field of the object at the parser (the value is the current token). */
    private static void readObject(JsonParser p, FieldReader reader) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            reader.read(name, p);
            p.skipChildren();
        }
    }

    /** A scalar as text (a number as its digits), null for null; an object or array is skipped as "". */
    private static String scalar(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t.isStructStart()) {
            p.skipChildren();
            return "";
        }
        return p.getText();
    }

    /** An array's entries, strings as they are and anything else as compact JSON; an empty list otherwise. */
    private static List<String> strings(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return out;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : compact(p));
        }
        return out;
    }

    /** The value at the parser as compact JSON; the parser ends on its last token. */
    private static String compact(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }

    private static Integer firstPositive(Integer... values) {
        for (Integer v : values) {
            if (v != null && v > 0) {
                return v;
            }
        }
        return null;
    }
}
