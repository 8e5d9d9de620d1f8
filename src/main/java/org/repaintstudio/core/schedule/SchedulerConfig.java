package org.repaintstudio.core.schedule;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.repaintstudio.core.UserFacingException;

/**
 * The noise-process settings of a DDPM checkpoint: diffusers' scheduler_config.json keys
 * (num_train_timesteps, beta_start, beta_end, beta_schedule, trained_betas, clip_sample,
 * variance_type, prediction_type). Defaults are those of diffusers' DDPM/RePaint schedulers.
 */
public record SchedulerConfig(
        int numTrainTimesteps,
        double betaStart,
        double betaEnd,
        BetaSchedule betaSchedule,
        float[] trainedBetas,
        boolean clipSample,
        VarianceType varianceType) {

    /** Variance of the reverse step, as named in diffusers (used by the paper-mode sampler). */
    public enum VarianceType {
        FIXED_SMALL, FIXED_LARGE, LEARNED_RANGE;

        public static VarianceType fromConfigName(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "fixed_small", "fixed_small_log" -> FIXED_SMALL;
                case "fixed_large", "fixed_large_log" -> FIXED_LARGE;
                case "learned_range" -> LEARNED_RANGE;
                default -> throw new UserFacingException("Unsupported variance_type '" + name
                        + "'; expected fixed_small, fixed_large or learned_range.");
            };
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SchedulerConfig {
        if (trainedBetas == null && (numTrainTimesteps < 2 || numTrainTimesteps > ScheduleLimits.MAX_TRAIN_TIMESTEPS)) {
            throw new UserFacingException("num_train_timesteps must be between 2 and "
                    + ScheduleLimits.MAX_TRAIN_TIMESTEPS + ", not " + numTrainTimesteps + ".");
        }
        if (trainedBetas != null && (trainedBetas.length < 2 || trainedBetas.length > ScheduleLimits.MAX_TRAIN_TIMESTEPS)) {
            throw new UserFacingException("trained_betas must list between 2 and "
                    + ScheduleLimits.MAX_TRAIN_TIMESTEPS + " values, not " + trainedBetas.length + ".");
        }
        if (trainedBetas != null) {
            for (float b : trainedBetas) {
                if (!(b > 0 && b < 1)) {
                    throw new UserFacingException("Every value of trained_betas must be between 0 and 1, not " + b + ".");
                }
            }
        }
        if (trainedBetas != null) {
            numTrainTimesteps = trainedBetas.length;
        }
        if (!(betaStart > 0 && betaEnd < 1 && betaStart <= betaEnd)) {
            throw new UserFacingException("beta_start and beta_end must satisfy 0 < beta_start <= beta_end < 1.");
        }
    }

    /** diffusers' RePaintScheduler defaults: 1000 linear betas from 1e-4 to 0.02, clipped x0. */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(1000, 1e-4, 0.02, BetaSchedule.LINEAR, null, true, VarianceType.FIXED_SMALL);
    }

    public SchedulerConfig withTrainTimesteps(int n) {
        return new SchedulerConfig(n, betaStart, betaEnd, betaSchedule, null, clipSample, varianceType);
    }

    public SchedulerConfig withClipSample(boolean clip) {
        return new SchedulerConfig(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas, clip, varianceType);
    }

    /** Reads a scheduler_config.json tree; missing keys keep their defaults. */
    public static SchedulerConfig fromJson(JsonNode json) {
        SchedulerConfig d = defaults();
        String prediction = text(json, "prediction_type", "epsilon");
        if (!prediction.equals("epsilon")) {
            throw new UserFacingException("prediction_type '" + prediction
                    + "' is not supported; RePaint needs a model that predicts the noise (epsilon).");
        }
        float[] trained = null;
        JsonNode tb = json.get("trained_betas");
        if (tb != null && !tb.isNull()) {
            if (!tb.isArray()) {
                throw new UserFacingException("trained_betas must be a list of numbers.");
            }
            if (tb.size() > ScheduleLimits.MAX_TRAIN_TIMESTEPS) {
                throw new UserFacingException("trained_betas lists " + tb.size() + " values; at most "
                        + ScheduleLimits.MAX_TRAIN_TIMESTEPS + " are supported.");
            }
            trained = new float[tb.size()];
            for (int i = 0; i < trained.length; i++) {
                trained[i] = (float) tb.get(i).asDouble();
            }
        }
        return new SchedulerConfig(
                trainTimesteps(json.path("num_train_timesteps"), d.numTrainTimesteps()),
                json.path("beta_start").asDouble(d.betaStart()),
                json.path("beta_end").asDouble(d.betaEnd()),
                BetaSchedule.fromConfigName(text(json, "beta_schedule", "linear")),
                trained,
                json.path("clip_sample").asBoolean(d.clipSample()),
                VarianceType.fromConfigName(text(json, "variance_type", "fixed_small")));
    }

    /** An integer count; asInt would silently wrap 1e12 or turn 1.5 into 1. */
    private static int trainTimesteps(JsonNode n, int fallback) {
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new UserFacingException("num_train_timesteps must be a whole number between 2 and "
                    + ScheduleLimits.MAX_TRAIN_TIMESTEPS + ", not " + n + ".");
        }
        return n.asInt();
    }

    private static String text(JsonNode json, String key, String fallback) {
        JsonNode n = json.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }
}
