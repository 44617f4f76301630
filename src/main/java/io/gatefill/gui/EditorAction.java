package io.gatefill.gui;

/**
 * Every menu command of the editor with its menu, label and shortcut; the menu bar is built from
 * this enum (Scene Builder's pattern), and the view model decides what each does and when it is enabled.
 */
public enum EditorAction {
    OPEN("File", "Open…", "Shortcut+O"),
    SAVE_PROJECT("File", "Save Project", "Shortcut+S"),
    SAVE_PROJECT_AS("File", "Save Project As…", "Shortcut+Shift+S"),
    EXPORT("File", "Export Image…", "Shortcut+E"),
    BATCH("File", "Batch…", "Shortcut+B"),
    CLOSE("File", "Close", "Shortcut+W"),
    QUIT("File", "Quit", "Shortcut+Q"),

    UNDO("Edit", "Undo", "Shortcut+Z"),
    REDO("Edit", "Redo", "Shortcut+Shift+Z"),
    REDO_ALT("Edit", "Redo (alternative)", "Shortcut+Y"),

    CLEAR_MASK("Mask", "Clear Mask", "Shortcut+Shift+X"),
    INVERT_MASK("Mask", "Invert Mask", "Shortcut+I"),
    GROW_MASK("Mask", "Grow Mask…", "Shortcut+Shift+G"),
    SHRINK_MASK("Mask", "Shrink Mask…", "Shortcut+Shift+H"),
    REUSE_MASK("Mask", "Reuse Previous Mask", "Shortcut+Shift+R"),
    IMPORT_MASK("Mask", "Import Mask…", null),
    EXPORT_MASK("Mask", "Export Mask…", null),
    CLEAR_SKETCH("Mask", "Clear Sketch", null),

    TOOL_MASK_BRUSH("Tools", "Mask Brush", "B"),
    TOOL_MASK_ERASER("Tools", "Mask Eraser", "E"),
    TOOL_SKETCH_PEN("Tools", "Sketch Pen", "P"),
    TOOL_SKETCH_ERASER("Tools", "Sketch Eraser", "Shift+E"),
    // [ and ] are matched by key code in the view: character accelerators miss them on some layouts.
    BRUSH_SMALLER("Tools", "Smaller Brush    [", null),
    BRUSH_LARGER("Tools", "Larger Brush    ]", null),

    ZOOM_IN("View", "Zoom In", "Shortcut+Equals"),
    ZOOM_OUT("View", "Zoom Out", "Shortcut+Minus"),
    ZOOM_FIT("View", "Fit to Window", "Shortcut+0"),
    ZOOM_100("View", "Actual Pixels (100 %)", "Shortcut+1"),

    // Provided by the Fill feature (gui.fill), which adds its engine and gate-map items to this menu.
    FILL("Fill", "Fill", "Shortcut+Enter"),
    FILL_AGAIN("Fill", "Fill Again (another variation)", "Shortcut+Shift+Enter"),
    FILL_CANCEL("Fill", "Cancel Fill", "Esc"),

    HELP_SHORTCUTS("Help", "Keyboard Shortcuts", "F1"),
    HELP_GUIDE("Help", "User Guide", null),
    HELP_MODEL("Help", "Model and Training Data", null),
    HELP_ABOUT("Help", "About Gatefill", null);

    private final String menu;
    private final String label;
    private final String accelerator;

    EditorAction(String menu, String label, String accelerator) {
        this.menu = menu;
        this.label = label;
        this.accelerator = accelerator;
    }

    public String menu() {
        return menu;
    }

    public String label() {
        return label;
    }

    /** A {@code KeyCombination} string, or null when the action has no shortcut. */
    public String accelerator() {
        return accelerator;
    }
}
