package org.repaintstudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.repaintstudio.core.UserFacingException;
import org.repaintstudio.core.image.ImageWriters;
import org.repaintstudio.core.schedule.DiffusersResampling;
import org.repaintstudio.core.schedule.OriginalJumpSchedule;
import org.repaintstudio.core.schedule.TimestepSchedule;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        header = "Prints a RePaint resampling schedule as JSON (diffusers or original).",
        description = {"Prints a RePaint resampling schedule as JSON: diffusers' set_timesteps by default,",
                "or the original get_schedule_jump with --original. --plot draws it as a PNG."})
final class ScheduleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--steps", description = "Inference steps (default: ${DEFAULT-VALUE}).")
    int steps = 250;

    @Option(names = "--jump-length", description = "Jump length j (default: ${DEFAULT-VALUE}).")
    int jumpLength = 10;

    @Option(names = "--jump-n-sample", description = "Jump n sample r (default: ${DEFAULT-VALUE}).")
    int jumpNSample = 10;

    @Option(names = "--train-steps", description = "Training timesteps T (default: ${DEFAULT-VALUE}).")
    int trainSteps = 1000;

    @Option(names = "--original", paramLabel = "key=value,...",
            description = {"Use the original RePaint get_schedule_jump with these parameters: t_T, n_sample,",
                    "jump_length, jump_n_sample, jump2_length, jump2_n_sample, jump3_length, jump3_n_sample,",
                    "start_resampling. Example: t_T=250,n_sample=1,jump_length=10,jump_n_sample=10"})
    String original;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also draw t against iteration to this PNG file.")
    Path plot;

    @Option(names = "--force", description = "Overwrite the plot file if it exists.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        ObjectNode json = new ObjectMapper().createObjectNode();
        TimestepSchedule schedule;
        int[] listed;
        if (original != null) {
            OriginalJumpSchedule o = parseOriginal(original);
            listed = o.times();
            schedule = o.toTransitions();
            json.put("source", "original get_schedule_jump");
            ObjectNode params = json.putObject("params");
            params.put("t_T", o.tT()).put("n_sample", o.nSample()).put("jump_length", o.jumpLength())
                    .put("jump_n_sample", o.jumpNSample()).put("jump2_length", o.jump2Length())
                    .put("jump2_n_sample", o.jump2NSample()).put("jump3_length", o.jump3Length())
                    .put("jump3_n_sample", o.jump3NSample()).put("start_resampling", o.startResampling());
        } else {
            listed = DiffusersResampling.timesteps(steps, jumpLength, jumpNSample, trainSteps);
            schedule = TimestepSchedule.fromDiffusersTimesteps(listed);
            json.put("source", "diffusers RePaintScheduler.set_timesteps");
            json.putObject("params").put("num_train_timesteps", trainSteps).put("num_inference_steps", steps)
                    .put("jump_length", jumpLength).put("jump_n_sample", jumpNSample);
        }
        json.put("length", listed.length);
        json.put("model_calls", schedule.denoiseCount());
        json.put("undo_entries", schedule.undoCount());
        var arr = json.putArray("timesteps");
        for (int t : listed) {
            arr.add(t);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(json));
        out.flush();
        if (plot != null) {
            String title = original != null ? "get_schedule_jump(" + original + ")"
                    : String.format(Locale.ROOT, "diffusers: %d steps, jump %d × %d, T=%d", steps, jumpLength,
                    jumpNSample, trainSteps);
            ImageWriters.save(SchedulePlot.render(schedule, title, 1000, 420), plot, Map.of("Title", title), force);
        }
        return 0;
    }

    static OriginalJumpSchedule parseOriginal(String spec) {
        Map<String, Integer> v = new LinkedHashMap<>();
        v.put("t_T", null);
        v.put("n_sample", 1);
        v.put("jump_length", null);
        v.put("jump_n_sample", null);
        v.put("jump2_length", 1);
        v.put("jump2_n_sample", 1);
        v.put("jump3_length", 1);
        v.put("jump3_n_sample", 1);
        v.put("start_resampling", OriginalJumpSchedule.ALWAYS);
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2 || !v.containsKey(kv[0].trim())) {
                throw new UserFacingException("'" + part.trim() + "' is not a get_schedule_jump parameter; use key=value with "
                        + String.join(", ", v.keySet()) + ".");
            }
            try {
                v.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new UserFacingException("The value of " + kv[0].trim() + " must be a whole number, not '" + kv[1].trim() + "'.");
            }
        }
        for (String required : new String[] {"t_T", "jump_length", "jump_n_sample"}) {
            if (v.get(required) == null) {
                throw new UserFacingException("--original needs " + required + "=<number>.");
            }
        }
        return new OriginalJumpSchedule(v.get("t_T"), v.get("n_sample"), v.get("jump_length"), v.get("jump_n_sample"),
                v.get("jump2_length"), v.get("jump2_n_sample"), v.get("jump3_length"), v.get("jump3_n_sample"),
                v.get("start_resampling"));
    }
}
