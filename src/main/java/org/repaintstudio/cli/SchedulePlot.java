package org.repaintstudio.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import org.repaintstudio.core.schedule.StepKind;
import org.repaintstudio.core.schedule.TimestepSchedule;

/** Draws a schedule as t against iteration: denoising in blue, undo (resampling) in orange. */
final class SchedulePlot {
    static final Color DENOISE = new Color(0x1f77b4);
    static final Color UNDO = new Color(0xff7f0e);

    private SchedulePlot() {}

    static BufferedImage render(TimestepSchedule s, String title, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int left = 60;
            int right = width - 20;
            int top = 40;
            int bottom = height - 45;
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, left, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawLine(left, bottom, right, bottom);
            g.drawLine(left, top, left, bottom);
            int n = Math.max(1, s.size() - 1);
            int maxT = Math.max(1, s.maxValue());
            int minT = Math.min(0, java.util.Arrays.stream(s.values()).min().orElse(0));
            for (int k = 0; k <= 4; k++) {
                int t = minT + (maxT - minT) * k / 4;
                int y = yOf(t, minT, maxT, top, bottom);
                g.drawString(Integer.toString(t), 8, y + 4);
                g.drawLine(left - 4, y, left, y);
                int it = n * k / 4;
                int x = left + (int) ((long) (right - left) * it / n);
                g.drawString(Integer.toString(it), x - 10, bottom + 18);
            }
            g.drawString("iteration", (left + right) / 2 - 25, height - 8);
            g.drawString("t", 20, top - 10);
            g.setStroke(new BasicStroke(1.2f));
            for (int i = 1; i < s.size(); i++) {
                g.setColor(s.kind(i) == StepKind.DENOISE ? DENOISE : UNDO);
                int x0 = left + (int) ((long) (right - left) * (i - 1) / n);
                int x1 = left + (int) ((long) (right - left) * i / n);
                g.drawLine(x0, yOf(s.value(i - 1), minT, maxT, top, bottom), x1, yOf(s.value(i), minT, maxT, top, bottom));
            }
            g.setColor(DENOISE);
            g.fillRect(right - 190, top, 12, 12);
            g.setColor(UNDO);
            g.fillRect(right - 100, top, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString("denoise " + s.denoiseCount(), right - 174, top + 11);
            g.drawString("undo " + s.undoCount(), right - 84, top + 11);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static int yOf(int t, int minT, int maxT, int top, int bottom) {
        return bottom - (int) ((long) (bottom - top) * (t - minT) / Math.max(1, maxT - minT));
    }
}
