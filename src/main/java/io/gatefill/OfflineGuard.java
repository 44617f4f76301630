package io.gatefill;

/**
 * Makes DJL strictly offline before any DJL class loads: no model-zoo lookups, no native-library
 * downloads, no telemetry. The user's own setting wins if they set one explicitly.
 */
public final class OfflineGuard {
    private OfflineGuard() {
    }

    public static void apply() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        // DJL reads the telemetry opt-out from the environment or from this system property.
        setIfAbsent("ai.djl.telemetry.disable", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
