package io.gatefill.gui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application: builds the main window. */
public final class GatefillApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Gatefill");
        stage.setScene(new Scene(new Label("Gatefill"), 1200, 800));
        stage.show();
    }
}
