package org.repaintstudio.app.model;

import java.nio.file.Path;
import java.util.List;

/**
 * What the Models dialog's Info pane shows about one model: sections of label/value facts
 * (general, UNet config, scheduler, files). Built off the UI thread.
 */
public record ModelDetails(String name, Path location, List<Section> sections) {
    public record Fact(String label, String value) {}

    public record Section(String title, List<Fact> facts) {}

    /** The section with this title, if present. */
    public java.util.Optional<Section> section(String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst();
    }

    /** The first value with this label in any section, or null. */
    public String value(String label) {
        return sections.stream().flatMap(s -> s.facts().stream()).filter(f -> f.label().equals(label))
                .map(Fact::value).findFirst().orElse(null);
    }

    /** Plain text, as copied to the clipboard. */
    public String asText() {
        StringBuilder sb = new StringBuilder(name).append('\n');
        for (Section s : sections) {
            sb.append('\n').append(s.title()).append('\n');
            for (Fact f : s.facts()) {
                sb.append("  ").append(f.label()).append(": ").append(f.value()).append('\n');
            }
        }
        return sb.toString();
    }
}
