package io.pushgate.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG, so a report is one self-contained file: axes with round ticks, one
 * polyline per series, a legend. The y axis is linear from zero, or logarithmic (for latencies, whose
 * median and maximum differ by orders of magnitude); non-positive values are left out of a log chart.
 */
final class SvgChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 320;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 20;
  private static final int BOTTOM = 60;

  /**
   * One line: its name in the legend, its colour, its points (x and y of the same length); dashed so
   * a line drawn over another one of the same values still shows both.
   */
  record Series(String name, String color, double[] x, double[] y, boolean dashed) {
    Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("x and y differ in length");
      }
    }

    Series(String name, String color, double[] x, double[] y) {
      this(name, color, x, y, false);
    }
  }

  private SvgChart() {}

  /**
   * Renders the chart.
   *
   * @param xLabel label of the x axis
   * @param yLabel label of the y axis
   * @param logY logarithmic y axis
   */
  static String render(String xLabel, String yLabel, List<Series> series, boolean logY) {
    double xMax = 0;
    double yMin = Double.MAX_VALUE;
    double yMax = 0;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        xMax = Math.max(xMax, s.x()[i]);
        if (!logY || s.y()[i] > 0) {
          yMax = Math.max(yMax, s.y()[i]);
          yMin = Math.min(yMin, s.y()[i]);
        }
      }
    }
    xMax = xMax <= 0 ? 1 : xMax;
    Axis y = logY ? Axis.log(yMin == Double.MAX_VALUE ? 1 : yMin, yMax <= 0 ? 1 : yMax) : Axis.linear(yMax <= 0 ? 1 : yMax);
    Axis x = Axis.exact(xMax); // time ends where the run ended

    StringBuilder svg = new StringBuilder(4096);
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" stroke=\"#999\"/>%n",
        LEFT, TOP, plotW, plotH));
    for (double tick : y.ticks()) {
      double py = TOP + plotH - y.position(tick) * plotH;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
          LEFT, py, LEFT + plotW, py, LEFT - 6, py + 4, label(tick)));
    }
    for (double tick : x.ticks()) {
      double px = LEFT + x.position(tick) * plotW;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>"
              + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          px, TOP, px, TOP + plotH, px, TOP + plotH + 16, label(tick)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        LEFT + plotW / 2, TOP + plotH + 34, Html.escape(xLabel)));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
        TOP + plotH / 2, TOP + plotH / 2, Html.escape(yLabel + (logY ? " (log scale)" : ""))));

    int legendX = LEFT;
    for (Series s : series) {
      svg.append(path(s, x, y, plotW, plotH, logY));
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
          legendX, HEIGHT - 12, s.color(), legendX + 16, HEIGHT - 7, Html.escape(s.name())));
      legendX += 30 + 8 * s.name().length();
    }
    return svg.append("</svg>\n").toString();
  }

  private static String path(Series s, Axis x, Axis y, int plotW, int plotH, boolean logY) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int i = 0; i < s.x().length; i++) {
      if (logY && s.y()[i] <= 0) {
        pen = false; // a gap: nothing to draw on a log scale
        continue;
      }
      double px = LEFT + x.position(s.x()[i]) * plotW;
      double py = TOP + plotH - y.position(s.y()[i]) * plotH;
      d.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
      pen = true;
    }
    if (d.length() == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s/>%n",
        d.toString().trim(), s.color(), s.dashed() ? " stroke-dasharray=\"6 4\"" : "");
  }

  static String label(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** Maps values to [0, 1] along an axis and proposes round ticks. */
  private record Axis(double min, double max, boolean log, List<Double> ticks) {
    static Axis linear(double max) {
      double step = niceStep(max / 5);
      double top = Math.ceil(max / step) * step;
      List<Double> ticks = new ArrayList<>();
      for (int i = 0; i * step <= top + step / 2; i++) {
        ticks.add(i * step);
      }
      return new Axis(0, top, false, ticks);
    }

    /** From 0 to exactly {@code max}, round ticks within. */
    static Axis exact(double max) {
      double step = niceStep(max / 5);
      List<Double> ticks = new ArrayList<>();
      for (int i = 0; i * step <= max * (1 + 1e-9); i++) {
        ticks.add(i * step);
      }
      return new Axis(0, max, false, ticks);
    }

    static Axis log(double min, double max) {
      double lo = Math.floor(Math.log10(min));
      double hi = Math.ceil(Math.log10(max));
      if (hi <= lo) {
        hi = lo + 1;
      }
      List<Double> ticks = new ArrayList<>();
      for (double e = lo; e <= hi; e++) {
        ticks.add(Math.pow(10, e));
      }
      return new Axis(lo, hi, true, ticks);
    }

    double position(double v) {
      double at = log ? Math.log10(v) : v;
      return Math.max(0, Math.min(1, (at - min) / (max - min)));
    }

    private static double niceStep(double rough) {
      if (rough <= 0) {
        return 1;
      }
      double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
      double f = rough / magnitude;
      return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }
  }
}
