package org.repaintstudio.app.util;

import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons and tooltips, so every button gets both the same way. */
public final class Icons {
    private Icons() {}

    public static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.setIconSize(18);
        i.getStyleClass().add("app-icon");
        return i;
    }

    public static <B extends ButtonBase> B decorate(B button, Ikon ikon, String tooltip) {
        button.setGraphic(icon(ikon));
        tooltip(button, tooltip);
        return button;
    }

    public static void tooltip(javafx.scene.control.Control control, String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(400));
        t.setWrapText(true);
        t.setMaxWidth(360);
        control.setTooltip(t);
    }

    public static MenuItem item(String text, Ikon ikon, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (ikon != null) {
            FontIcon i = new FontIcon(ikon);
            i.setIconSize(16);
            m.setGraphic(i);
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
