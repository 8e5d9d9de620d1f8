package org.repaintstudio.core.sampler;

import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.repaintstudio.core.UserFacingException;

/**
 * Every registered {@link SamplerType}, in registration order (the first is the default). Front
 * ends build their mode lists, help and errors from here, never from a fixed list of names.
 */
public final class SamplerRegistry {
    private static final List<SamplerType> ALL = load();

    private SamplerRegistry() {}

    private static List<SamplerType> load() {
        List<SamplerType> found = ServiceLoader.load(SamplerType.class, SamplerRegistry.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no sampler registered in META-INF/services");
        }
        return found;
    }

    public static List<SamplerType> all() {
        return ALL;
    }

    /** The default sampler: the first registered (diffusers mode). */
    public static SamplerType defaultType() {
        return ALL.get(0);
    }

    /** The ids joined for help text: "diffusers, paper". */
    public static String ids() {
        return ALL.stream().map(SamplerType::id).collect(Collectors.joining(", "));
    }

    /**
     * The sampler with this id (case-insensitive), or {@code ID@VALUE} for a sampler with a
     * {@link SamplerType#tunable() value}; an unknown id is one sentence naming the choices.
     */
    public static SamplerType byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        int at = wanted.indexOf('@');
        if (at > 0) {
            return byId(wanted.substring(0, at)).tuned(parseValue(id, wanted.substring(at + 1)));
        }
        for (SamplerType t : ALL) {
            if (t.id().equals(wanted)) {
                return t;
            }
        }
        throw new UserFacingException("Unknown sampling mode '" + id + "'; use one of: " + ids() + ".");
    }

    private static double parseValue(String id, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UserFacingException("The value after '@' in '" + id + "' is not a number.");
        }
    }
}
