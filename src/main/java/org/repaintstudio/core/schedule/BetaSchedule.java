package org.repaintstudio.core.schedule;

import java.util.Locale;

import org.repaintstudio.core.UserFacingException;

/** The beta schedules diffusers' DDPM/RePaint schedulers accept, by their config names. */
public enum BetaSchedule {
    LINEAR("linear"),
    SCALED_LINEAR("scaled_linear"),
    SQUAREDCOS_CAP_V2("squaredcos_cap_v2"),
    SIGMOID("sigmoid");

    private final String configName;

    BetaSchedule(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static BetaSchedule fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (BetaSchedule s : values()) {
            if (s.configName.equals(wanted)) {
                return s;
            }
        }
        throw new UserFacingException("Unknown beta_schedule '" + name
                + "'; expected linear, scaled_linear, squaredcos_cap_v2 or sigmoid.");
    }
}
