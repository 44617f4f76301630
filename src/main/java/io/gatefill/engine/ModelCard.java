package io.gatefill.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The model card written by {@code training/export}: the fields the editor relies on, read tolerantly
 * (unknown fields are ignored; fields that moved between card revisions are looked up in both places).
 *
 * @param trainResolution null when the card does not state it (e.g. an untrained fixture)
 * @param evaluation      the card's evaluation object as compact JSON, or null
 * @param json            the whole card, compact, for display
 */
public record ModelCard(int contractVersion, String name, String sha256, String architecture, String convType,
                        Integer cnum, boolean sketch, Integer trainResolution, String licence,
                        List<String> dataSources, Long imagesSeen, String evaluation, String json) {
    /** The only contract this build understands (see docs/architecture.md, "The model contract"). */
    public static final int SUPPORTED_CONTRACT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ModelCard {
        dataSources = List.copyOf(dataSources);
    }

    /** Parses card JSON; throws BAD_CARD naming the first missing or malformed required field. */
    public static ModelCard parse(String text, String source) throws ModelLoadException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(ModelProblem.BAD_CARD,
                    "The model card " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(ModelProblem.BAD_CARD, "The model card " + source + " is not a JSON object.");
        }
        JsonNode contract = root.get("contract_version");
        if (contract == null || !contract.canConvertToInt() || !contract.isIntegralNumber()) {
            throw new ModelLoadException(ModelProblem.BAD_CARD,
                    "The model card " + source + " has no integer \"contract_version\".");
        }
        JsonNode sha = root.get("sha256");
        if (sha == null || !sha.isTextual() || !sha.asText().matches("[0-9a-fA-F]{64}")) {
            throw new ModelLoadException(ModelProblem.BAD_CARD,
                    "The model card " + source + " has no \"sha256\" of 64 hex digits.");
        }
        JsonNode training = root.path("training");
        List<String> sources = new ArrayList<>();
        JsonNode sourceNode = root.path("data").path("sources");
        if (sourceNode.isMissingNode()) {
            sourceNode = root.path("data_sources");
        }
        for (JsonNode s : sourceNode) {
            sources.add(s.isTextual() ? s.asText() : s.toString());
        }
        JsonNode evaluation = root.get("evaluation");
        return new ModelCard(contract.asInt(), text(root, "name"), sha.asText().toLowerCase(java.util.Locale.ROOT),
                text(root, "architecture"), text(root, "conv_type"), integer(root.get("cnum")),
                root.path("sketch").asBoolean(false),
                firstInteger(root.get("train_resolution"), root.get("training_resolution"), training.get("resolution")),
                text(root, "licence"), sources,
                firstLong(root.get("images_seen"), training.get("images_seen")),
                evaluation == null || evaluation.isNull() ? null : evaluation.toString(), root.toString());
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer integer(JsonNode n) {
        return n != null && n.isNumber() ? n.asInt() : null;
    }

    private static Integer firstInteger(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && n.isNumber() && n.asInt() > 0) {
                return n.asInt();
            }
        }
        return null;
    }

    private static Long firstLong(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && n.isNumber()) {
                return n.asLong();
            }
        }
        return null;
    }
}
