package org.repaintstudio.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The curated list of DDPM repositories known to convert and inpaint well (a bundled JSON resource). */
public final class ModelCatalog {
    private static final String RESOURCE = "catalog.json";

    /**
     * One catalogue entry.
     *
     * @param approxDownloadMb approximate size of the weights download
     * @param license licence from the model card, or "unknown"
     * @param recommended whether to offer it first (EMA weights sample better)
     */
    public record Item(String repoId, String title, String domain, int resolution, int approxDownloadMb,
                       String license, boolean recommended) { }

    private ModelCatalog() {}

    public static List<Item> items() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readTree(in);
            List<Item> out = new ArrayList<>();
            for (JsonNode n : root.path("models")) {
                out.add(new Item(n.path("repo_id").asText(), n.path("title").asText(), n.path("domain").asText(),
                        n.path("resolution").asInt(), n.path("approx_download_mb").asInt(),
                        n.path("license").asText("unknown"), n.path("recommended").asBoolean(false)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Item> find(String repoId) {
        return items().stream().filter(i -> i.repoId().equalsIgnoreCase(repoId)).findFirst();
    }
}
