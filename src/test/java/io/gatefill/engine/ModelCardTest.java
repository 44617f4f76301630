package io.gatefill.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatefill.testing.Fixture;
import io.gatefill.testing.ShippedModel;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Reading the card the training pipeline writes, tolerantly; the fixture's and the shipped model's cards. */
class ModelCardTest {
    @Test
    void readsTheFixtureCard() throws Exception {
        ModelCard card = ModelFiles.of(Fixture.model()).verify();
        assertThat(card.contractVersion()).isEqualTo(1);
        assertThat(card.name()).isEqualTo("fixture");
        assertThat(card.convType()).isEqualTo("gated");
        assertThat(card.cnum()).isEqualTo(8);
        assertThat(card.sketch()).isTrue();
        assertThat(card.trainResolution()).isNull();
        assertThat(card.imagesSeen()).isZero();
        assertThat(card.licence()).isEqualTo("CC0-1.0");
        assertThat(card.dataSources()).isEmpty();
        // Computed here rather than pinned: make_fixture.py yields new TorchScript bytes on every run.
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Fixture.model()));
        assertThat(card.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(digest));
        assertThat(card.architecture()).contains("DeepFill v2");
    }

    @Test
    void theShippedCardMatchesItsModelAndDescribesATrainedOne() throws Exception {
        ModelCard card = ShippedModel.card(); // verified: contract version and the file's SHA-256
        // Computed, never pinned: the shipped weights are replaced as training goes on.
        assertThat(card.sha256()).isEqualTo(ModelFiles.sha256Hex(ShippedModel.model()));
        assertThat(card.name()).isNotBlank();
        assertThat(card.convType()).isEqualTo("gated");
        assertThat(card.sketch()).isTrue();
        assertThat(card.trainResolution()).as("a trained model states its training resolution").isPositive();
        assertThat(card.imagesSeen()).as("trained, not a random init").isPositive();
        assertThat(card.dataSources()).isNotEmpty();
        assertThat(card.licence()).isNotBlank();
    }

    @Test
    void toleratesUnknownFieldsAndFindsMovedOnes() throws Exception {
        ModelCard card = ModelCard.parse("{\"contract_version\":1,\"sha256\":\"" + "A".repeat(64) + "\","
                + "\"future_field\":{\"x\":1},\"training\":{\"resolution\":256,\"images_seen\":1200},"
                + "\"data\":{\"sources\":[\"Places2 subset\"]},\"evaluation\":{\"psnr\":24.1}}", "card");
        assertThat(card.trainResolution()).isEqualTo(256);
        assertThat(card.imagesSeen()).isEqualTo(1200L);
        assertThat(card.dataSources()).containsExactly("Places2 subset");
        assertThat(card.evaluation()).contains("24.1");
        assertThat(card.sha256()).isEqualTo("a".repeat(64));
    }

    @Test
    void keepsTheEvaluationAndOddSourcesAsCompactJsonAndSkipsWhatItDoesNotKnow() throws Exception {
        ModelCard card = ModelCard.parse("{\n  \"evaluation\": {\n    \"psnr\": [24.1, 25.0],\n    \"note\": null\n  },\n"
                + "  \"unknown\": [{\"sha256\": \"nested, not the card's\"}],\n"
                + "  \"data_sources\": [\"a\", {\"b\": 2}],\n  \"sketch\": 1,\n  \"cnum\": 32.0,\n"
                + "  \"contract_version\": 1,\n  \"sha256\": \"" + "b".repeat(64) + "\"\n}", "card");
        assertThat(card.evaluation()).isEqualTo("{\"psnr\":[24.1,25.0],\"note\":null}");
        assertThat(card.dataSources()).containsExactly("a", "{\"b\":2}");
        assertThat(card.sketch()).isTrue();
        assertThat(card.cnum()).isEqualTo(32);
        assertThat(card.sha256()).isEqualTo("b".repeat(64));
        assertThat(card.json()).contains("nested, not the card's");
        assertThat(card.trainResolution()).isNull();
    }

    @Test
    void aStructureWhereANumberBelongsIsSteppedOverNotReadInto() throws Exception {
        ModelCard card = ModelCard.parse("{\"cnum\": [32], \"images_seen\": {\"sha256\": \"x\"}, "
                + "\"training\": {\"resolution\": [1], \"images_seen\": 3000000000}, \"train_resolution\": 1e20, "
                + "\"contract_version\": 1, \"sha256\": \"" + "c".repeat(64) + "\", \"name\": \"after\"}", "card");
        assertThat(card.name()).isEqualTo("after");
        assertThat(card.sha256()).isEqualTo("c".repeat(64));
        assertThat(card.cnum()).isNull();
        assertThat(card.imagesSeen()).isEqualTo(3_000_000_000L);
    }

    @Test
    void refusesCardsWithoutRequiredFields() {
        assertThatThrownBy(() -> ModelCard.parse("{\"sha256\":\"" + "a".repeat(64) + "\"}", "c.json"))
                .isInstanceOfSatisfying(ModelLoadException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ModelProblem.BAD_CARD);
                    assertThat(e.getMessage()).contains("contract_version", "c.json");
                });
        assertThatThrownBy(() -> ModelCard.parse("{\"contract_version\":1,\"sha256\":\"abc\"}", "c.json"))
                .isInstanceOfSatisfying(ModelLoadException.class,
                        e -> assertThat(e.getMessage()).contains("sha256"));
        assertThatThrownBy(() -> ModelCard.parse("[1,2]", "c.json")).isInstanceOf(ModelLoadException.class);
        assertThatThrownBy(() -> ModelCard.parse("{\"contract_version\": 1,", "c.json"))
                .isInstanceOfSatisfying(ModelLoadException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ModelProblem.BAD_CARD);
                    assertThat(e.getMessage()).contains("not valid JSON", "c.json");
                });
        assertThatThrownBy(() -> ModelCard.parse("{\"contract_version\": 1.5, \"sha256\": \"" + "a".repeat(64) + "\"}",
                "c.json")).isInstanceOfSatisfying(ModelLoadException.class,
                        e -> assertThat(e.getMessage()).contains("contract_version"));
    }

    @Test
    void cardFileSitsBesideTheModel() throws Exception {
        ModelFiles files = ModelFiles.of(Fixture.model());
        assertThat(files.card().getFileName().toString()).isEqualTo("fixture.json");
        assertThat(Files.isRegularFile(files.card())).isTrue();
    }
}
