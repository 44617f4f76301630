package io.gatefill.gui.window;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Gives a stage its remembered (or default) size and position, and records them when it hides.
 *
 * <p>JavaFX 21 under a window manager often maps a window at 200x200 whatever size was set before
 * {@code show()} (JDK-8316423, fixed in JavaFX 22). The size is therefore set again once the window
 * is shown: {@code setWidth} passes the value to the native window even when the property already
 * holds it, and by then the window manager has mapped the window and honours the request.
 *
 * <p>Sizes are remembered as the scene's (the content's): a stage's width includes the window
 * manager's frame once shown but is applied as the content size before, so remembering the stage's
 * own size would grow the window by its frame at every start.
 */
public final class StagePlacement {
    private final Stage stage;
    private final String name;
    private final WindowPlacementStore store;
    private double normalX;
    private double normalY;
    private double normalWidth;
    private double normalHeight;
    private boolean maximized;

    private StagePlacement(Stage stage, String name, WindowPlacementStore store, double width, double height) {
        this.stage = stage;
        this.name = name;
        this.store = store;
        WindowPlacement saved = store.get(name).filter(StagePlacement::onSomeScreen).orElse(null);
        // A default larger than the screen (a 1280x800 laptop) would put the title bar or the status bar out of reach.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        normalWidth = saved != null ? saved.width() : Math.min(width, screen.getWidth());
        normalHeight = saved != null ? saved.height() : Math.min(height, screen.getHeight());
        maximized = saved != null && saved.maximized();
        if (saved != null) {
            normalX = saved.x();
            normalY = saved.y();
            stage.setX(normalX);
            stage.setY(normalY);
        }
        stage.setWidth(normalWidth);
        stage.setHeight(normalHeight);
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(this::reapply));
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> save());
        stage.xProperty().addListener((o, was, now) -> track());
        stage.yProperty().addListener((o, was, now) -> track());
        stage.widthProperty().addListener((o, was, now) -> track());
        stage.heightProperty().addListener((o, was, now) -> track());
        stage.getScene().widthProperty().addListener((o, was, now) -> track());
        stage.getScene().heightProperty().addListener((o, was, now) -> track());
        stage.maximizedProperty().addListener((o, was, now) -> {
            if (stage.isShowing()) {
                maximized = now;
            }
        });
    }

    /**
     * Places {@code stage} (its scene already set) where window {@code name} was last time (if that is still on a screen),
     * else at {@code width} x {@code height}, centred; call before the first {@code show()}.
     */
    public static StagePlacement install(Stage stage, String name, WindowPlacementStore store, double width,
                                         double height) {
        return new StagePlacement(stage, name, store, width, height);
    }

    private void reapply() {
        boolean restoreMaximized = maximized;
        double frameWidth = Math.max(0, stage.getWidth() - stage.getScene().getWidth());
        double frameHeight = Math.max(0, stage.getHeight() - stage.getScene().getHeight());
        stage.setWidth(normalWidth + frameWidth);
        stage.setHeight(normalHeight + frameHeight);
        if (store.get(name).isEmpty()) {
            stage.centerOnScreen(); // the 200x200 window was centred for its own size
        }
        if (restoreMaximized) {
            stage.setMaximized(true);
        }
    }

    /** Follows the window while it is a normal window; the 200x200 of the bug is never taken for a choice. */
    private void track() {
        if (!stage.isShowing() || stage.isMaximized() || stage.isIconified() || stage.isFullScreen()
                || stage.getScene().getWidth() < WindowPlacement.MIN_WIDTH
                || stage.getScene().getHeight() < WindowPlacement.MIN_HEIGHT) {
            return;
        }
        normalX = stage.getX();
        normalY = stage.getY();
        normalWidth = stage.getScene().getWidth();
        normalHeight = stage.getScene().getHeight();
    }

    private void save() {
        store.put(name, new WindowPlacement(normalX, normalY, normalWidth, normalHeight, stage.isMaximized()));
    }

    private static boolean onSomeScreen(WindowPlacement p) {
        // At least a title bar's worth must be visible, or a window saved on an unplugged monitor opens out of reach.
        return !Screen.getScreensForRectangle(new Rectangle2D(p.x(), p.y(), Math.min(p.width(), 200), 40)).isEmpty();
    }
}
