package vn.binhyen.report.dashboard;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import vn.binhyen.report.service.ReportStatistics;

/**
 * Charts drawn on the server as SVG (issue 24 allows either a served chart library or this): no
 * script, nothing fetched, printable, and each bar with its figure as a tooltip; every chart on a
 * page sits beside a table of the same figures, for screen readers and for print.
 */
public final class Charts {
    /** One colour per report type, each at least 4.5:1 against white. */
    static final List<String> COLOURS = List.of("#12355b", "#b71c1c", "#2e6b30");
    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 36;
    static final int BOTTOM = 24;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");

    private Charts() {
    }

    /** Reports per day, stacked by type (in {@link ReportStatistics#TYPES}' order, labelled by {@code labels}). */
    public static String perDay(List<ReportStatistics.Day> days, List<String> labels) {
        int max = Math.max(1, days.stream().mapToInt(ReportStatistics.Day::total).max().orElse(1));
        int top = niceCeiling(max);
        double plotW = WIDTH - LEFT - 8;
        double plotH = HEIGHT - BOTTOM - 8;
        double slot = plotW / Math.max(1, days.size());
        double bar = Math.max(1, slot * 0.8);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT + 24).append("\" role=\"img\" aria-labelledby=\"chart-days-title\" class=\"chart\">")
                .append("<title id=\"chart-days-title\">Số tin tiếp nhận theo ngày, theo loại</title>");
        axis(svg, top, plotH);
        int every = Math.max(1, (int) Math.ceil(days.size() / 12.0));
        for (int i = 0; i < days.size(); i++) {
            var d = days.get(i);
            double x = LEFT + i * slot + (slot - bar) / 2;
            double y = 8 + plotH;
            for (int t = 0; t < ReportStatistics.TYPES.size(); t++) {
                int n = d.byType().getOrDefault(ReportStatistics.TYPES.get(t), 0);
                if (n == 0) {
                    continue;
                }
                double h = plotH * n / top;
                y -= h;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s: %d %s</title></rect>", x, y, bar, h, COLOURS.get(t), DAY.format(d.day()), n,
                        escape(labels.get(t))));
            }
            if (i % every == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s"
                        + "</text>", x + bar / 2, HEIGHT - 8, DAY.format(d.day())));
            }
        }
        legend(svg, labels);
        return svg.append("</svg>").toString();
    }

    /** A share (0–1) per label as bars on a 0–100 % scale; a null share is drawn as nothing and said so. */
    public static String shares(List<String> labels, List<Double> shares, String title) {
        double plotW = WIDTH - LEFT - 8;
        double plotH = HEIGHT - BOTTOM - 8;
        double slot = plotW / Math.max(1, labels.size());
        double bar = Math.min(48, slot * 0.7);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"chart-share-title\" class=\"chart\">")
                .append("<title id=\"chart-share-title\">").append(escape(title)).append("</title>");
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = 8 + plotH * (1 - pct / 100.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%d%%</text>", LEFT, WIDTH - 8, y, y,
                    LEFT - 4, y + 3, pct));
        }
        for (int i = 0; i < labels.size(); i++) {
            double x = LEFT + i * slot + (slot - bar) / 2;
            Double share = shares.get(i);
            if (share != null) {
                double h = plotH * share;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s: %.0f%%</title></rect>", x, 8 + plotH - h, bar, h, COLOURS.get(0),
                        escape(labels.get(i)), share * 100));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s"
                    + "</text>", x + bar / 2, HEIGHT - 8, escape(labels.get(i) + (share == null ? " (chưa có)" : ""))));
        }
        return svg.append("</svg>").toString();
    }

    private static void axis(StringBuilder svg, int top, double plotH) {
        for (int k = 0; k <= 4; k++) {
            int value = top * k / 4;
            double y = 8 + plotH * (1 - k / 4.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%d</text>", LEFT, WIDTH - 8, y, y,
                    LEFT - 4, y + 3, value));
        }
    }

    private static void legend(StringBuilder svg, List<String> labels) {
        int x = LEFT;
        for (int t = 0; t < labels.size(); t++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x, HEIGHT + 6, COLOURS.get(t), x + 14,
                    HEIGHT + 15, escape(labels.get(t))));
            x += 14 + 8 * labels.get(t).length() + 16;
        }
    }

    /** 1, 2, 5 × 10ⁿ at or above {@code max}, divisible by 4 where it can be. */
    static int niceCeiling(int max) {
        for (int scale = 1; ; scale *= 10) {
            for (int step : new int[] {4, 8, 12, 20, 40}) {
                if (step * scale >= max) {
                    return step * scale;
                }
            }
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
