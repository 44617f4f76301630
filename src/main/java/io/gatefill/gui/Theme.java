package io.gatefill.gui;

/** The editor's colour themes; dark is the default, as in photo editors, so colours are judged on neutral grey. */
public enum Theme {
    DARK("dark.css"),
    LIGHT(null);

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** The stylesheet over modena (a resource of this package), or null for plain modena. */
    public String stylesheet() {
        return stylesheet;
    }

    /** The theme a stored name means; anything unknown is the default. */
    public static Theme parse(String name) {
        for (Theme t : values()) {
            if (t.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return t;
            }
        }
        return DARK;
    }
}
