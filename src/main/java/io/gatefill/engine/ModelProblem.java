package io.gatefill.engine;

/** Why a model was refused; the CLI maps every value to the same exit code and prints the message. */
public enum ModelProblem {
    MISSING_MODEL, MISSING_CARD, BAD_CARD, CHECKSUM_MISMATCH, UNSUPPORTED_CONTRACT, NOT_TORCHSCRIPT,
    DEVICE_UNAVAILABLE, LOAD_FAILED
}
